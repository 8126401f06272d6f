/// One row of `people.csv`: someone liaisond writes to who is not necessarily a member row —
/// a liaison (联系人) or a grid leader (网格长).
public struct Person: Hashable, Sendable {
    public enum Role: String, Sendable, Hashable {
        case liaison
        case gridLeader = "grid-leader"
    }

    public var id: String
    public var name: String
    public var email: String?
    public var role: Role
    public var grid: String?
    public var line: Int

    public init(id: String, name: String, email: String?, role: Role, grid: String?, line: Int = 0) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.grid = grid
        self.line = line
    }

    public var mailbox: Mailbox? { email.map { Mailbox(name: name, address: $0) } }
}

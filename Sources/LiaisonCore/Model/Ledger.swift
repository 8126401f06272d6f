/// The branch's ledger (台账): members and the people who look after them, as read from the
/// roster files. Lookups are built once so that rules stay linear in the number of members.
public struct Ledger: Sendable {
    public let members: [Member]
    public let people: [Person]
    public let memberIndex: [String: Int]
    public let personIndex: [String: Int]
    /// Grid id → the grid leader (first one listed if several).
    public let gridLeaders: [String: Person]
    /// Roster line → position in `members` (-1: no member on that line). A member is found
    /// again from its line without hashing its id; `position(of:)` checks the id.
    let positionByLine: [Int32]

    public init(members: [Member], people: [Person]) {
        var mi: [String: Int] = [:]
        mi.reserveCapacity(members.count)
        for (i, m) in members.enumerated() where mi[m.id] == nil { mi[m.id] = i }
        self.init(members: members, people: people, memberIndex: mi)
    }

    /// With the member index already built (the roster reader builds it while checking that
    /// ids are unique): id → position of the first member with that id.
    init(members: [Member], people: [Person], memberIndex mi: [String: Int]) {
        self.members = members
        self.people = people
        var pi: [String: Int] = [:]
        var gl: [String: Person] = [:]
        for (i, p) in people.enumerated() {
            if pi[p.id] == nil { pi[p.id] = i }
            if p.role == .gridLeader, let g = p.grid, gl[g] == nil { gl[g] = p }
        }
        memberIndex = mi
        personIndex = pi
        gridLeaders = gl
        // Rows are in line order; lines past twice the rows (a file of many blank lines or
        // long quoted notes) are left to the lookup by id rather than sized for.
        let lastLine = Swift.max(0, Swift.min(members.last?.line ?? 0, 2 * members.count + 16))
        var byLine = [Int32](repeating: -1, count: lastLine + 1)
        for (i, m) in members.enumerated() where m.line >= 0 && m.line < byLine.count && byLine[m.line] < 0 {
            byLine[m.line] = Int32(i)
        }
        positionByLine = byLine
    }

    /// Where `m` is in `members`, found by its line; nil for a member read from elsewhere (or
    /// made in a test) whose line does not lead to it — the caller then looks it up by id.
    func position(of m: Member) -> Int? {
        guard m.line >= 0 && m.line < positionByLine.count else { return nil }
        let p = Int(positionByLine[m.line])
        return p >= 0 && members[p].id == m.id ? p : nil
    }

    public func member(_ id: String) -> Member? { memberIndex[id].map { members[$0] } }
    public func person(_ id: String) -> Person? { personIndex[id].map { people[$0] } }
    public func liaison(of m: Member) -> Person? { m.liaison.flatMap { person($0) } }
    public func gridLeader(of m: Member) -> Person? { m.grid.flatMap { gridLeaders[$0] } }
}

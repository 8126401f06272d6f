/// The branch's ledger (台账): members and the people who look after them, as read from the
/// roster files. Lookups are built once so that rules stay linear in the number of members.
public struct Ledger: Sendable {
    public let members: [Member]
    public let people: [Person]
    public let memberIndex: [String: Int]
    public let personIndex: [String: Int]
    /// Grid id → the grid leader (first one listed if several).
    public let gridLeaders: [String: Person]

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
    }

    public func member(_ id: String) -> Member? { memberIndex[id].map { members[$0] } }
    public func person(_ id: String) -> Person? { personIndex[id].map { people[$0] } }
    public func liaison(of m: Member) -> Person? { m.liaison.flatMap { person($0) } }
    public func gridLeader(of m: Member) -> Person? { m.grid.flatMap { gridLeaders[$0] } }
}

/// One grid's `contact.quarterly` standing in the current quarter, among active outgoing
/// members with a liaison and `since`: contacted this quarter, pending (this quarter still
/// open) and overdue (an earlier quarter still open). `digest.monthly` and `status` both
/// count with `ContactQuarterlyRule.tallies`.
public struct ContactTally: Sendable, Hashable, Codable {
    /// nil: members without a grid.
    public var grid: String?
    public var contacted: Int
    public var pending: Int
    public var overdue: Int

    public init(grid: String?, contacted: Int = 0, pending: Int = 0, overdue: Int = 0) {
        self.grid = grid
        self.contacted = contacted
        self.pending = pending
        self.overdue = overdue
    }
}

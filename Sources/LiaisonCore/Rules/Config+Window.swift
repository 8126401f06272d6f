import Foundation

extension Config.Schedule {
    /// The earliest instant whose obligations the rules still open: the store's first tick
    /// less `catch_up`. A branch that starts using liaisond is not sent notices for periods
    /// that closed long before; every caller (the pass, `due`, `status`, replies) asks here.
    /// - Parameter firstTick: the store's first tick; nil for a store that has never ticked,
    ///   when `now` stands in for it.
    public func windowStart(firstTick: Date?, now: Date) -> Date {
        (firstTick ?? now).addingTimeInterval(-catchUp.approximateSeconds)
    }
}

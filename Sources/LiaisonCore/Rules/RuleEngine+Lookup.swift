import Foundation

extension RuleEngine {
    /// The open obligation a stored reminder belongs to, re-derived from the current ledger
    /// and records; nil when it is resolved or its member has left the roster.
    ///
    /// The sender asks this just before sending, so that addresses come from the roster as it
    /// is now and a reminder resolved while it waited is not sent at all.
    public func currentObligation(rule: RuleID, member: String?, grid: String?, period: String,
                                  context ctx: RuleContext) -> Obligation? {
        guard let r = rules.first(where: { $0.id == rule }) else { return nil }
        if let id = member {
            guard let m = ctx.ledger.member(id), ctx.isActive(m) else { return nil }
            return r.obligations(for: m, in: ctx).first { $0.period == period }
        }
        return r.branchObligations(in: ctx).first { $0.period == period && $0.grid == grid }
    }
}

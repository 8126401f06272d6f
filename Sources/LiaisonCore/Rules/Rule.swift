/// One obligation of rules.md. A rule looks at one member at a time (so the engine stays
/// linear in the ledger) or, for grid- and branch-level rules, at the ledger as a whole.
public protocol Rule: Sendable {
    var id: RuleID { get }
    /// Open periods for one member; the engine calls this only for members that are active
    /// (not paused, relation not transferred) unless `includesInactive` says otherwise.
    func obligations(for member: Member, in context: RuleContext) -> [Obligation]
    /// `obligations(for:in:)` appended to `out`: what the engine calls, once per member and
    /// rule. The rules that apply to most members implement it so that no array is made per
    /// member; the default appends what `obligations(for:in:)` returns.
    func appendObligations(for member: Member, in context: RuleContext, into out: inout [Obligation])
    /// Open periods that belong to a grid or to the branch.
    func branchObligations(in context: RuleContext) -> [Obligation]
    /// The member's next deadline (or threshold day) on or after `day`, as the records stand:
    /// what an acknowledgement names after a reply. Counted by the rule from its own periods,
    /// not searched by evaluating it at later instants; nil for rules of notices only.
    func nextDeadline(for member: Member, onOrAfter day: LocalDate, in context: RuleContext) -> LocalDate?
}

extension Rule {
    public func obligations(for member: Member, in context: RuleContext) -> [Obligation] { [] }
    public func branchObligations(in context: RuleContext) -> [Obligation] { [] }
    public func nextDeadline(for member: Member, onOrAfter day: LocalDate, in context: RuleContext) -> LocalDate? { nil }
    public func appendObligations(for member: Member, in context: RuleContext, into out: inout [Obligation]) {
        out.append(contentsOf: obligations(for: member, in: context))
    }
}

/// A rule that applies to most members: it implements `appendObligations` (no array per
/// member), and `obligations(for:in:)` is built from it.
public protocol AppendingRule: Rule {}

extension AppendingRule {
    public func obligations(for member: Member, in context: RuleContext) -> [Obligation] {
        var out: [Obligation] = []
        appendObligations(for: member, in: context, into: &out)
        return out
    }
}

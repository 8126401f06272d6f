/// `dues.arrears`: `arrears_after` (default 3) or more consecutive months unpaid, counting only
/// months that have ended (so on 25 November, with dues paid through August, September and
/// October count: two, not three). One `notice` per month while it holds, to the liaison and the secretary
/// (the secretary is To when the member has no liaison). Facts: see `DuesArithmetic`.
public struct DuesArrearsRule: Rule {
    public let id = RuleID.duesArrears
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        var out: [Obligation] = []
        appendObligations(for: m, in: ctx, into: &out)
        return out
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        DuesArithmetic.appendObligations(rule: id, member: m, minimumMonths: ctx.regulations.arrearsAfter,
                                         endedOnly: true, ctx, into: &out) {
            [ctx.liaisonMailbox(m), ctx.secretary]
        } facts: { .duesArrears($0) }
    }
}

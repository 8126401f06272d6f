/// Decides which messages carry the reminders of one send pass: alone in their thread (as
/// before), merged with reminders that state the same fact about the same member, or as items
/// of the secretary's daily list (每日待办).
///
/// Why: on an ordinary day the secretary got 13–18 separate mails — their own matters and
/// copies (Cc) of the liaisons' — several about one member and one fact (a member out of touch
/// for six months is both `contact.lost` and the no-contact `membership.review`).
/// Alertmanager groups alerts per receiver for the same reason. Here:
/// - **One fact, one item**: for one member, `contact.lost` with the no-contact
///   `membership.review`; `dues.arrears` with the dues `membership.review`; `placement.changed`
///   at 6 months with `relation.transfer`. The item names every rule id it stands for; each
///   reminder keeps its row, key and log line.
/// - **One message per send time for the secretary** (`[mail] group = yes`), when two or more
///   reminders concern them: their own matters (To) become items of one list; the copies they
///   would have had (Cc of a liaison's or member's reminder) are listed in it too, and the
///   reminder goes to the others in its thread as before, without the secretary. Liaisons' and
///   members' threads do not change. The monthly report and the year's evaluation list stay
///   documents of their own.
///
/// Pure: the app passes the reminders (with their current addresses) and stores the plan.
public enum DailyDigestGrouping {
    /// One message to send.
    public struct Plan: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            /// One reminder in its own thread (the per-obligation model); `to`/`cc` may leave
            /// out the secretary, whose copy is in the daily list.
            case single
            /// One item standing for several reminders, in the first one's thread.
            case merged
            /// The secretary's list: items, one message of its own.
            case daily
        }
        public var kind: Kind
        /// Indices into the reminders passed in; each inner array is one item (its first
        /// reminder gives the words).
        public var items: [[Int]]
        /// For `daily`: the reminders among `items` that go out in their own thread and are
        /// only shown in the list (the secretary's copies); the list does not carry them.
        public var copies: Set<Int> = []
        public var to: [Mailbox]
        public var cc: [Mailbox]

        /// Every reminder this message carries (and marks sent).
        public var carried: [Int] { items.flatMap { $0 }.filter { !copies.contains($0) } }
    }

    /// Rules that are documents, not to-do items: never listed in the daily message.
    static let ownMessage: Set<RuleID> = [.digestMonthly, .evaluationAnnual]

    public static func plan(_ reminders: [DueReminder], secretary: Mailbox, group: Bool) -> [Plan] {
        func involved(_ r: DueReminder) -> Bool {
            !ownMessage.contains(r.rule) && (r.to + r.cc).contains { same($0, secretary) }
        }
        let concern = reminders.indices.filter { involved(reminders[$0]) }
        guard group, concern.count >= 2 else { return ungrouped(reminders) }

        var byMember: [String: [Int]] = [:]
        for (i, r) in reminders.enumerated() {
            if let m = r.member { byMember[m, default: []].append(i) }
        }
        let isOwn = { (i: Int) in reminders[i].to.first.map { same($0, secretary) } ?? false }
        var plans: [Plan] = []
        var items: [[Int]] = []
        var copies = Set<Int>()
        var listed = Set<Int>()
        // The secretary's own matters, with their partners (own, or sent to others).
        // Rules that absorb a partner first, so the partner is not listed on its own before.
        let ownFirst = concern.filter { partnerRule(of: reminders[$0]) != nil } + concern.filter { partnerRule(of: reminders[$0]) == nil }
        for i in ownFirst where isOwn(i) && !listed.contains(i) {
            var item = [i]
            if let m = reminders[i].member, let partner = partnerRule(of: reminders[i]),
               let j = (byMember[m] ?? []).first(where: { j in
                   j != i && !listed.contains(j) && reminders[j].rule == partner.rule && partner.matches(reminders[j])
               }) {
                item.append(j)
                listed.insert(j)
                if !isOwn(j) { copies.insert(j) }
            }
            listed.insert(i)
            items.append(item)
        }
        // Copies not yet named: one line each.
        for i in concern where !listed.contains(i) {
            listed.insert(i)
            copies.insert(i)
            items.append([i])
        }
        // Reminders of others go out in their threads, without the secretary.
        for i in reminders.indices where !listed.contains(i) || copies.contains(i) {
            let (to, cc) = withoutSecretary(reminders[i], secretary: secretary)
            plans.append(Plan(kind: .single, items: [[i]], to: to, cc: cc))
        }
        // Grouped by kind (the rule of each item's first reminder); own matters before copies.
        let order = Dictionary(uniqueKeysWithValues: RuleID.allCases.enumerated().map { ($1, $0) })
        let sorted = items.enumerated().sorted {
            let a = (copies.contains($0.element[0]) ? 1 : 0, order[reminders[$0.element[0]].rule] ?? 0, $0.offset)
            let b = (copies.contains($1.element[0]) ? 1 : 0, order[reminders[$1.element[0]].rule] ?? 0, $1.offset)
            return a < b
        }.map(\.element)
        plans.append(Plan(kind: .daily, items: sorted, copies: copies, to: [secretary], cc: []))
        return plans
    }

    /// A reminder's recipients without the secretary (whose copy is in a daily list); as it
    /// is when nobody else is named.
    public static func withoutSecretary(_ r: DueReminder, secretary: Mailbox) -> (to: [Mailbox], cc: [Mailbox]) {
        var to = r.to.filter { !same($0, secretary) }
        var cc = r.cc.filter { !same($0, secretary) }
        if to.isEmpty, !cc.isEmpty { to = [cc.removeFirst()] }
        if to.isEmpty { return (r.to, r.cc) }
        return (to, cc)
    }

    /// Without the list: each reminder alone, except one fact of several rules, which goes
    /// out once, to everyone its reminders name.
    static func ungrouped(_ reminders: [DueReminder]) -> [Plan] {
        var items: [[Int]] = []
        var used = Set<Int>()
        var byMember: [String: [Int]] = [:]
        for (i, r) in reminders.enumerated() {
            if let m = r.member { byMember[m, default: []].append(i) }
        }
        for (i, r) in reminders.enumerated() where !used.contains(i) {
            guard let m = r.member, let partner = partnerRule(of: r) else { continue }
            guard let j = (byMember[m] ?? []).first(where: { j in
                j != i && !used.contains(j) && reminders[j].rule == partner.rule && partner.matches(reminders[j])
            }) else { continue }
            used.insert(i)
            used.insert(j)
            items.append([i, j])
        }
        for i in reminders.indices where !used.contains(i) { items.append([i]) }
        items.sort { $0[0] < $1[0] }
        return items.map { item in
            let first = reminders[item[0]]
            var to = first.to
            var cc: [Mailbox] = []
            func add(_ m: Mailbox) {
                if to.contains(where: { same($0, m) }) || cc.contains(where: { same($0, m) }) { return }
                if to.isEmpty { to.append(m) } else { cc.append(m) }
            }
            first.cc.forEach(add)
            for j in item.dropFirst() { (reminders[j].to + reminders[j].cc).forEach(add) }
            return Plan(kind: item.count > 1 ? .merged : .single, items: [item], to: to, cc: cc)
        }
    }

    /// The reminder a reminder merges with, for the same member: (its rule, a test on it).
    static func partnerRule(of r: DueReminder) -> (rule: RuleID, matches: (DueReminder) -> Bool)? {
        switch r.rule {
        case .membershipReview:
            if r.facts.isDuesReview { return (.duesArrears, { _ in true }) }
            return (.contactLost, { _ in true })
        case .relationTransfer:
            return (.placementChanged, { r in
                if case .placementChanged(let p) = r.facts { return p.months == 6 }
                return r.period == "6m"
            })
        default:
            return nil
        }
    }

    static func same(_ a: Mailbox, _ b: Mailbox) -> Bool {
        a.address.lowercased() == b.address.lowercased()
    }
}

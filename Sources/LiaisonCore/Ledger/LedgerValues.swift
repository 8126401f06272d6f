/// Parsers for the enumerated and yes/no cells of the roster, in English or Chinese.
///
/// The roster is typed by people who use whichever language their colleague used last, so
/// every value has an English and a Chinese spelling (interface.md, "Roster files").
/// English is matched case-insensitively; Chinese exactly. Each parser returns nil for an
/// unknown value and the caller reports it; an empty cell is the caller's default.
public enum LedgerValues {
    public static let yesNoForms = "是/否, yes/no, y/n or 1/0"
    public static let kindForms = "outgoing/流出, incoming/流入 or local/直管"
    public static let relationForms = "retained/保留, transferred/已转出 or transferred-in/已转入"
    public static let reportEveryForms = "quarter/季度 or half-year/半年"
    public static let certificateCheckForms = "half-year/半年 or year/一年"
    public static let roleForms = "liaison/联系人 or grid-leader/网格长"

    /// `是/否`, `yes/no`, `y/n`, `1/0` (also `true/false`, which Excel writes for boolean
    /// cells, and the tick and cross marks `√`/`×` common in Chinese forms). An empty or
    /// blank cell gives `default`; anything else nil.
    public static func yesNo(_ text: String, default defaultValue: Bool = false) -> Bool? {
        let t = text.whitespaceTrimmed
        if t.isEmpty { return defaultValue }
        if let b = yesNoMarks.value(t) { return b }
        switch t.lowercased() {
        case "yes", "y", "true": return true
        case "no", "n", "false": return false
        default: return nil
        }
    }

    /// `outgoing`/`流出`, `incoming`/`流入`, `local`/`直管`.
    public static func kind(_ text: String) -> Member.Kind? {
        kinds.value(lookupKey(text))
    }

    /// `retained`/`保留`, `transferred`/`已转出`, `transferred-in`/`已转入`.
    public static func relation(_ text: String) -> Member.Relation? {
        relations.value(lookupKey(text))
    }

    /// `quarter`/`季度`, `half-year`/`半年`.
    public static func reportEvery(_ text: String) -> Member.ReportEvery? {
        reportPeriods.value(lookupKey(text))
    }

    /// `half-year`/`半年`, `year`/`一年`.
    public static func certificateCheck(_ text: String) -> Member.CheckEvery? {
        checkPeriods.value(lookupKey(text))
    }

    public static let duesAtForms = "branch/本支部 or inflow/流入地"
    public static let expectedLengthForms = "a number of months or years, e.g. 3个月, 半年, 1年, 6month, 1y"

    /// `branch`/`本支部`, `inflow`/`流入地`.
    public static func duesAt(_ text: String) -> Member.DuesAt? {
        duesPlaces.value(lookupKey(text))
    }

    /// `预计外出时长`: `3个月`, `3月`, `半年`, `1年`, `两年` is not read (digits only), `90天`,
    /// or a config duration (`6month`, `1y`, `90d`).
    public static func expectedLength(_ text: String) -> Duration? {
        let t = text.whitespaceTrimmed
        if let d = fixedLengths.value(t) { return d }
        // Suffixes compared by bytes (`hasSuffix` compares characters, a tenth of reading a
        // roster); a cell with a CJK compatibility ideograph (U+F900–U+FAFF, such as the 年
        // of U+F98E, bytes EF A4–AB) is compared by characters as before.
        let compatibility = t.utf8.contains(0xEF)
        func ends(_ s: String, with suffix: String) -> Bool {
            compatibility ? s.hasSuffix(suffix) : s.utf8.reversed().starts(with: suffix.utf8.reversed())
        }
        for (suffix, months, days) in lengthSuffixes where ends(t, with: suffix) {
            let number = (compatibility ? String(t.dropLast(suffix.count))
                                        : String(decoding: t.utf8.dropLast(suffix.utf8.count), as: UTF8.self)).whitespaceTrimmed
            if ends(number, with: "个") { continue }
            guard let n = ConfigParser.asciiInt(number), n > 0, n <= 1200 else { return nil }
            return months > 0 ? Duration(months: n * months) : Duration.days(n * days)
        }
        if let d = ConfigParser.parseDuration(t), d.months > 0 || d.seconds > 0 { return d }
        return nil
    }

    private static let fixedLengths = Spellings<Duration>(["半年": Duration(months: 6), "长期": Duration(months: 120)])
    private static let lengthSuffixes = [("个月", 1, 0), ("月", 1, 0), ("年", 12, 0), ("天", 0, 1), ("日", 0, 1)]

    /// `liaison`/`联系人`, `grid-leader`/`网格长`.
    public static func role(_ text: String) -> Person.Role? {
        roles.value(lookupKey(text))
    }

    /// The spellings of each value (`Spellings` compares them by bytes first).
    private static let kinds = Spellings<Member.Kind>([
        "outgoing": .outgoing, "流出": .outgoing, "incoming": .incoming, "流入": .incoming, "local": .local, "直管": .local,
    ])
    private static let relations = Spellings<Member.Relation>([
        "retained": .retained, "保留": .retained, "transferred": .transferred, "已转出": .transferred,
        "transferred-in": .transferredIn, "已转入": .transferredIn,
    ])
    private static let reportPeriods = Spellings<Member.ReportEvery>([
        "quarter": .quarter, "季度": .quarter, "half-year": .halfYear, "半年": .halfYear,
    ])
    private static let checkPeriods = Spellings<Member.CheckEvery>([
        "half-year": .halfYear, "半年": .halfYear, "year": .year, "一年": .year,
    ])
    private static let duesPlaces = Spellings<Member.DuesAt>([
        "branch": .branch, "本支部": .branch, "本社区": .branch, "原支部": .branch,
        "inflow": .inflow, "流入地": .inflow, "当地": .inflow, "外地": .inflow,
    ])
    private static let roles = Spellings<Person.Role>([
        "liaison": .liaison, "联系人": .liaison, "grid-leader": .gridLeader, "网格长": .gridLeader,
    ])
    private static let yesNoMarks = Spellings<Bool>([
        "是": true, "1": true, "√": true, "✓": true, "否": false, "0": false, "×": false, "✗": false,
    ])

    /// Trimmed and, when it is ASCII (an English spelling), lower-cased; Chinese is matched as
    /// written. `_` is read as `-` so that `half_year` works too.
    private static func lookupKey(_ text: String) -> String {
        let t = text.whitespaceTrimmed
        // Most cells are already in canonical form: no copy for them.
        guard t.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x5F }),
              t.utf8.allSatisfy({ $0 < 0x80 }) else { return t }
        return String(decoding: t.utf8.map { b -> UInt8 in
            if b >= 0x41 && b <= 0x5A { return b + 0x20 }
            return b == 0x5F ? 0x2D : b
        }, as: UTF8.self)
    }
}

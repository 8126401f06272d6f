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
        switch t {
        case "": return defaultValue
        case "是", "1", "√", "✓": return true
        case "否", "0", "×", "✗": return false
        default: break
        }
        switch t.lowercased() {
        case "yes", "y", "true": return true
        case "no", "n", "false": return false
        default: return nil
        }
    }

    /// `outgoing`/`流出`, `incoming`/`流入`, `local`/`直管`.
    public static func kind(_ text: String) -> Member.Kind? {
        switch lookupKey(text) {
        case "outgoing", "流出": return .outgoing
        case "incoming", "流入": return .incoming
        case "local", "直管": return .local
        default: return nil
        }
    }

    /// `retained`/`保留`, `transferred`/`已转出`, `transferred-in`/`已转入`.
    public static func relation(_ text: String) -> Member.Relation? {
        switch lookupKey(text) {
        case "retained", "保留": return .retained
        case "transferred", "已转出": return .transferred
        case "transferred-in", "已转入": return .transferredIn
        default: return nil
        }
    }

    /// `quarter`/`季度`, `half-year`/`半年`.
    public static func reportEvery(_ text: String) -> Member.ReportEvery? {
        switch lookupKey(text) {
        case "quarter", "季度": return .quarter
        case "half-year", "半年": return .halfYear
        default: return nil
        }
    }

    /// `half-year`/`半年`, `year`/`一年`.
    public static func certificateCheck(_ text: String) -> Member.CheckEvery? {
        switch lookupKey(text) {
        case "half-year", "半年": return .halfYear
        case "year", "一年": return .year
        default: return nil
        }
    }

    public static let duesAtForms = "branch/本支部 or inflow/流入地"
    public static let expectedLengthForms = "a number of months or years, e.g. 3个月, 半年, 1年, 6month, 1y"

    /// `branch`/`本支部`, `inflow`/`流入地`.
    public static func duesAt(_ text: String) -> Member.DuesAt? {
        switch lookupKey(text) {
        case "branch", "本支部", "本社区", "原支部": return .branch
        case "inflow", "流入地", "当地", "外地": return .inflow
        default: return nil
        }
    }

    /// `预计外出时长`: `3个月`, `3月`, `半年`, `1年`, `两年` is not read (digits only), `90天`,
    /// or a config duration (`6month`, `1y`, `90d`).
    public static func expectedLength(_ text: String) -> Duration? {
        let t = text.whitespaceTrimmed
        if t == "半年" { return Duration(months: 6) }
        if t == "长期" { return Duration(months: 120) }
        for (suffix, months, days) in [("个月", 1, 0), ("月", 1, 0), ("年", 12, 0), ("天", 0, 1), ("日", 0, 1)] {
            guard t.hasSuffix(suffix) else { continue }
            let number = String(t.dropLast(suffix.count)).whitespaceTrimmed
            if number.hasSuffix("个") { continue }
            guard let n = ConfigParser.asciiInt(number), n > 0, n <= 1200 else { return nil }
            return months > 0 ? Duration(months: n * months) : Duration.days(n * days)
        }
        if let d = ConfigParser.parseDuration(t), d.months > 0 || d.seconds > 0 { return d }
        return nil
    }

    /// `liaison`/`联系人`, `grid-leader`/`网格长`.
    public static func role(_ text: String) -> Person.Role? {
        switch lookupKey(text) {
        case "liaison", "联系人": return .liaison
        case "grid-leader", "网格长": return .gridLeader
        default: return nil
        }
    }

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

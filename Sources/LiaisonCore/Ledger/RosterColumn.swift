/// A column of a roster file, known by an English and a Chinese header.
///
/// Both roster files share the header rules (either language, English case-insensitive,
/// unknown headers refused, required ones checked), so they share one reader of headers,
/// `RosterHeader`, parameterised by the file's column set.
protocol RosterColumn: CaseIterable, Hashable, Sendable, RawRepresentable where AllCases == [Self], RawValue == Int {
    var english: String { get }
    var chinese: String { get }
    /// Other headers that mean this column, as branches' own spreadsheets write them
    /// (`手机号码` for 电话, `党费交至` for 党费缴至); matched exactly, like `chinese`.
    var synonyms: [String] { get }
    /// Columns whose header must be present. `rawValue` is the index into `allCases`.
    static var required: [Self] { get }
}

extension RosterColumn {
    var synonyms: [String] { [] }

    /// `id/编号`, as used in messages that list the accepted headers.
    var bothNames: String { "\(english)/\(chinese)" }
}

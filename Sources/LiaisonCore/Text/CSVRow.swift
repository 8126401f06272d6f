/// One record of a CSV file, with the physical line it starts on.
///
/// The line is kept because a quoted field may span lines: the roster's diagnostics must point
/// at the line an operator sees in an editor, not at the record's ordinal.
public struct CSVRow: Hashable, Sendable {
    /// 1-based physical line where the row starts.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Days and months in stored facts are their ISO text (`2026-03-01`, `2026-11`), as people
/// and `due --json` read them.
protocol ISOTextCodable: Codable, CustomStringConvertible {
    static func fromISO(_ text: String) -> Self?
}

extension ISOTextCodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let v = Self.fromISO(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not ISO 8601: \(text)")
        }
        self = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension LocalDate: ISOTextCodable {
    static func fromISO(_ text: String) -> LocalDate? { LocalDate.iso(text) }
}

extension YearMonth: ISOTextCodable {
    static func fromISO(_ text: String) -> YearMonth? { YearMonth.iso(text) }
}

/// `liaisond ingest` — being built (placeholder until its issue lands).
enum IngestCommand {
    static func run(_ argv: [String]) throws -> Int32 {
        throw AppError.unavailable("ingest: not available in this build yet")
    }
}

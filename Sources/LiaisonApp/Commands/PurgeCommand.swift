/// `liaisond purge` — being built (placeholder until its issue lands).
enum PurgeCommand {
    static func run(_ argv: [String]) throws -> Int32 {
        throw AppError.unavailable("purge: not available in this build yet")
    }
}

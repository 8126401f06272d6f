/// `liaisond status` — being built (placeholder until its issue lands).
enum StatusCommand {
    static func run(_ argv: [String]) throws -> Int32 {
        throw AppError.unavailable("status: not available in this build yet")
    }
}

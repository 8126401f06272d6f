/// `liaisond run` — being built (placeholder until its issue lands).
enum RunCommand {
    static func run(_ argv: [String]) throws -> Int32 {
        throw AppError.unavailable("run: not available in this build yet")
    }
}

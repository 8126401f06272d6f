/// `liaisond export` — being built (placeholder until its issue lands).
enum ExportCommand {
    static func run(_ argv: [String]) throws -> Int32 {
        throw AppError.unavailable("export: not available in this build yet")
    }
}

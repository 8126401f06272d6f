/// Work cut in two halves that run at once, for a large roster (`LedgerParser.parse`,
/// `LedgerLimits.problems`, `Charset.firstInvalidUTF8Offset(_:perform:)`).
///
/// The core starts no thread: its caller says how to run the halves (the app passes
/// `DispatchQueue.concurrentPerform`); tests and small inputs run them one after the other.
public enum Halves {
    /// Runs a body for each of 0..<n, at once if it can.
    public typealias Perform = (Int, (Int) -> Void) -> Void

    /// One after the other.
    public static func inOrder(_ n: Int, _ body: (Int) -> Void) {
        for i in 0..<n { body(i) }
    }

    /// `body(0)` and `body(1)` through `perform`, each writing only its own result.
    public static func run<T>(_ perform: Perform, _ body: (Int) -> T) -> (T, T) {
        var results: [T?] = [nil, nil]
        withoutActuallyEscaping(body) { body in
            results.withUnsafeMutableBufferPointer { slot in
                perform(2) { i in slot[i] = body(i) }
            }
        }
        return (results[0]!, results[1]!)
    }
}

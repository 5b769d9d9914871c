import Foundation

/// Runs a body on several real threads at once and collects what they throw.
enum ConcurrentThreads {
    /// Starts `count` threads that each run `body(index)` after all of them are ready, waits for all, and
    /// returns the errors they threw, as text.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [String] {
        let errors = ErrorLog()
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                start.wait()
                do {
                    try body(index)
                } catch {
                    errors.append("thread \(index): \(error)")
                }
                group.leave()
            }
            thread.start()
        }
        for _ in 0..<count {
            start.signal()
        }
        group.wait()
        return errors.all
    }
}

/// A lock-protected list of error messages.
final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func append(_ message: String) {
        lock.withLock { messages.append(message) }
    }

    var all: [String] {
        lock.withLock { messages }
    }
}

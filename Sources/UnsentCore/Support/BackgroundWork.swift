import Dispatch
import Foundation

/// Work done on another thread and waited for where its result is needed, so that independent
/// parts of a start (the parts of a content snapshot; the crisis rules and a quick log's note;
/// the store and the content) overlap on two cores.
///
/// Work made with `startingNow: false` waits for `start()`: a start that must show its first
/// prompt soon keeps both cores for that, and starts the rest once the prompt is on screen. Asked
/// for before it was started, it is done then, on the asking thread.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    /// Guarded by `lock`: the work until someone starts it or asks for it.
    private var work: (@Sendable () throws -> Value)?
    /// Written once before `done` is signalled; read only after waiting for it.
    private var result: Result<Value, any Error>?

    public init(startingNow: Bool = true, _ work: @escaping @Sendable () throws -> Value) {
        self.work = work
        if startingNow { start() }
    }

    /// Starts the work on another thread, unless it was started (or done) already.
    public func start() {
        guard let work = take() else { return }
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    /// The work's value (or its error), waiting for it to finish; may be asked more than once.
    public func value() throws -> Value {
        if let work = take() {
            result = Result(catching: work)
            done.signal()
        }
        done.wait()
        defer { done.signal() }
        guard let result else { preconditionFailure("the work signalled before it stored its result") }
        return try result.get()
    }

    /// The work, for the one caller that will do it.
    private func take() -> (@Sendable () throws -> Value)? {
        lock.lock()
        defer { lock.unlock() }
        let taken = work
        work = nil
        return taken
    }
}

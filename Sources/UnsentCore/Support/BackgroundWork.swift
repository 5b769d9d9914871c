import Dispatch

/// Work started on another thread at once and waited for where its result is needed, so that two
/// independent parts of a start (the two parts of a content snapshot; the crisis rules and a quick
/// log's note) overlap on two cores.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the worker before it signals `done`; read only after waiting for it.
    private var result: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    /// The work's value (or its error), waiting for it to finish; may be asked more than once.
    public func value() throws -> Value {
        done.wait()
        defer { done.signal() }
        guard let result else { preconditionFailure("the work signalled before it stored its result") }
        return try result.get()
    }
}

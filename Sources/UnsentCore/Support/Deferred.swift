import Foundation

/// A value that is made once, where it is first needed: a part of the content still being read
/// on another thread is waited for there (the crisis rules before the first line is checked), so a
/// start shows its first prompt without waiting for what only a typed line reads.
final class Deferred<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`: the value once made, and until then what makes it.
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    /// A value there already.
    init(_ value: Value) {
        made = value
    }

    /// A value `make` gives when it is first asked for (it may wait for work on another thread).
    init(making make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        guard let make else { preconditionFailure("a deferred value has neither a value nor a way to make it") }
        let value = make()
        made = value
        self.make = nil
        return value
    }
}

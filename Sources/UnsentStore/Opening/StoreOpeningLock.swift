import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock (`flock`) on the store's folder, held while one process checks, opens and migrates the
/// store. Without it, unsent processes starting together race through creating the file: SQLite gives up at
/// once, without waiting, when two connections switch a new file to WAL together, and a check can see a
/// half-made schema. Writes after opening rely on SQLite's own locking and do not take this lock.
///
/// The folder is locked rather than a lock file so that nothing is added next to a file that is not ours.
enum StoreOpeningLock {
    /// Runs `body` while holding the lock, waiting up to `timeout` for it. Where the folder cannot be locked
    /// at all (some network file systems), `body` runs without the lock.
    static func withLock<Value>(
        storePath: String, directory: String, timeout: TimeInterval,
        _ body: () throws(StoreError) -> Value
    ) throws(StoreError) -> Value {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return try body()
        }
        defer { close(descriptor) }
        guard try acquire(descriptor, storePath: storePath, timeout: timeout) else {
            return try body()
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Returns false when the file system does not support the lock.
    private static func acquire(_ descriptor: Int32, storePath: String, timeout: TimeInterval) throws(StoreError) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                return true
            }
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                return false
            }
            guard Date() < deadline else {
                throw StoreError(
                    kind: .locked, path: storePath, detail: "another unsent process is still opening it")
            }
            usleep(10_000)
        }
    }
}

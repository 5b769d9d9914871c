import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs code under the umask 077, so that files and folders it creates are private from the moment they exist.
///
/// The umask belongs to the whole process, so changes to it are serialized: two stores opening on two
/// threads would otherwise restore each other's masks in the wrong order and leave 077 behind for good.
/// The lock is recursive so that a caller (a test) may hold it around a store's opening.
enum ProcessUmask {
    static let lock = NSRecursiveLock()

    static func withPrivateMask<Value>(_ body: () throws(StoreError) -> Value) throws(StoreError) -> Value {
        lock.lock()
        defer { lock.unlock() }
        let previous = umask(0o077)
        defer { umask(previous) }
        return try body()
    }
}

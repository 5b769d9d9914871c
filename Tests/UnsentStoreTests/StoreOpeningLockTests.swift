import Foundation
import Testing
@testable import UnsentStore

@Suite("Store opening lock")
struct StoreOpeningLockTests {
    /// Another process in the middle of opening (creating or migrating) the store holds the folder lock;
    /// a second opener waits up to its busy timeout, creates nothing, and says the store is in use.
    @Test func anOpenerWaitsForTheFolderLockThenReportsLocked() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let holderErrors = ErrorLog()
        let folder = directory.path
        Thread {
            do {
                try StoreOpeningLock.withLock(storePath: path, directory: folder, timeout: 1) {
                    locked.signal()
                    release.wait()
                }
            } catch {
                holderErrors.append("\(error)")
                locked.signal()
            }
            finished.signal()
        }.start()
        locked.wait()

        let started = Date()
        let error = #expect(throws: StoreError.self) { try Store(path: path, busyTimeout: 0.2) }
        let waited = Date().timeIntervalSince(started)
        let createdWhileWaiting = FileInfo.exists(path)
        release.signal()
        finished.wait()

        #expect(holderErrors.all.isEmpty)
        #expect(error?.kind == .locked)
        #expect(error?.detail == "another unsent process is still opening it")
        #expect(waited >= 0.15)
        #expect(!createdWhileWaiting)
        let store = try Store(path: path, busyTimeout: 0.2)
        #expect(try store.integrityCheck() == "ok")
    }
}

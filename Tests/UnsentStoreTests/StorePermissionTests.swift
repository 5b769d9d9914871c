import Foundation
import Testing
@testable import UnsentStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Store permissions")
struct StorePermissionTests {
    @Test func newFolderIs0700AndFilesAre0600UnderALooseUmask() throws {
        // The umask is process-wide: hold the store's own umask lock so that no other test's store changes
        // it meanwhile (the lock is recursive, so the store below can take it too).
        ProcessUmask.lock.lock()
        defer { ProcessUmask.lock.unlock() }
        let previousMask = umask(0o022)
        defer { umask(previousMask) }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("data/unsent")
        let path = folder + "/unsent.sqlite"

        let store = try Store(path: path)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .bot, node: nil, text: "Hi.")

        #expect(FileInfo.mode(folder) == 0o700)
        #expect(FileInfo.mode(path) == 0o600)
        #expect(FileInfo.mode(path + "-wal") == 0o600)
        #expect(FileInfo.mode(path + "-shm") == 0o600)
        // The umask the process had is back.
        let current = umask(0o022)
        #expect(current == 0o022)
    }

    @Test func aLooseFolderHoldingOnlyTheStoreIsTightened() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("unsent")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(chmod(folder, 0o755) == 0)
        #expect(chmod(directory.path, 0o755) == 0)

        _ = try Store(path: folder + "/unsent.sqlite")

        #expect(FileInfo.mode(folder) == 0o700)
        // The folder above it is not the store's and keeps its mode.
        #expect(FileInfo.mode(directory.path) == 0o755)
    }

    @Test func aSharedFolderKeepsItsMode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(chmod(directory.path, 0o755) == 0)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: directory.file("notes.txt")))

        let store = try Store(path: directory.file("unsent.sqlite"))
        _ = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)

        #expect(FileInfo.mode(directory.path) == 0o755)
        #expect(FileInfo.mode(directory.file("unsent.sqlite")) == 0o600)
    }

    @Test func anExistingLooseStoreFileIsTightenedTo0600() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            _ = try Store(path: path)
        }
        #expect(chmod(path, 0o644) == 0)

        _ = try Store(path: path)

        #expect(FileInfo.mode(path) == 0o600)
    }
}

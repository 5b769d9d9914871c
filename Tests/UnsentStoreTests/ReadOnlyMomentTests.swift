import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// A store that was read-only for a moment works again once it is writable: no -wal or -shm file made
/// while it was read-only (with its mode, 0400) is left to refuse every later opening.
@Suite("A read-only moment leaves nothing behind")
struct ReadOnlyMomentTests {
    @Test(.enabled(if: ReadOnlyFile.isPossible))
    func aRefusedReadOnlyStoreLeavesNoCompanionFilesAndWorksWhenWritableAgain() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let store = try Store(path: path)
            try store.setSetting("region", "nz")
            // unsent keeps its log when it closes; a store checkpointed and closed by an older unsent (or by
            // SQLite) has no -wal or -shm, which is the case where a read-only connection would leave them.
            try store.writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try store.writer.close()
        }
        for companion in [path + "-wal", path + "-shm"] { try FileManager.default.removeItem(atPath: companion) }
        #expect(try directory.contents() == ["unsent.sqlite"])
        #expect(ReadOnlyFile.make(path))

        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        ReadOnlyFile.undo(path)

        #expect(error?.kind == .readOnly)
        #expect(try directory.contents() == ["unsent.sqlite"])
        let store = try Store(path: path)
        try store.setSetting("region", "uk")
        #expect(try store.setting("region") == "uk")
    }

    @Test func companionFilesLeftReadOnlyAreGivenBackTheirWritePermission() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        _ = try Store(path: path)
        for companion in [path + "-wal", path + "-shm"] {
            #expect(FileManager.default.createFile(atPath: companion, contents: Data(), attributes: [.posixPermissions: 0o400]))
        }

        let store = try Store(path: path)
        try store.setSetting("region", "uk")

        #expect(FileInfo.mode(path + "-shm") == 0o600)
        #expect(FileInfo.mode(path + "-wal") == 0o600)
    }
}

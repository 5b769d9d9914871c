import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Store opening failures leave files untouched")
struct StoreOpeningFailureTests {
    @Test func randomBytesAreNotADatabaseAndStayAsTheyWere() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let original = FileInfo.randomBytes(count: 8192)
        try original.write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .notADatabase)
        #expect(error?.path == path)
        #expect(error?.description.hasPrefix("The store at \(path) is not an unsent database (") == true)
        #expect(error?.description.hasSuffix(
            "It was left untouched. Move it aside or pass --store with another path.") == true)
        #expect(try FileInfo.bytes(path) == original)
        #expect(try directory.contents() == ["unsent.sqlite"])
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("contacts.sqlite")
        do {
            let foreign = try DatabaseQueue(path: path)
            try foreign.write { db in
                try db.execute(sql: "CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('ex')")
            }
            try foreign.close()
        }
        let before = try FileInfo.bytes(path)

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .notADatabase)
        #expect(error?.detail.contains("another program") == true)
        #expect(try FileInfo.bytes(path) == before)
        #expect(try directory.contents() == ["contacts.sqlite"])
    }

    @Test func aDamagedStoreIsReportedAsCorruptAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let store = try Store(path: path)
            let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
            let turns = (0..<400).map { index in
                NewTurn(
                    sessionId: session, at: TestDates.at(Double(index)), speaker: .bot, node: nil,
                    text: String(repeating: "turn \(index) ", count: 20))
            }
            try store.appendTurns(turns)
            // The log is kept on close: bring the pages into the file, where the damage goes.
            try store.writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
        // Overwrite the middle of the file (b-tree pages, not the header) with garbage.
        var bytes = try FileInfo.bytes(path)
        #expect(bytes.count > 16 * 4096)
        let garbage = FileInfo.randomBytes(count: 4 * 4096)
        bytes.replaceSubrange((8 * 4096)..<(12 * 4096), with: garbage)
        try bytes.write(to: URL(fileURLWithPath: path))
        let damaged = try FileInfo.bytes(path)

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .corrupt)
        #expect(error?.description.contains("is damaged") == true)
        #expect(try FileInfo.bytes(path) == damaged)
    }

    @Test func aDirectoryAtThePathIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error == StoreError(kind: .isDirectory, path: path))
        #expect(error?.description == "The store at \(path) is a directory, not a file. Pass --store with a file path.")
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty)
    }

    @Test func aFileWhereTheFolderShouldBeIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory.file("unsent")))
        let path = directory.file("unsent/unsent.sqlite")

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .cannotCreateDirectory)
        #expect(error?.description.contains("The folder \(directory.file("unsent")) for the store at \(path)") == true)
    }

    @Test func anEmptyFileBecomesANewStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))

        let store = try Store(path: path)

        #expect(try store.sessions(limit: 1).isEmpty)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test(.enabled(if: ReadOnlyFile.isPossible, "cannot make a file unwritable for this user here"))
    func aReadOnlyStoreIsReportedAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let store = try Store(path: path)
            _ = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        }
        let before = try FileInfo.bytes(path)
        #expect(ReadOnlyFile.make(path))
        defer { ReadOnlyFile.undo(path) }

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .readOnly)
        #expect(error?.description.contains("cannot be written") == true)
        #expect(error?.description.contains("mode 0600") == true)
        #expect(try FileInfo.bytes(path) == before)
    }

    /// The real read-only condition above needs a file this process cannot write; this checks the mapping
    /// from SQLite's result codes itself, which also covers errors met after opening.
    @Test(arguments: [
        (ResultCode.SQLITE_NOTADB, StoreError.Kind.notADatabase),
        (.SQLITE_CORRUPT, .corrupt),
        (.SQLITE_BUSY, .locked),
        (.SQLITE_LOCKED, .locked),
        (.SQLITE_READONLY, .readOnly),
        (.SQLITE_READONLY_DBMOVED, .readOnly),
        (.SQLITE_PERM, .readOnly),
        (.SQLITE_CANTOPEN, .readOnly),
        (.SQLITE_FULL, .diskFull),
        (.SQLITE_IOERR, .other),
        // A write or shared-memory file that cannot grow is reported as a full disk.
        (.SQLITE_IOERR_WRITE, .diskFull),
        (.SQLITE_IOERR_SHMSIZE, .diskFull),
        (.SQLITE_IOERR_READ, .other),
        (.SQLITE_CONSTRAINT_FOREIGNKEY, .other),
    ])
    func sqliteResultCodesMapToKinds(code: ResultCode, kind: StoreError.Kind) {
        let error = StoreError.wrapping(DatabaseError(resultCode: code, message: "sqlite says no"), path: "/x/unsent.sqlite")
        #expect(error == StoreError(kind: kind, path: "/x/unsent.sqlite", detail: "sqlite says no"))
    }

    @Test func aStoreErrorPassesThroughWrappingUnchanged() {
        let original = StoreError(kind: .locked, path: "/a", detail: "database is locked")
        #expect(StoreError.wrapping(original, path: "/b") == original)
    }
}

import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// A start reads every page of the store once a week, not at every start; the time of the last check is
/// kept in the store. The log is kept when the store closes.
@Suite("Weekly integrity check and the kept log")
struct IntegrityScheduleTests {
    static let monday = Date(timeIntervalSince1970: 1_796_000_000)

    /// A store of 400 turns, its pages checkpointed into the file, closed.
    private func filledStore(in directory: TemporaryDirectory, now: Date) throws -> String {
        let path = directory.file("unsent.sqlite")
        let store = try Store(path: path, now: now)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        try store.appendTurns((0..<400).map { index in
            NewTurn(sessionId: session, at: TestDates.at(Double(index)), speaker: .bot, node: nil,
                    text: String(repeating: "turn \(index) ", count: 20))
        })
        try store.writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return path
    }

    private func lastCheck(_ path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try IntegritySchedule.lastRun(db) }
    }

    private func damagePages(of path: String) throws {
        var bytes = try FileInfo.bytes(path)
        #expect(bytes.count > 16 * 4096)
        bytes.replaceSubrange((8 * 4096)..<(12 * 4096), with: FileInfo.randomBytes(count: 4 * 4096))
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test func aNewStoreRecordsNoCheckAndTheNextStartChecksAndRecordsIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try filledStore(in: directory, now: Self.monday)
        #expect(try lastCheck(path) == nil)

        _ = try Store(path: path, now: Self.monday)

        #expect(try lastCheck(path) == Self.monday.storable)
    }

    @Test func damageIsFoundAtTheFirstStartAWeekAfterTheLastCheckNotBefore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try filledStore(in: directory, now: Self.monday)
        _ = try Store(path: path, now: Self.monday)
        try damagePages(of: path)
        let damaged = try FileInfo.bytes(path)

        // Six days on, the start reads the header and schema only: the damaged turn pages are not read.
        _ = try Store(path: path, now: Self.monday.addingTimeInterval(6 * 86_400))
        #expect(try FileInfo.bytes(path) == damaged)

        let error = #expect(throws: StoreError.self) {
            try Store(path: path, now: Self.monday.addingTimeInterval(7 * 86_400 + 1))
        }
        #expect(error?.kind == .corrupt)
        #expect(try FileInfo.bytes(path) == damaged)
    }

    @Test func aCheckRecordedInTheFutureCountsAsNone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try filledStore(in: directory, now: Self.monday)
        // A clock that was set a year ahead recorded the last check; it has been put right since.
        _ = try Store(path: path, now: Self.monday.addingTimeInterval(365 * 86_400))
        try damagePages(of: path)

        let error = #expect(throws: StoreError.self) { try Store(path: path, now: Self.monday) }

        #expect(error?.kind == .corrupt)
    }

    @Test func recordingACheckMovesTheNextOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try filledStore(in: directory, now: Self.monday)
        let store = try Store(path: path, now: Self.monday)
        let later = Self.monday.addingTimeInterval(3 * 86_400)

        try store.recordIntegrityCheck(at: later)

        #expect(try store.lastIntegrityCheck() == later.storable)
        #expect(try store.integrityCheck() == "ok")
    }

    /// Closing no longer copies the log into the store and deletes it: the log stays, and what it holds
    /// is read by the next opening.
    @Test func theLogIsKeptOnCloseAndReadByTheNextOpening() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let store = try Store(path: path, now: Self.monday)
            try store.setSetting("region", "uk")
            try store.writer.close()
        }
        #expect(try FileInfo.bytes(path + "-wal").count > 32)

        let reopened = try Store(path: path, now: Self.monday)

        #expect(try reopened.setting("region") == "uk")
    }
}

/// A kept log stays small: SQLite checkpoints it at `Store.logPages` and cuts the file back to that size,
/// since every start reads it whole.
@Suite("The kept log's size")
struct KeptLogSizeTests {
    @Test func manyStepsLeaveALogOfAboutOneMegabyte() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let store = try Store(path: path)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        for index in 0..<600 {
            try store.appendTurns([NewTurn(sessionId: session, at: TestDates.at(Double(index)), speaker: .bot, node: nil,
                                           text: String(repeating: "turn \(index) ", count: 40))])
        }

        let limit = Store.logPages * (4096 + 24) + 32
        #expect(try FileInfo.bytes(path + "-wal").count <= limit + 64 * 4120)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") } == Store.logPages)
    }
}

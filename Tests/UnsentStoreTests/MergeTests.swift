import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// `Store.merge`, `importJournal` and `backup`: another store merged in without doubling anything, all or
/// nothing, and a backup that is a whole store of its own, readable by its owner only.
@Suite("Merging and backing up")
struct MergeTests {
    /// A store with one of everything; `shift` moves its times, so two such stores hold different rows.
    private func filled(_ path: String, shift: Double = 0, region: String = "uk") throws -> Store {
        let store = try Store(path: path)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(shift), seed: 42)
        try store.appendTurn(sessionId: session, at: TestDates.at(shift + 1), speaker: .bot, node: "start", text: "How strong is it?")
        try store.appendTurn(sessionId: session, at: TestDates.at(shift + 2), speaker: .person, node: nil, text: "closure maybe")
        try store.endSession(session, at: TestDates.at(shift + 3), ending: "finished")
        try store.recordEvent(sessionId: session, at: TestDates.at(shift + 2), kind: "urge-ended", fields: ["before": "7"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(shift + 4), kind: "note", fields: ["text": "a walk", "day": "2023-11-14"])
        try store.saveDraft(sessionId: session, at: TestDates.at(shift + 5), text: "I miss you", sealedUntil: nil)
        try store.appendHistory("closure maybe", at: TestDates.at(shift + 2))
        try store.setSetting("region", region)
        try store.saveVariationStates(["greeting": "1:0"])
        return store
    }

    private func counts(_ store: Store) throws -> [String: Int] {
        try store.writer.read { db in
            var counts: [String: Int] = [:]
            for table in StoreTable.all { counts[table.name] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.name)") }
            return counts
        }
    }

    @Test func mergingAnotherStoreTwiceAddsItOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mine = try filled(directory.file("mine.sqlite"))
        _ = try filled(directory.file("theirs.sqlite"), shift: 1000, region: "nz")
        let before = try counts(mine)

        let first = try mine.merge(Store.rows(ofStoreFile: directory.file("theirs.sqlite")))
        let afterFirst = try counts(mine)
        let second = try mine.merge(Store.rows(ofStoreFile: directory.file("theirs.sqlite")))

        #expect(first.added == ["session": 1, "turn": 2, "event": 2, "draft": 1, "history": 1])
        #expect(first.keptSettings == ["region"])
        #expect(try mine.setting("region") == "uk")
        #expect(second.totalAdded == 0)
        #expect(try counts(mine) == afterFirst)
        #expect(afterFirst["session"] == (before["session"] ?? 0) + 1)
        // The merged conversation keeps its lines, under its new id, and they are found by search.
        let merged = try #require(try mine.sessions(limit: 5).first { $0.startedAt == TestDates.at(1000) })
        #expect(try mine.turns(sessionId: merged.id).map(\.text) == ["How strong is it?", "closure maybe"])
        #expect(try mine.search(["closure"], limit: 10).count >= 2)
    }

    @Test func mergingAStoreIntoItsOwnCopyAddsNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mine = try filled(directory.file("mine.sqlite"))
        _ = try mine.backup(to: directory.file("copy.sqlite"), replacing: false)

        let report = try mine.merge(Store.rows(ofStoreFile: directory.file("copy.sqlite")))

        #expect(report.totalAdded == 0)
        #expect(report.totalAlreadyThere == (try counts(mine)).values.reduce(0, +))
    }

    @Test func aFailedMergeChangesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mine = try filled(directory.file("mine.sqlite"))
        let before = try counts(mine)
        // A good event, then one whose kind is missing: the store refuses the second, so neither goes in.
        let rows: [(StoreTable, [[StoreValue]])] = [(.event, [
            [.integer(1), .null, .text("2030-01-01 10:00:00.000"), .text("note"), .text("{\"text\":\"new\"}")],
            [.integer(2), .null, .text("2030-01-01 11:00:00.000"), .null, .text("{}")],
        ])]

        #expect(throws: StoreError.self) { try mine.merge(rows) }
        #expect(try counts(mine) == before)
    }

    @Test func journalEntriesGoInOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(path: directory.file("unsent.sqlite"))
        let entries = [JournalEntry(at: TestDates.at(0), day: "2023-11-14", text: "Went for a walk.", source: "jrnl"),
                       JournalEntry(at: TestDates.at(60), day: "2023-11-14", text: "Slept badly.", source: "jrnl")]

        let first = try store.importJournal(entries)
        let second = try store.importJournal(entries)

        #expect(first.added == ["event": 2])
        #expect(second.added.isEmpty && second.alreadyThere == ["event": 2])
        #expect(try store.events(kind: "note").map { $0.fields["text"] } == ["Went for a walk.", "Slept badly."])
        #expect(try store.search(["walk"], limit: 5).count == 1)
    }

    @Test func aBackupIsAWholePrivateStoreAndNeverReplacesAFileUnasked() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mine = try filled(directory.file("mine.sqlite"))
        let path = directory.file("backup.sqlite")

        let size = try mine.backup(to: path, replacing: false)

        #expect(size > 0)
        #expect(FileInfo.mode(path) == 0o600)
        #expect(try counts(Store(path: path)) == counts(mine))
        let refused = #expect(throws: BackupProblem.self) { try mine.backup(to: path, replacing: false) }
        #expect(refused?.kind == .exists)
        #expect(try mine.backup(to: path, replacing: true) > 0)
        #expect(try directory.contents().filter { $0.contains("partial") }.isEmpty)
    }
}

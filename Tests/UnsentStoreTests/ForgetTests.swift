import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Forgetting for real")
struct ForgetTests {
    /// Words that appear nowhere else, so finding their bytes means the text was left behind.
    static let journalWord = "zebracornjournal"
    static let draftWord = "quokkadraftword"
    static let conversationWord = "narwhalsaidthis"
    static let otherWord = "pangolinsetting"

    /// A store on disk with each secret word written many times (so it fills pages, the WAL and the index).
    private func filled() throws -> (TemporaryDirectory, Store, String) {
        let directory = try TemporaryDirectory()
        let path = directory.file("unsent.sqlite")
        let store = try Store(path: path)
        try store.setSetting("plan_statement", Self.otherWord)
        try store.saveVariationStates([Self.otherWord: "1"])
        for index in 0..<40 {
            let session = try store.beginSession(flow: "reflect", at: TestDates.at(Double(index * 100)), seed: nil)
            try store.appendTurn(sessionId: session, at: TestDates.at(Double(index * 100 + 1)), speaker: .person, node: nil,
                                 text: "\(Self.journalWord) \(index) and \(Self.conversationWord)")
            try store.recordEvent(sessionId: session, at: TestDates.at(Double(index * 100 + 2)), kind: "reflection",
                                  fields: ["entry": "\(Self.journalWord) entry \(index)", "mood": "5", "strongest": "6"])
            try store.recordEvent(sessionId: nil, at: TestDates.at(Double(index * 100 + 3)), kind: "note", fields: ["text": "\(Self.journalWord) note"])
            let urge = try store.beginSession(flow: "urge", at: TestDates.at(Double(index * 100 + 4)), seed: nil)
            try store.appendTurn(sessionId: urge, at: TestDates.at(Double(index * 100 + 5)), speaker: .person, node: nil, text: "\(Self.draftWord) typed")
            try store.saveDraft(sessionId: urge, at: TestDates.at(Double(index * 100 + 6)), text: "\(Self.draftWord) \(index)", sealedUntil: nil)
            try store.appendHistory("\(Self.draftWord) \(Self.journalWord) \(index)", at: TestDates.at(Double(index * 100 + 7)))
        }
        return (directory, store, path)
    }

    /// Every file SQLite keeps for the store, as raw bytes.
    private func rawBytes(_ path: String) throws -> Data {
        var bytes = Data()
        for file in [path, path + "-wal", path + "-shm"] where FileInfo.exists(file) {
            bytes += try FileInfo.bytes(file)
        }
        return bytes
    }

    private func contains(_ bytes: Data, _ word: String) -> Bool {
        bytes.range(of: Data(word.utf8)) != nil
    }

    @Test func forgettingEverythingLeavesNoTextInTheDatabaseTheWALOrTheSharedMemory() throws {
        let (directory, store, path) = try filled()
        defer { directory.remove() }
        #expect(contains(try rawBytes(path), Self.journalWord))

        let report = try store.forget(.everything)

        #expect(report.walEmptied)
        let bytes = try rawBytes(path)
        for word in [Self.journalWord, Self.draftWord, Self.conversationWord, Self.otherWord, "zebracornjourn"] {
            #expect(!contains(bytes, word), "\(word) is still in the store's files")
        }
        #expect(try store.isEmpty())
        #expect(try store.search([Self.journalWord]).isEmpty)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.read { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") } == 0)
    }

    @Test func theStoreWorksAfterwardsAndStartsNumberingAgain() throws {
        let (directory, store, _) = try filled()
        defer { directory.remove() }
        _ = try store.forget(.everything)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .person, node: nil, text: "fresh start")
        #expect(session == 1)
        #expect(try store.search(["fresh"]).count == 1)
    }

    @Test func forgettingTheJournalKeepsDraftsAndTheNumbers() throws {
        let (directory, store, path) = try filled()
        defer { directory.remove() }

        _ = try store.forget(.journal)

        let bytes = try rawBytes(path)
        #expect(!contains(bytes, Self.journalWord))
        #expect(!contains(bytes, Self.conversationWord))
        #expect(contains(bytes, Self.draftWord))
        #expect(try store.events(kind: "note").isEmpty)
        let reflections = try store.events(kind: "reflection")
        #expect(reflections.count == 40)
        #expect(reflections.allSatisfy { $0.fields == ["mood": "5", "strongest": "6"] })
        #expect(try store.drafts().count == 40)
        #expect(try store.historyLines(limit: 100).isEmpty)
        #expect(try store.search([Self.draftWord]).count == 20)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func forgettingDraftsKeepsTheJournal() throws {
        let (directory, store, path) = try filled()
        defer { directory.remove() }

        _ = try store.forget(.drafts)

        let bytes = try rawBytes(path)
        #expect(!contains(bytes, Self.draftWord))
        #expect(contains(bytes, Self.journalWord))
        #expect(try store.drafts(includeDeleted: true).isEmpty)
        #expect(try store.search([Self.journalWord]).count == 20)
        #expect(try store.search([Self.draftWord]).isEmpty)
        #expect(try store.sessions(limit: 100).count == 80)
    }

    @Test func copiesMadeBeforeMigrationsAreRemoved() throws {
        let (directory, store, path) = try filled()
        defer { directory.remove() }
        try Data(Self.journalWord.utf8).write(to: URL(fileURLWithPath: path + ".backup-v2"))
        try Data("not ours".utf8).write(to: URL(fileURLWithPath: directory.file("other.sqlite.backup-v2")))

        let report = try store.forget(.everything)

        #expect(report.removedBackups == [path + ".backup-v2"])
        #expect(try directory.contents().contains("other.sqlite.backup-v2"))
    }
}

import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// Text that is deleted is gone from every table, the search indexes, the free pages and the write-ahead log,
/// wherever it was copied: a draft read again in `revisit`, a check-in cut off before its entry was recorded.
@Suite("Deleting leaves no copy behind")
struct ErasingTests {
    static let draftWord = "wombatdraftsecret"
    static let typedWord = "axolotltypedline"
    static let journalWord = "capybaracheckin"
    static let keptWord = "ocelotkeptline"

    /// Every file SQLite keeps for the store, as raw bytes.
    private func rawBytes(_ path: String) throws -> Data {
        var bytes = Data()
        for file in [path, path + "-wal", path + "-shm"] where FileInfo.exists(file) {
            bytes += try FileInfo.bytes(file)
        }
        return bytes
    }

    private func contains(_ path: String, _ word: String) throws -> Bool {
        try rawBytes(path).range(of: Data(word.utf8)) != nil
    }

    /// An urge session where a draft was typed (as a line, then kept), a revisit session that showed it
    /// again, an urge session about something else, and a check-in cut off after its entry was typed.
    private func filled(_ path: String) throws -> (store: Store, draft: Int64) {
        let store = try Store(path: path)
        let draftText = "\(Self.draftWord) I still think about you every day"
        let urge = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        try store.commit(sessionId: urge, at: TestDates.at(1), items: [
            .turn(speaker: .bot, node: "write", text: "Write it here."),
            .turn(speaker: .person, node: "write", text: draftText),
            .history(draftText),
            .draft(draftText),
            .end(ending: "finished"),
        ], lastDraftID: nil)
        let draft = try #require(try store.drafts().first?.id)
        let revisit = try store.beginSession(flow: "revisit", at: TestDates.at(10), seed: nil)
        try store.commit(sessionId: revisit, at: TestDates.at(11), items: [
            .turn(speaker: .bot, node: "read", text: "You wrote this 2 days ago:"),
            .turn(speaker: .bot, node: "read", text: draftText),
            .turn(speaker: .person, node: "read", text: "\(Self.typedWord) same"),
            .end(ending: "finished"),
        ], lastDraftID: nil)
        let other = try store.beginSession(flow: "urge", at: TestDates.at(20), seed: nil)
        try store.commit(sessionId: other, at: TestDates.at(21), items: [
            .turn(speaker: .person, node: "why", text: "\(Self.keptWord) is what I want to remember"),
            .end(ending: "finished"),
        ], lastDraftID: nil)
        let checkIn = try store.beginSession(flow: "reflect", at: TestDates.at(30), seed: nil)
        try store.commit(sessionId: checkIn, at: TestDates.at(31), items: [
            .turn(speaker: .bot, node: "entry", text: "Write what you want to remember about today."),
            .turn(speaker: .person, node: "entry", text: "\(Self.journalWord) today was the hardest day"),
        ], lastDraftID: nil)
        try store.indexNewTurns()
        return (store, draft)
    }

    @Test func forgettingDraftsRemovesTheConversationsThatReadThemAgain() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let (store, _) = try filled(path)
        #expect(try contains(path, Self.draftWord))

        _ = try store.forget(.drafts)

        #expect(!(try contains(path, Self.draftWord)))
        #expect(!(try contains(path, Self.typedWord)))
        #expect(try store.search([Self.draftWord]).isEmpty)
        #expect(try store.search([Self.keptWord]).count == 1)
        #expect(try contains(path, Self.journalWord))
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func forgettingTheJournalRemovesACheckInCutOffBeforeItsEntryWasRecorded() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let (store, _) = try filled(path)
        #expect(try store.search([Self.journalWord]).count == 1)

        _ = try store.forget(.journal)

        #expect(try store.search([Self.journalWord]).isEmpty)
        #expect(!(try contains(path, Self.journalWord)))
        #expect(try store.search([Self.keptWord]).count == 1)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func deletingOneDraftRemovesItsTextEverywhere() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let (store, draft) = try filled(path)
        // Found once, as the draft: the line it was typed as is not a second result (issue 19).
        #expect(try store.search([Self.draftWord]).count == 1)

        try store.deleteDraft(draft, at: TestDates.at(40))

        #expect(try store.search([Self.draftWord]).isEmpty)
        #expect(!(try contains(path, Self.draftWord)))
        #expect(try store.drafts().isEmpty)
        let kept = try store.drafts(includeDeleted: true)
        #expect(kept.map(\.id) == [draft])
        #expect(kept.map(\.text) == [""])
        #expect(kept.map(\.deletedAt) == [TestDates.at(40)])
        #expect(try store.historyLines(limit: 10).isEmpty)
        // What was said around it stays.
        #expect(try store.turns(sessionId: 2).map(\.text) == ["You wrote this 2 days ago:", "\(Self.typedWord) same"])
        #expect(try store.search([Self.keptWord]).count == 1)
        #expect(try store.integrityCheck() == "ok")
    }

    /// The revisit conversation's "let it go" deletes the draft through a conversation step.
    @Test func aDraftDeletedInAConversationIsErasedToo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let (store, draft) = try filled(path)

        try store.commit(sessionId: 2, at: TestDates.at(50), items: [
            .deleteDraft(draft), .turn(speaker: .bot, node: "read", text: "Okay. It's gone from the drawer."),
        ], lastDraftID: nil)

        #expect(try store.search([Self.draftWord]).isEmpty)
        #expect(!(try contains(path, Self.draftWord)))
        #expect(try store.integrityCheck() == "ok")
    }
}

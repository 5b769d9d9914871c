import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// Search inside words (schema v8): trigram indexes beside the porter ones find "想你" in "我真的很想你",
/// in every place searched, on stores made now and on stores made before v8.
@Suite("Search inside words (trigram)")
struct TrigramSearchTests {
    /// A note, a draft and a conversation line in Chinese, and one English note, a minute apart.
    private func filled(_ kind: StoreKind) throws -> TestStore {
        let test = try TestStore(kind)
        let store = test.store
        try store.recordEvent(sessionId: nil, at: TestDates.at(0), kind: "note", fields: ["text": "我真的很想你"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(30), kind: "note", fields: ["text": "I keep wanting closure"])
        try store.saveDraft(sessionId: nil, at: TestDates.at(60), text: "想你了。你还好吗？", sealedUntil: nil)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(90), seed: 1)
        try store.commit(sessionId: session, at: TestDates.at(91), items: [
            .turn(speaker: .bot, node: "n", text: "想你 is what the bot says"),
            .turn(speaker: .person, node: "n", text: "今天我不想你了"),
            .end(ending: "finished"),
        ], lastDraftID: nil)
        return test
    }

    /// FTS5's check of the draft and journal indexes against their content, which they index whole (the
    /// conversation index leaves out the bot's lines, so it cannot be checked so; SearchTests counts its rows).
    private func checkAgainstContent(_ store: Store) throws {
        try store.writer.write { db in
            for index in ["draft_trigram", "journal_trigram"] {
                try db.execute(sql: "INSERT INTO \(index) (\(index)) VALUES ('integrity-check')")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aTwoCharacterWordIsFoundInsideChineseTextEverywhere(kind: StoreKind) throws {
        let test = try filled(kind)
        defer { test.remove() }

        let hits = try test.store.search(["想你"])

        #expect(hits.map(\.source) == [.conversation, .draft, .journal])
        #expect(hits.map(\.snippet) == ["今天我不\u{E000}想你\u{E001}了", "\u{E000}想你\u{E001}了。你还好吗？", "我真的很\u{E000}想你\u{E001}"])
        #expect(try test.store.search(["很想你"]).map(\.source) == [.journal], "three characters go through the index")
        #expect(try test.store.search(["想你", "今天"]).map(\.source) == [.conversation], "every word must be there")
        #expect(try test.store.search(["想他"]).isEmpty)
        try checkAgainstContent(test.store)
    }

    @Test func englishStillStemsAndAPartOfAWordIsFoundWhenNoWordMatches() throws {
        let test = try filled(.inMemory)
        defer { test.remove() }
        #expect(try test.store.search(["closures"]).map(\.snippet) == ["I keep wanting \u{E000}closure\u{E001}"])
        #expect(try test.store.search(["losur"]).map(\.snippet) == ["I keep wanting c\u{E000}losur\u{E001}e"])
        #expect(try test.store.search(["WANT", "clo"]).count == 1, "case is ignored, and short parts are found too")
        #expect(try test.store.search(["g_"]).isEmpty, "an underscore is a character, not a wildcard ('g ' is in 'wanting closure')")
    }

    @Test func bestOrderPutsTheDensestMatchFirst() throws {
        let test = try TestStore(.inMemory)
        defer { test.remove() }
        try test.store.recordEvent(sessionId: nil, at: TestDates.at(0), kind: "note", fields: ["text": "想你想你"])
        try test.store.recordEvent(sessionId: nil, at: TestDates.at(1), kind: "note", fields: ["text": "今天天气很好，我出去走了很久，还是有点想你"])
        let hits = try test.store.search(["想你"], order: .best)
        #expect(hits.map(\.id) == [1, 2])
        #expect(hits.map(\.score) == hits.map(\.score).sorted())
    }

    @Test func aLongTextIsCutAroundItsFirstMatch() {
        let terms = SearchTerms(["想你"])!
        let text = String(repeating: "一", count: 100) + "想你" + String(repeating: "二", count: 100)
        let snippet = terms.snippet(text)
        #expect(snippet.hasPrefix("…" + String(repeating: "一", count: 20) + "\u{E000}想你\u{E001}"))
        #expect(snippet.hasSuffix("二…"))
        #expect(snippet.count == SearchTerms.snippetLength + 4)
    }

    @Test func deletedDraftsAndForgottenTextLeaveTheIndexes() throws {
        let test = try filled(.onDisk)
        defer { test.remove() }
        let store = test.store
        try store.deleteDraft(1, at: TestDates.at(200))
        #expect(try store.search(["还好"]).isEmpty)
        try checkAgainstContent(store)

        _ = try store.forget(.everything)
        #expect(try store.search(["想你"]).isEmpty)
        try checkAgainstContent(store)
        let count = try store.writer.read { db in
            try ["draft", "journal", "turn"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)_trigram_docsize") ?? -1 }
        }
        #expect(count == [0, 0, 0])
    }

    // MARK: Schema v8

    @Test func v8IsTheLastMigration() {
        #expect(StoreSchema.migrator.migrations.last == "v8")
    }

    /// A store as v7 left it (the current schema without the trigram indexes) is indexed when it opens.
    @Test func aVersion7StoreGainsTheIndexesBuiltFromItsRows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let store = try Store(path: path)
            try store.recordEvent(sessionId: nil, at: TestDates.at(0), kind: "reflection", fields: ["entry": "我真的很想你", "mood": "4"])
            try store.saveDraft(sessionId: nil, at: TestDates.at(60), text: "想你了", sealedUntil: nil)
            let session = try store.beginSession(flow: "urge", at: TestDates.at(90), seed: 1)
            try store.commit(sessionId: session, at: TestDates.at(91), items: [
                .turn(speaker: .person, node: "n", text: "一直想你"), .end(ending: "finished"),
            ], lastDraftID: nil)
            // A line of a conversation cut off before it ended: the batch indexing picks it up later.
            let cut = try store.beginSession(flow: "urge", at: TestDates.at(120), seed: 1)
            try store.commit(sessionId: cut, at: TestDates.at(121), items: [.turn(speaker: .person, node: "n", text: "还是想你")],
                             lastDraftID: nil)
            try store.writer.write { db in
                let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_trigram_%'")
                for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger)") }
                try db.execute(sql: """
                    DROP TABLE turn_trigram; DROP TABLE draft_trigram; DROP TABLE journal_trigram;
                    DELETE FROM grdb_migrations WHERE identifier = 'v8';
                    """)
            }
        }

        let store = try Store(path: path)

        #expect(try store.writer.read(StoreSchema.migrator.appliedMigrations) == StoreSchema.migrator.migrations)
        #expect(FileInfo.exists(path + ".backup-v8"))
        #expect(try store.search(["想你"]).map(\.snippet) == [
            "还是\u{E000}想你\u{E001}", "一直\u{E000}想你\u{E001}", "\u{E000}想你\u{E001}了", "我真的很\u{E000}想你\u{E001}",
        ])
        try checkAgainstContent(store)
    }
}

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

    /// Conversation lines in Latin letters are not in the trigram index (v9): a part of a word is found
    /// there by its beginning; lines in other scripts are indexed, in batches and by the triggers alike.
    @Test(arguments: StoreKind.allCases)
    func latinConversationLinesAreFoundByTheirBeginnings(kind: StoreKind) throws {
        let test = try filled(kind)
        defer { test.remove() }
        let store = test.store
        let session = try store.beginSession(flow: "urge", at: TestDates.at(200), seed: 1)
        try store.commit(sessionId: session, at: TestDates.at(201), items: [
            .turn(speaker: .person, node: "n", text: "I keep checking his stories"),
            .turn(speaker: .person, node: "n", text: "café ’ 😂 still no"),
            .turn(speaker: .person, node: "n", text: "Скучаю по тебе"),
            .end(ending: "finished"),
        ], lastDraftID: nil)
        #expect(try store.search(["stor"]).map(\.snippet) == ["I keep checking his \u{E000}stories\u{E001}"])
        #expect(try store.search(["ecking"]).isEmpty, "the inside of a Latin conversation word is not indexed")
        #expect(try store.search(["Скуча"]).map(\.source) == [.conversation])
        let indexed = try store.writer.read { db in
            // The index's own rows (a scan of the table itself would read its content table, every line).
            try String.fetchAll(db, sql: "SELECT t.text FROM turn_trigram_docsize d JOIN turn t ON t.id = d.id ORDER BY t.id")
        }
        #expect(indexed == ["今天我不想你了", "Скучаю по тебе"])
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

    @Test func v9IsTheLastMigration() {
        #expect(StoreSchema.migrator.migrations.suffix(2) == ["v8", "v9"])
    }

    /// A store as v8 left it (every conversation line in the trigram index) keeps only the lines in
    /// other scripts there once v9 has run, and finds the same things.
    @Test func aVersion8StoreKeepsOnlyOtherScriptsInTheConversationTrigramIndex() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let store = try Store(path: path)
            let session = try store.beginSession(flow: "urge", at: TestDates.at(90), seed: 1)
            try store.commit(sessionId: session, at: TestDates.at(91), items: [
                .turn(speaker: .person, node: "n", text: "一直想你"), .turn(speaker: .person, node: "n", text: "still thinking of closure"),
                .end(ending: "finished"),
            ], lastDraftID: nil)
            try store.writer.write { db in
                // Back to v8: the conversation trigram index of every line, as v8 made it.
                try db.execute(sql: """
                    DROP TRIGGER turn_trigram_delete; DROP TRIGGER turn_trigram_update; DROP TABLE turn_trigram;
                    CREATE VIRTUAL TABLE turn_trigram USING fts5(text, content = 'turn', content_rowid = 'id', tokenize = 'trigram');
                    INSERT INTO turn_trigram (rowid, text) SELECT id, text FROM turn WHERE speaker = 'person';
                    CREATE TRIGGER turn_trigram_delete AFTER DELETE ON turn WHEN OLD.speaker = 'person' BEGIN
                        INSERT INTO turn_trigram (turn_trigram, rowid, text) VALUES ('delete', OLD.id, OLD.text);
                    END;
                    CREATE TRIGGER turn_trigram_update AFTER UPDATE OF text ON turn BEGIN SELECT 1; END;
                    DELETE FROM grdb_migrations WHERE identifier = 'v9';
                    """)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM turn_trigram_docsize") == 2)
            }
        }

        let store = try Store(path: path)

        #expect(try store.writer.read(StoreSchema.migrator.appliedMigrations) == StoreSchema.migrator.migrations)
        #expect(FileInfo.exists(path + ".backup-v9"))
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM turn_trigram_docsize") } == 1)
        #expect(try store.search(["想你"]).map(\.snippet) == ["一直\u{E000}想你\u{E001}"])
        #expect(try store.search(["clos"]).map(\.snippet) == ["still thinking of \u{E000}closure\u{E001}"])
        // Deleting both lines keeps the index in step (a 'delete' of a line it never held would corrupt it).
        _ = try store.forget(.everything)
        #expect(try store.search(["想你"]).isEmpty)
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
                    DELETE FROM grdb_migrations WHERE identifier IN ('v8', 'v9');
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

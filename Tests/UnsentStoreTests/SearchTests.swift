import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Full-text search")
struct SearchTests {
    /// A store with a note, a reflection, a draft and a conversation, written a minute apart in that order.
    private func filled(_ kind: StoreKind) throws -> TestStore {
        let test = try TestStore(kind)
        let store = test.store
        try store.recordEvent(sessionId: nil, at: TestDates.at(0), kind: "note", fields: ["day": "2023-11-14", "text": "I keep wanting closure from him"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(60), kind: "reflection",
                              fields: ["day": "2023-11-14", "entry": "No closures needed. Closure comes from me.", "mood": "6"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(90), kind: "urge-ended", fields: ["trigger": "closure"])
        try store.saveDraft(sessionId: nil, at: TestDates.at(120), text: "I just need closure, can we talk?", sealedUntil: nil)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(170), seed: 1)
        try store.appendTurn(sessionId: session, at: TestDates.at(180), speaker: .bot, node: "start", text: "Is it about closure?")
        try store.appendTurn(sessionId: session, at: TestDates.at(181), speaker: .person, node: "start", text: "yes, closure")
        return test
    }

    @Test(arguments: StoreKind.allCases)
    func stemmingFindsOtherFormsAndTheNewestComeFirst(kind: StoreKind) throws {
        let test = try filled(kind)
        defer { test.remove() }

        let hits = try test.store.search(["closures"])

        #expect(hits.map(\.source) == [.conversation, .draft, .journal, .journal])
        #expect(hits.map(\.kind) == ["urge", nil, "reflection", "note"])
        #expect(hits[2].day == "2023-11-14")
        #expect(hits[0].snippet == "yes, \u{E000}closure\u{E001}")
        #expect(hits[2].snippet == "No \u{E000}closures\u{E001} needed. \u{E000}Closure\u{E001} comes from me.")
    }

    /// Issue 19: a check-in entry (or a draft) typed in a conversation was found twice, as itself and as the line.
    @Test func aLineKeptAsAnEntryOrADraftIsFoundOnceAsWhatItBecame() throws {
        let test = try TestStore(.inMemory)
        defer { test.remove() }
        let store = test.store
        let reflect = try store.beginSession(flow: "reflect", at: TestDates.at(0), seed: 1)
        try store.appendTurn(sessionId: reflect, at: TestDates.at(1), speaker: .person, node: "entry", text: "a long walk by the river")
        try store.appendTurn(sessionId: reflect, at: TestDates.at(2), speaker: .person, node: "entry", text: "then soup")
        try store.recordEvent(sessionId: reflect, at: TestDates.at(3), kind: "reflection",
                              fields: ["day": "2023-11-14", "entry": "a long walk by the river\nthen soup"])
        let urge = try store.beginSession(flow: "urge", at: TestDates.at(10), seed: 1)
        try store.appendTurn(sessionId: urge, at: TestDates.at(11), speaker: .person, node: "draft", text: "I walked past the river today")
        try store.saveDraft(sessionId: urge, at: TestDates.at(12), text: "I walked past the river today", sealedUntil: nil)
        try store.appendTurn(sessionId: urge, at: TestDates.at(13), speaker: .person, node: "why", text: "the river reminds me")

        let hits = try store.search(["river"])
        #expect(hits.map(\.source) == [.conversation, .draft, .journal])
        #expect(hits.first?.snippet == "the \u{E000}river\u{E001} reminds me")
        #expect(try store.search(["soup"]).map(\.source) == [.journal])
    }

    @Test func botLinesAndEventFieldsOtherThanJournalTextsAreNotSearched() throws {
        let test = try filled(.inMemory)
        defer { test.remove() }
        let hits = try test.store.search(["about"])
        #expect(hits.isEmpty)
        #expect(try test.store.search(["trigger"]).isEmpty)
    }

    @Test func bestOrderRanksTheDensestMatchFirst() throws {
        let test = try filled(.inMemory)
        defer { test.remove() }

        let hits = try test.store.search(["closure"], order: .best)

        // Two matches in a short entry beat one match in longer texts, however new those are.
        #expect(hits.first?.source == .conversation || hits.first?.kind == "reflection")
        #expect(hits.count == 4)
        let scores = hits.map(\.score)
        #expect(scores == scores.sorted())
    }

    @Test func everyWordMustMatchAndPrefixesWork() throws {
        let test = try filled(.inMemory)
        defer { test.remove() }
        #expect(try test.store.search(["closure", "talk"]).map(\.source) == [.draft])
        #expect(try test.store.search(["clos*"]).count == 4)
        #expect(try test.store.search(["wanting"]).map(\.kind) == ["note"])
        #expect(try test.store.search(["want"]).map(\.kind) == ["note"])
    }

    @Test(arguments: ["\"", "AND", "NOT closure", "closure OR", "NEAR(", "-closure", "col:closure", "*", "^closure", "(("])
    func operatorsAndPunctuationAreSearchedAsWordsNotErrors(query: String) throws {
        let test = try filled(.inMemory)
        defer { test.remove() }
        _ = try test.store.search([query])
    }

    @Test func deletedAndSealedDraftsAreLeftOut() throws {
        let test = try filled(.inMemory)
        defer { test.remove() }
        let store = test.store
        let sealed = try store.saveDraft(sessionId: nil, at: TestDates.at(200), text: "sealed closure", sealedUntil: TestDates.at(10_000))
        let deleted = try store.saveDraft(sessionId: nil, at: TestDates.at(210), text: "deleted closure", sealedUntil: nil)
        try store.deleteDraft(deleted, at: TestDates.at(220))

        let drafts = try store.search(["closure"], now: TestDates.at(300)).filter { $0.source == .draft }.map(\.id)
        #expect(!drafts.contains(sealed) && !drafts.contains(deleted))
        #expect(try store.search(["sealed"], now: TestDates.at(20_000)).map(\.id) == [sealed])
    }

    @Test func theLimitKeepsTheNewest() throws {
        let test = try TestStore(.inMemory)
        defer { test.remove() }
        for index in 0..<30 {
            try test.store.recordEvent(sessionId: nil, at: TestDates.at(Double(index)), kind: "note", fields: ["text": "walk number \(index)"])
        }
        let hits = try test.store.search(["walk"], limit: 5)
        #expect(hits.map(\.snippet) == (25...29).reversed().map { "\u{E000}walk\u{E001} number \($0)" })
    }

    @Test func aVersion1StoreIsIndexedWhenItIsMigrated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO session (id, startedAt, flow) VALUES (1, '2024-01-01 20:00:00.000', 'urge');
                    INSERT INTO turn (sessionId, sequence, at, speaker, text) VALUES (1, 1, '2024-01-01 20:00:01.000', 'person', 'old closures');
                    INSERT INTO draft (createdAt, text) VALUES ('2024-01-01 20:00:02.000', 'an old closure draft');
                    INSERT INTO event (at, kind, fields) VALUES ('2024-01-01 20:00:03.000', 'note', '{"text":"an old closure note"}');
                    """)
            }
        }

        let store = try Store(path: path)

        #expect(try store.search(["closure"]).map(\.source) == [.journal, .draft, .conversation])
        #expect(FileInfo.exists(path + ".backup-v2"))
    }

    // MARK: Conversation lines are indexed in batches (schema v4)

    /// Checks the conversation index: FTS5's own check of its structure, and its count of the rows
    /// it holds (the first varint of its averages record, id 1) against the person's lines it covers.
    /// Removing a line the index never held passes the first and breaks the second. (FTS5's check
    /// against the content table cannot be used: that table holds the bot's lines too.)
    private func checkConversationIndex(_ store: Store) throws {
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO turn_search (turn_search) VALUES ('integrity-check')")
        }
        let (record, covered) = try store.writer.read { db in
            (try Data.fetchOne(db, sql: "SELECT block FROM turn_search_data WHERE id = 1") ?? Data(),
             try Int.fetchOne(db, sql: """
                 SELECT count(*) FROM turn WHERE speaker = 'person' AND id <= (SELECT indexedThrough FROM turn_search_progress)
                 """) ?? -1)
        }
        var rows = 0
        for byte in record.prefix(8) {
            rows = rows << 7 | Int(byte & 0x7f)
            if byte & 0x80 == 0 { break }
        }
        #expect(rows == covered, "the index counts \(rows) rows for \(covered) indexed lines")
    }

    private func indexedThrough(_ store: Store) throws -> Int64? {
        try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT indexedThrough FROM turn_search_progress") }
    }

    private func session(_ store: Store, says lines: [String], ends: Bool, at seconds: Double) throws -> Int64 {
        let id = try store.beginSession(flow: "urge", at: TestDates.at(seconds), seed: 1)
        var items = lines.flatMap { [StepItem.turn(speaker: .bot, node: "n", text: "Say more."), .turn(speaker: .person, node: "n", text: $0)] }
        if ends { items.append(.end(ending: "finished")) }
        try store.commit(sessionId: id, at: TestDates.at(seconds + 1), items: items, lastDraftID: nil)
        return id
    }

    @Test(arguments: StoreKind.allCases)
    func linesOfASessionThatNeverEndedAreIndexedBeforeASearchAndOnlyOnce(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        _ = try session(store, says: ["the lake at night"], ends: true, at: 0)
        let indexedAtEnd = try indexedThrough(store)
        _ = try session(store, says: ["the lake again", "and the pier"], ends: false, at: 60)
        #expect(try indexedThrough(store) == indexedAtEnd, "a step that does not end a session leaves indexing for later")

        #expect(try store.search(["lake"]).map(\.snippet) == ["the \u{E000}lake\u{E001} again", "the \u{E000}lake\u{E001} at night"])
        #expect(try store.search(["pier"]).count == 1)
        #expect(try store.search(["lake"]).count == 2, "a second search indexes nothing twice")
        #expect(try indexedThrough(store) == store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM turn") })
        try checkConversationIndex(store)
    }

    @Test func linesDeletedBeforeOrAfterTheyWereIndexedLeaveTheIndexWhole() throws {
        let test = try TestStore(.onDisk)
        defer { test.remove() }
        let store = test.store
        let indexed = try session(store, says: ["apples in the kitchen"], ends: true, at: 0)
        let pending = try session(store, says: ["pears in the garden"], ends: false, at: 60)
        let kept = try session(store, says: ["plums on the table"], ends: false, at: 120)

        // Deleting a session deletes its turns (ON DELETE CASCADE), through the index's delete trigger.
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE id IN (?, ?)", arguments: [indexed, pending])
        }

        #expect(try store.search(["apples"]).isEmpty)
        #expect(try store.search(["pears"]).isEmpty)
        #expect(try store.search(["plums"]).map(\.sessionId) == [kept])
        try checkConversationIndex(store)
    }

    @Test func afterForgettingEverythingNewLinesAreIndexedAgain() throws {
        let test = try TestStore(.onDisk)
        defer { test.remove() }
        let store = test.store
        _ = try session(store, says: ["one", "two", "three"], ends: true, at: 0)
        _ = try store.forget(.everything)
        #expect(try indexedThrough(store) == 0)

        // Turn ids start again at 1 (the sequence is forgotten too); they must not pass for indexed.
        _ = try session(store, says: ["quinces"], ends: true, at: 60)

        #expect(try store.search(["quinces"]).count == 1)
        try checkConversationIndex(store)
    }

    @Test func theQueryQuotesEveryWord() {
        #expect(Store.ftsQuery(["miss", "him"]) == "\"miss\" \"him\"")
        #expect(Store.ftsQuery(["say \"hi\""]) == "\"say\" \"\"\"hi\"\"\"")
        #expect(Store.ftsQuery(["clos*"]) == "\"clos\"*")
        #expect(Store.ftsQuery(["*", "--"]) == nil)
    }
}

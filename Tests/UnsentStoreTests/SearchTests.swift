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

    @Test func theQueryQuotesEveryWord() {
        #expect(Store.ftsQuery(["miss", "him"]) == "\"miss\" \"him\"")
        #expect(Store.ftsQuery(["say \"hi\""]) == "\"say\" \"\"\"hi\"\"\"")
        #expect(Store.ftsQuery(["clos*"]) == "\"clos\"*")
        #expect(Store.ftsQuery(["*", "--"]) == nil)
    }
}

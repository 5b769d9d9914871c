import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Store round trips")
struct StoreRoundTripTests {
    @Test(arguments: StoreKind.allCases)
    func sessionsBeginEndAndListNewestFirst(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store

        let first = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: UInt64.max)
        let second = try store.beginSession(flow: "checkin", at: TestDates.at(60), seed: nil)
        try store.endSession(first, at: TestDates.at(30), ending: "finished")

        let sessions = try store.sessions(limit: 10)
        #expect(sessions == [
            SessionRecord(id: second, startedAt: TestDates.at(60), endedAt: nil, flow: "checkin", ending: nil, seed: nil),
            SessionRecord(
                id: first, startedAt: TestDates.at(0), endedAt: TestDates.at(30), flow: "urge", ending: "finished",
                seed: UInt64.max),
        ])
        #expect(try store.sessions(limit: 1).map(\.id) == [second])
        #expect(try store.sessions(limit: 0).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func turnsAreNumberedPerSessionInOrder(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        let one = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: 7)
        let two = try store.beginSession(flow: "urge", at: TestDates.at(1), seed: 8)

        try store.appendTurn(sessionId: one, at: TestDates.at(2), speaker: .bot, node: "start", text: "Hi.")
        try store.appendTurn(sessionId: one, at: TestDates.at(3), speaker: .person, node: nil, text: "I want to text them.")
        try store.appendTurns([
            NewTurn(sessionId: two, at: TestDates.at(4), speaker: .bot, node: "start", text: "Hello again."),
            NewTurn(sessionId: one, at: TestDates.at(5), speaker: .bot, node: "pause", text: "Let's wait ten minutes."),
            NewTurn(sessionId: two, at: TestDates.at(6), speaker: .person, node: nil, text: "ok"),
        ])
        try store.appendTurns([])

        let turnsOfOne = try store.turns(sessionId: one)
        #expect(turnsOfOne.map(\.sequence) == [1, 2, 3])
        #expect(turnsOfOne.map(\.text) == ["Hi.", "I want to text them.", "Let's wait ten minutes."])
        #expect(turnsOfOne.map(\.speaker) == [.bot, .person, .bot])
        #expect(turnsOfOne.map(\.node) == ["start", nil, "pause"])
        #expect(turnsOfOne.map(\.at) == [TestDates.at(2), TestDates.at(3), TestDates.at(5)])
        #expect(turnsOfOne.allSatisfy { $0.sessionId == one })

        let turnsOfTwo = try store.turns(sessionId: two)
        #expect(turnsOfTwo.map(\.sequence) == [1, 2])
        #expect(turnsOfTwo.map(\.text) == ["Hello again.", "ok"])
        #expect(try store.turns(sessionId: 999).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func aTurnForAMissingSessionIsRefusedAndNothingIsWritten(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)

        let error = #expect(throws: StoreError.self) {
            try store.appendTurns([
                NewTurn(sessionId: session, at: TestDates.at(1), speaker: .bot, node: nil, text: "kept?"),
                NewTurn(sessionId: 4242, at: TestDates.at(2), speaker: .bot, node: nil, text: "orphan"),
            ])
        }
        #expect(error?.kind == .other)
        #expect(error?.path == store.path)
        // One transaction: the valid first turn was rolled back with the invalid second one.
        #expect(try store.turns(sessionId: session).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func eventsKeepOddFieldsAndFilterByKindOldestFirst(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        let odd: [String: String] = [
            "quote": "she said \"don't\" and 'left'",
            "newline": "line one\nline two\r\n\ttabbed",
            "emoji": "💔🫶🏽 👩‍👩‍👧",
            "nul": "before\u{0}after",
            "backslash": #"C:\path\to\"x""#,
            "": "empty key",
            "unicode key ✉️": "",
        ]

        let late = try store.recordEvent(sessionId: session, at: TestDates.at(20), kind: "crisis", fields: odd)
        let early = try store.recordEvent(sessionId: nil, at: TestDates.at(10), kind: "crisis", fields: [:])
        let other = try store.recordEvent(sessionId: session, at: TestDates.at(15), kind: "flow", fields: ["name": "urge"])

        let crises = try store.events(kind: "crisis")
        #expect(crises == [
            EventRecord(id: early, sessionId: nil, at: TestDates.at(10), kind: "crisis", fields: [:]),
            EventRecord(id: late, sessionId: session, at: TestDates.at(20), kind: "crisis", fields: odd),
        ])
        #expect(crises.last?.fields["nul"]?.unicodeScalars.count == "before\u{0}after".unicodeScalars.count)
        #expect(try store.events(kind: nil).map(\.id) == [early, other, late])
        #expect(try store.events(kind: "nothing").isEmpty)
    }

    /// GRDB reads TEXT through C strings, which would cut text at a NUL; the store keeps the rest of the text
    /// by writing U+FFFD in its place.
    @Test(arguments: StoreKind.allCases)
    func nulInPlainTextBecomesAReplacementCharacterInsteadOfCuttingTheText(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        let session = try store.beginSession(flow: "ur\u{0}ge", at: TestDates.at(0), seed: nil)

        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .person, node: "n\u{0}", text: "a\u{0}b 💔")
        try store.saveDraft(sessionId: nil, at: TestDates.at(2), text: "\u{0}tail", sealedUntil: nil)
        try store.appendHistory("x\u{0}y", at: TestDates.at(3))
        try store.appendHistory("x\u{0}y", at: TestDates.at(4))
        try store.setSetting("region", "N\u{0}Z")
        try store.saveVariationStates(["k": "s\u{0}t"])

        #expect(try store.sessions(limit: 1).map(\.flow) == ["ur\u{FFFD}ge"])
        #expect(try store.turns(sessionId: session).map(\.text) == ["a\u{FFFD}b 💔"])
        #expect(try store.turns(sessionId: session).map(\.node) == ["n\u{FFFD}"])
        #expect(try store.drafts().map(\.text) == ["\u{FFFD}tail"])
        #expect(try store.historyLines(limit: 5) == ["x\u{FFFD}y"])
        #expect(try store.setting("region") == "N\u{FFFD}Z")
        #expect(try store.variationStates() == ["k": "s\u{FFFD}t"])
    }

    @Test(arguments: StoreKind.allCases)
    func variationStatesUpsertAndKeepOtherKeys(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        #expect(try store.variationStates().isEmpty)

        try store.saveVariationStates(["greeting": "3:1,2", "closing": "0:"])
        try store.saveVariationStates(["greeting": "4:1,2,0", "pause": "{\"opaque\":true}"])

        #expect(try store.variationStates() == [
            "greeting": "4:1,2,0",
            "closing": "0:",
            "pause": "{\"opaque\":true}",
        ])
    }

    @Test(arguments: StoreKind.allCases)
    func historyKeepsTheNewestLinesOldestFirstWithoutBlanksOrRepeats(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store

        for (offset, line) in ["first", "", "second", "second", "   ", "third", "second"].enumerated() {
            try store.appendHistory(line, at: TestDates.at(Double(offset)))
        }

        #expect(try store.historyLines(limit: 100) == ["first", "second", "third", "second"])
        #expect(try store.historyLines(limit: 2) == ["third", "second"])
        #expect(try store.historyLines(limit: 0).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func settingsSetReplaceAndDelete(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        #expect(try store.setting("region") == nil)

        try store.setSetting("region", "GB")
        try store.setSetting("pace", "slow")
        try store.setSetting("region", "IE")
        #expect(try store.setting("region") == "IE")
        #expect(try store.setting("pace") == "slow")

        try store.setSetting("region", nil)
        #expect(try store.setting("region") == nil)
        #expect(try store.setting("pace") == "slow")
    }

    @Test(arguments: StoreKind.allCases)
    func draftsAreSavedSealedAndSoftDeleted(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        let session = try store.beginSession(flow: "letter", at: TestDates.at(0), seed: nil)

        let sealed = try store.saveDraft(
            sessionId: session, at: TestDates.at(10), text: "I miss you.\nI won't send this.",
            sealedUntil: TestDates.at(86_400))
        let loose = try store.saveDraft(sessionId: nil, at: TestDates.at(20), text: "Never mind.", sealedUntil: nil)

        #expect(try store.drafts() == [
            DraftRecord(
                id: sealed, sessionId: session, createdAt: TestDates.at(10), text: "I miss you.\nI won't send this.",
                sealedUntil: TestDates.at(86_400), deletedAt: nil),
            DraftRecord(
                id: loose, sessionId: nil, createdAt: TestDates.at(20), text: "Never mind.", sealedUntil: nil,
                deletedAt: nil),
        ])

        try store.deleteDraft(loose, at: TestDates.at(30))
        try store.deleteDraft(loose, at: TestDates.at(40))
        #expect(try store.drafts().map(\.id) == [sealed])
        let all = try store.drafts(includeDeleted: true)
        #expect(all.map(\.id) == [sealed, loose])
        #expect(all.last?.deletedAt == TestDates.at(30))
    }

    @Test(arguments: StoreKind.allCases)
    func openedDraftsAreThoseWhoseSealRanOutAndNotDeleted(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        let older = try store.saveDraft(sessionId: nil, at: TestDates.at(1), text: "older", sealedUntil: TestDates.at(100))
        _ = try store.saveDraft(sessionId: nil, at: TestDates.at(2), text: "still sealed", sealedUntil: TestDates.at(10_000))
        _ = try store.saveDraft(sessionId: nil, at: TestDates.at(3), text: "never sealed", sealedUntil: nil)
        let gone = try store.saveDraft(sessionId: nil, at: TestDates.at(4), text: "deleted", sealedUntil: TestDates.at(50))
        try store.deleteDraft(gone, at: TestDates.at(60))
        let newer = try store.saveDraft(sessionId: nil, at: TestDates.at(5), text: "newer", sealedUntil: TestDates.at(500))
        #expect(try store.openedDrafts(at: TestDates.at(1_000)).map(\.id) == [older, newer])
        #expect(try store.openedDrafts(at: TestDates.at(100)).map(\.id) == [older], "a seal ending now has run out")
        #expect(try store.openedDrafts(at: TestDates.at(99)).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func integrityCheckSaysOk(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        _ = try test.store.beginSession(flow: "urge", at: TestDates.at(0), seed: 1)
        #expect(try test.store.integrityCheck() == "ok")
    }

    @Test(arguments: StoreKind.allCases)
    func deletingASessionCascadesToTurnsAndDetachesEventsAndDrafts(kind: StoreKind) throws {
        let test = try TestStore(kind)
        defer { test.remove() }
        let store = test.store
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .bot, node: nil, text: "Hi.")
        let event = try store.recordEvent(sessionId: session, at: TestDates.at(2), kind: "flow", fields: [:])
        let draft = try store.saveDraft(sessionId: session, at: TestDates.at(3), text: "x", sealedUntil: nil)

        try store.writer.write { db in
            _ = try SessionRecord.deleteOne(db, key: session)
        }

        #expect(try store.turns(sessionId: session).isEmpty)
        #expect(try store.events(kind: "flow").map(\.sessionId) == [nil])
        #expect(try store.events(kind: "flow").map(\.id) == [event])
        #expect(try store.drafts().map(\.sessionId) == [nil])
        #expect(try store.drafts().map(\.id) == [draft])
    }

    @Test func inMemoryStoreSaysWhereItIs() throws {
        #expect(try Store.inMemory().path == ":memory:")
    }

    @Test func onDiskStoreUsesWALNormalSyncAndForeignKeys() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(path: directory.file("unsent.sqlite"))

        let pragmas = try store.writer.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(pragmas.0 == "wal")
        #expect(pragmas.1 == 1)  // NORMAL
        #expect(pragmas.2 == 1)
        #expect(store.path == directory.file("unsent.sqlite"))
    }
}

import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Statistics records")
struct StatisticsTests {
    @Test func theWindowHoldsRecentEventsOnlyWithTheirFieldsTakenOut() throws {
        let store = try Store.inMemory()
        try store.setSetting("plan_start", "2023-11-01")
        try store.setSetting("plan_length", "30")
        try store.setSetting("region", "uk")
        try store.recordEvent(sessionId: nil, at: TestDates.at(-86_400 * 30), kind: "urge-ended", fields: ["before": "9", "trigger": "old"])
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        try store.recordEvent(sessionId: session, at: TestDates.at(1), kind: "urge-started", fields: ["intensity": "7"])
        try store.recordEvent(sessionId: session, at: TestDates.at(2), kind: "urge-ended", fields: ["before": "7", "after": "3", "trigger": "lonely", "outcome": "resisted"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(3), kind: "reflection", fields: ["day": "2023-11-14", "mood": "5", "strongest": "8", "entry": "x"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(4), kind: "mood", fields: ["day": "2023-11-14", "mood": " 6 "])
        try store.recordEvent(sessionId: nil, at: TestDates.at(5), kind: "note", fields: ["text": "not read"])

        let records = try store.progressRecords(since: TestDates.at(-10))

        #expect(records.settings == ["plan_start": "2023-11-01", "plan_length": "30"])
        #expect(records.recent == [
            ProgressEvent(kind: "urge-started", sessionId: session, at: TestDates.at(1), craving: 7),
            ProgressEvent(kind: "urge-ended", sessionId: session, at: TestDates.at(2), craving: 7, trigger: "lonely"),
            ProgressEvent(kind: "reflection", at: TestDates.at(3), day: "2023-11-14", craving: 8, mood: 5),
            ProgressEvent(kind: "mood", at: TestDates.at(4), day: "2023-11-14", mood: 6),
        ])
    }

    @Test func contactsAreReadInFullAndReachOutsCounted() throws {
        let store = try Store.inMemory()
        try store.recordEvent(sessionId: nil, at: TestDates.at(-86_400 * 400), kind: "contact", fields: ["day": "2022-10-10", "direction": "me"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(0), kind: "contact", fields: ["day": "2023-11-14", "direction": "they"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(1), kind: "contact", fields: ["direction": "planned"])
        try store.recordEvent(sessionId: nil, at: TestDates.at(2), kind: "contact-received", fields: ["category": "miss-you"])

        let records = try store.progressRecords(since: TestDates.at(-10))

        #expect(records.contacts.map(\.direction) == ["me", "they", "planned"])
        #expect(records.contacts.first?.day == "2022-10-10")
        #expect(records.reachOuts == 2)
        #expect(records.recent.map(\.kind) == ["contact-received"])
    }

    @Test func fieldsThatAreNotNumbersAreIgnored() throws {
        let store = try Store.inMemory()
        try store.recordEvent(sessionId: nil, at: TestDates.at(0), kind: "urge-started", fields: ["intensity": "very"])
        let records = try store.progressRecords(since: TestDates.at(-10))
        #expect(records.recent.map(\.craving) == [nil])
    }

    @Test func theWindowIsReadThroughTheKindAndTimeIndex() throws {
        let store = try Store.inMemory()
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM event WHERE kind IN ('mood', 'reflection') AND at >= '2024-01-01'")
                .map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("event_on_kind_at"), "\(plan)")
    }
}

import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Stores and dates from the future")
struct OutOfRangeTests {
    @Test func aStoreWithAUserVersionFromTheFutureIsRefusedAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        _ = try Store(path: path)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 7") }
            try queue.close()
        }
        let before = try FileInfo.bytes(path)

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.description.contains("written by a newer version of unsent, with file version 7") == true)
        #expect(try FileInfo.bytes(path) == before)
        let left = try directory.contents()
        #expect(left == ["unsent.sqlite"], "\(left)")
    }

    @Test(arguments: [
        (Date(timeIntervalSince1970: 253_402_300_800), "9999-12-31 23:59:59.999"),  // 10000-01-01
        (Date(timeIntervalSince1970: 1e15), "9999-12-31 23:59:59.999"),
        (Date(timeIntervalSince1970: -1e15), "0001-01-01 00:00:00.000"),
        (Date(timeIntervalSince1970: 253_402_300_799), "9999-12-31 23:59:59.000"),
    ])
    func aDateOutsideFourDigitYearsIsKeptAtTheNearestEnd(date: Date, stored: String) {
        #expect(date.storable == stored)
    }

    /// What an earlier unsent wrote when the clock said year 10000 made every later read of sessions fail.
    @Test func aSessionStoredAtYear10000IsReadableAfterOpening() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let store = try Store(path: path)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: 1)
        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .person, node: nil, text: "hello")
        try store.saveDraft(sessionId: session, at: TestDates.at(1), text: "draft", sealedUntil: nil)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE session SET startedAt = '10000-01-01 00:00:00.000', endedAt = '10000-01-01 00:01:00.000'")
            try db.execute(sql: "UPDATE turn SET at = '10000-01-01 00:00:30.000'")
            try db.execute(sql: "UPDATE draft SET sealedUntil = '10000-02-01 00:00:00.000'")
            // As a store written before the repair: the repair runs again on the next opening.
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5'")
        }

        let reopened = try Store(path: path)

        let sessions = try reopened.sessions(limit: 5)
        #expect(sessions.map(\.startedAt.storable) == ["9999-12-31 23:59:59.999"])
        #expect(try reopened.turns(sessionId: session).map(\.text) == ["hello"])
        #expect(try reopened.drafts().map(\.text) == ["draft"])
    }
}

import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// `--durable` opens the store with synchronous=FULL; the default stays NORMAL (issue 17, item 14).
@Suite("Durable store")
struct DurableStoreTests {
    static func synchronous(_ store: Store) throws -> Int? {
        try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    }

    @Test func aDurableStoreCommitsWithSynchronousFullAndAnOrdinaryOneWithNormal() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let ordinary = try Store(path: path)
        #expect(try Self.synchronous(ordinary) == 1)  // NORMAL
        let durable = try Store(path: path, durable: true)
        #expect(try Self.synchronous(durable) == 2)  // FULL
        // Still in WAL mode, and it writes and reads as ever.
        #expect(try durable.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        try durable.setSetting("region", "uk")
        #expect(try ordinary.setting("region") == "uk")
    }
}

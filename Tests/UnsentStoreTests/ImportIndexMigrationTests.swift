import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// Migration v7: the indexes `unsent import` looks drafts and history lines up by. A store as v6 left it
/// opens with them, every row kept, after a backup copy of the store as it was.
@Suite("Migration v7: import lookups")
struct ImportIndexMigrationTests {
    /// A store as v6 left it: the current schema without what v7 added.
    private func version6Store(at path: String) throws {
        let store = try Store(path: path)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: 7)
        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .person, node: nil, text: "I miss you")
        try store.saveDraft(sessionId: session, at: TestDates.at(2), text: "unsent words", sealedUntil: nil)
        try store.appendHistory("I miss you", at: TestDates.at(3))
        try store.writer.write { db in
            try db.execute(sql: """
                DROP INDEX draft_on_createdAt;
                DROP INDEX history_on_at;
                DELETE FROM grdb_migrations WHERE identifier = 'v7';
                """)
        }
    }

    private func indexes(_ store: Store) throws -> Set<String> {
        try store.writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"))
        }
    }

    @Test func v7ComesBeforeV8() {
        #expect(StoreSchema.migrator.migrations.suffix(3).prefix(2) == ["v7", "v8"])
    }

    @Test func aVersion6StoreGainsTheIndexesAndKeepsEveryRow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        try version6Store(at: path)

        let store = try Store(path: path)

        #expect(try store.writer.read(StoreSchema.migrator.appliedMigrations) == StoreSchema.migrator.migrations)
        #expect(try indexes(store).isSuperset(of: ["draft_on_createdAt", "history_on_at"]))
        #expect(try store.drafts().map(\.text) == ["unsent words"])
        #expect(try store.historyLines(limit: 10) == ["I miss you"])
        #expect(try store.sessions(limit: 5).map(\.seed) == [7])
        let backup = try DatabaseQueue(path: path + ".backup-v7")
        #expect(try backup.read(StoreSchema.migrator.appliedIdentifiers) == Set(StoreSchema.migrator.migrations).subtracting(["v7"]))
        #expect(FileInfo.mode(path + ".backup-v7") == 0o600)
    }

    @Test func theLookupsUseTheIndexes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(path: directory.file("unsent.sqlite"))

        let plans = try store.writer.read { db in
            try [("SELECT 1 FROM draft WHERE createdAt = ? AND text = ? AND deletedAt IS ?", ["x", "y", nil] as StatementArguments),
                 ("SELECT 1 FROM history WHERE at = ? AND line = ?", ["x", "y"])].map { sql, arguments in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).compactMap { $0["detail"] as String? }.joined()
            }
        }

        #expect(plans[0].contains("draft_on_createdAt"), "\(plans[0])")
        #expect(plans[1].contains("history_on_at"), "\(plans[1])")
    }
}

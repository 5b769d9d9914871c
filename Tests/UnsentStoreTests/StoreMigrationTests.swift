import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Store reopening and migrations")
struct StoreMigrationTests {
    /// Writes one of everything and returns the session id.
    private func fill(_ store: Store) throws -> Int64 {
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: 42)
        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .bot, node: "start", text: "Hi.")
        try store.appendTurn(sessionId: session, at: TestDates.at(2), speaker: .person, node: nil, text: "Hey.")
        try store.endSession(session, at: TestDates.at(3), ending: "quit")
        try store.recordEvent(sessionId: session, at: TestDates.at(2), kind: "flow", fields: ["name": "urge"])
        try store.saveVariationStates(["greeting": "2:0,1"])
        try store.appendHistory("/help", at: TestDates.at(4))
        try store.setSetting("region", "NZ")
        try store.saveDraft(sessionId: session, at: TestDates.at(5), text: "unsent", sealedUntil: nil)
        return session
    }

    private func expectFilled(_ store: Store, session: Int64) throws {
        #expect(try store.sessions(limit: 5).map(\.ending) == ["quit"])
        #expect(try store.sessions(limit: 5).map(\.seed) == [42])
        #expect(try store.turns(sessionId: session).map(\.text) == ["Hi.", "Hey."])
        #expect(try store.events(kind: "flow").map(\.fields) == [["name": "urge"]])
        #expect(try store.variationStates() == ["greeting": "2:0,1"])
        #expect(try store.historyLines(limit: 10) == ["/help"])
        #expect(try store.setting("region") == "NZ")
        #expect(try store.drafts().map(\.text) == ["unsent"])
    }

    @Test func reopeningKeepsEverything() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let session = try fill(Store(path: path))

        let reopened = try Store(path: path)

        try expectFilled(reopened, session: session)
        let nextTurn = try reopened.appendTurnAndCount(session)
        #expect(nextTurn == 3)
    }

    @Test func aVersion1StoreReopensFullyMigratedWithoutABackup() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let session = try fill(Store(path: path))

        let reopened = try Store(path: path)

        let migrator = StoreSchema.migrator
        #expect(try reopened.writer.read(migrator.hasCompletedMigrations))
        #expect(try reopened.writer.read(migrator.appliedMigrations) == migrator.migrations)
        #expect(migrator.migrations.first == "v1")
        try expectFilled(reopened, session: session)
        #expect(try directory.contents().allSatisfy { !$0.contains(".backup-") })
    }

    @Test func aPendingMigrationFirstCopiesTheStoreAside() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let session = try fill(Store(path: path))
        var migrator = StoreSchema.migrator
        migrator.registerMigration("test-v2") { db in
            try db.execute(sql: "ALTER TABLE session ADD COLUMN mood TEXT")
        }

        let migrated = try Store(path: path, busyTimeout: 5, migrator: migrator)

        #expect(try migrated.writer.read(migrator.appliedMigrations) == StoreSchema.migrator.migrations + ["test-v2"])
        #expect(try migrated.writer.read { db in try db.columns(in: "session").map(\.name) }.contains("mood"))
        try expectFilled(migrated, session: session)

        let backupPath = path + ".backup-test-v2"
        #expect(FileInfo.mode(backupPath) == 0o600)
        let backup = try DatabaseQueue(path: backupPath)
        #expect(try backup.read(StoreSchema.migrator.appliedMigrations) == StoreSchema.migrator.migrations)
        #expect(try backup.read { db in try String.fetchAll(db, sql: "SELECT text FROM turn ORDER BY sequence") }
            == ["Hi.", "Hey."])
    }

    @Test func aSecondBackupForTheSameMigrationGetsItsOwnName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        try Data("earlier".utf8).write(to: URL(fileURLWithPath: path + ".backup-v2"))

        #expect(StoreFile(path: path).backupPath(before: "v2") == path + ".backup-v2-2")
        #expect(StoreFile(path: path).backupPath(before: "v3") == path + ".backup-v3")
    }

    @Test func aStoreFromANewerUnsentIsRefusedAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        do {
            let store = try Store(path: path)
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
        }
        let before = try FileInfo.bytes(path)

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .other)
        #expect(error?.description.contains("newer version of unsent") == true)
        #expect(error?.description.contains("v99-from-the-future") == true)
        #expect(try FileInfo.bytes(path) == before)
    }
}

extension Store {
    /// Appends a person turn and returns the session's turn count.
    fileprivate func appendTurnAndCount(_ session: Int64) throws -> Int {
        try appendTurn(sessionId: session, at: TestDates.at(9), speaker: .person, node: nil, text: "more")
        return try turns(sessionId: session).count
    }
}

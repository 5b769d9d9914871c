import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// A store written by the first released schema ("v1", kept as `Fixtures/v1-store.sqlite`) opens in this
/// version with all its data, every migration applied, and — when migrations were pending — a backup
/// copy of the store as it was. Written against whatever migrations the current schema has: with only v1
/// nothing is pending and no backup may appear; once later migrations exist they run on real v1 data here.
@Suite("Migrating the v1 fixture")
struct MigrationFixtureTests {
    static let fixturePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/v1-store.sqlite").path

    /// The tables v1 made, with the data that has to survive.
    static let dataTables = ["session", "turn", "event", "draft", "setting", "variation", "history"]

    /// Copies the fixture (its file only; it is kept checkpointed, without -wal) into a fresh folder.
    private func copyFixture(into directory: TemporaryDirectory, as name: String) throws -> String {
        let path = directory.file(name)
        try FileManager.default.copyItem(atPath: Self.fixturePath, toPath: path)
        return path
    }

    @Test func theFixtureIsAVersion1Store() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reference = try StoreSnapshot.read(copyFixture(into: directory, as: "reference.sqlite"))

        #expect(reference.migrations == ["v1"])
        // Enough data to notice a loss: several sessions with turns, and some of everything else.
        #expect(reference.counts["session"].map { $0 >= 2 } == true, "counts: \(reference.counts)")
        #expect(reference.counts["turn"].map { $0 >= 20 } == true, "counts: \(reference.counts)")
        for table in ["event", "draft", "setting"] {
            #expect(reference.counts[table].map { $0 > 0 } == true, "\(table) is empty in the fixture: \(reference.counts)")
        }
    }

    @Test func openingMigratesToTheLatestSchemaAndKeepsEveryRow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reference = try StoreSnapshot.read(copyFixture(into: directory, as: "reference.sqlite"))
        let path = try copyFixture(into: directory, as: "unsent.sqlite")
        let migrator = StoreSchema.migrator
        let pending = migrator.migrations.filter { !reference.migrations.contains($0) }

        let store = try Store(path: path)

        #expect(try store.writer.read(migrator.appliedIdentifiers) == Set(migrator.migrations))
        #expect(try store.writer.read(migrator.hasCompletedMigrations))
        let after = try store.writer.read { db in try StoreSnapshot.read(db, tables: reference.columns) }
        #expect(after.counts == reference.counts)
        for table in Self.dataTables {
            #expect(after.rows[table] == reference.rows[table], "rows of \(table) changed in the migration")
        }
        // A few values read through the store's own API, as the app reads them.
        let sessions = try store.sessions(limit: 1_000)
        #expect(sessions.count == reference.counts["session"])
        let firstSession = try #require(reference.rows["session"]?.first)
        let firstTurns = try store.turns(sessionId: try #require(Int64(firstSession[0] ?? "")))
        let storedTexts = reference.rows["turn"]?.filter { $0[1] == firstSession[0] }.compactMap { $0.last ?? nil }
        #expect(firstTurns.map(\.text) == storedTexts)
        #expect(try store.drafts(includeDeleted: true).count == reference.counts["draft"])

        // The backup: made only when something was pending, named after the first new migration.
        let backups = try directory.contents().filter { $0.contains(".backup-") }
        if let first = pending.first {
            #expect(backups == ["unsent.sqlite.backup-\(first)"])
            let backupPath = path + ".backup-" + first
            #expect(FileInfo.mode(backupPath) == 0o600)
            let backup = try StoreSnapshot.read(backupPath)
            #expect(backup.migrations == reference.migrations)
            #expect(backup.rows == reference.rows, "the backup does not hold the store as it was")
            #expect(backup.schema == reference.schema, "the backup's schema is not v1's")
            // The copy is the fixture's bytes, so a person can put it back as it was. Every page but the
            // header's bookkeeping (change counter, schema cookie, version-valid-for) must match already.
            let backupBytes = try FileInfo.bytes(backupPath), originalBytes = try FileInfo.bytes(Self.fixturePath)
            let differences = try Self.differingOffsets(backupPath, Self.fixturePath)
            #expect(Self.maskingHeaderCounters(backupBytes) == Self.maskingHeaderCounters(originalBytes),
                    "the backup differs from the original at bytes \(differences)")
            // Known bug: the backup is made with SQLite's backup API, which rewrites those header fields.
            // When the backup becomes a byte copy, this known issue stops being recorded and the test fails
            // until the wrapper is removed.
            withKnownIssue("StorePreflight.backUp uses the SQLite backup API: header bytes 24-27, 40-43, 92-95 differ") {
                #expect(backupBytes == originalBytes,
                        "the backup differs from the original at bytes \(differences)")
            }
        } else {
            #expect(backups.isEmpty, "nothing was pending, yet a backup was made: \(backups)")
        }
    }

    @Test func aSecondOpeningFindsNothingPendingAndMakesNoOtherBackup() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try copyFixture(into: directory, as: "unsent.sqlite")
        let first = try Store(path: path)
        let firstRows = try first.writer.read { db in try StoreSnapshot.read(db, tables: nil) }
        let backupsAfterFirst = try directory.contents().filter { $0.contains(".backup-") }

        let second = try Store(path: path)

        #expect(try directory.contents().filter { $0.contains(".backup-") } == backupsAfterFirst)
        #expect(try second.writer.read { db in try StoreSnapshot.read(db, tables: nil) }.rows == firstRows.rows)
    }

    /// Opening v1 with a migrator that knows only v1: nothing is pending, so nothing is copied and nothing
    /// in the file changes. (The "v1" closure must not run: the fixture has it already.)
    @Test func nothingPendingMeansNoBackup() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try copyFixture(into: directory, as: "unsent.sqlite")
        var onlyVersion1 = DatabaseMigrator()
        onlyVersion1.registerMigration("v1") { _ in
            Issue.record("v1 ran again on a store that has it")
        }

        let store = try Store(path: path, busyTimeout: 5, migrator: onlyVersion1)

        #expect(try store.writer.read(onlyVersion1.appliedIdentifiers) == ["v1"])
        #expect(try directory.contents().filter { $0.contains(".backup-") }.isEmpty)
        let reference = try StoreSnapshot.read(copyFixture(into: directory, as: "reference.sqlite"))
        #expect(try store.writer.read { db in try StoreSnapshot.read(db, tables: reference.columns) }.rows == reference.rows)
    }

    /// The bytes with the SQLite header's file change counter (24-27), schema cookie (40-43) and
    /// version-valid-for number (92-95) zeroed: the fields a copy through the backup API rewrites.
    static func maskingHeaderCounters(_ bytes: Data) -> Data {
        var masked = bytes
        for range in [24..<28, 40..<44, 92..<96] where masked.count >= range.upperBound {
            masked.replaceSubrange(range, with: Data(count: range.count))
        }
        return masked
    }

    /// The first few byte offsets (0-based) where two files differ, for a readable failure.
    static func differingOffsets(_ one: String, _ other: String) throws -> String {
        let left = try FileInfo.bytes(one), right = try FileInfo.bytes(other)
        let offsets = zip(left, right).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(8)
            .map { "\($0.offset): \($0.element.0) vs \($0.element.1)" }
        return offsets.joined(separator: ", ") + (left.count == right.count ? "" : "; sizes \(left.count) vs \(right.count)")
    }
}

/// Everything in a store's data tables, as text, with the migrations it has applied and its schema.
struct StoreSnapshot {
    var migrations: [String] = []
    /// Table → its column names (v1's, when read from the fixture).
    var columns: [String: [String]] = [:]
    var counts: [String: Int] = [:]
    /// Table → rows in id (or key) order, each value as text (nil for NULL), in `columns` order.
    var rows: [String: [[String?]]] = [:]
    /// `CREATE` statements of the tables, indexes and triggers, sorted.
    var schema: [String] = []

    /// Reads a store file through a read-only connection.
    static func read(_ path: String) throws -> StoreSnapshot {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try read(db, tables: nil) }
    }

    /// Reads the data tables; `tables` gives the columns to read (to compare with a store of an older
    /// schema), or nil for every column this database has.
    static func read(_ db: Database, tables: [String: [String]]?) throws -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        snapshot.migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        snapshot.schema = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' ORDER BY sql")
        for table in MigrationFixtureTests.dataTables {
            let names = try tables?[table] ?? db.columns(in: table).map(\.name)
            snapshot.columns[table] = names
            let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: "SELECT \(list) FROM \(table) ORDER BY 1")
            snapshot.rows[table] = rows.map { row in
                (0..<row.count).map { index in
                    let value: DatabaseValue = row[index]
                    return switch value.storage {
                    case .null: nil
                    case .int64(let number): String(number)
                    case .double(let number): String(number)
                    case .string(let text): text
                    case .blob(let bytes): "blob:" + bytes.base64EncodedString()
                    }
                }
            }
            snapshot.counts[table] = rows.count
        }
        return snapshot
    }
}

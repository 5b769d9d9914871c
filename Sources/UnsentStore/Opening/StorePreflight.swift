import Foundation
import GRDB

/// Looks at an existing store file through a read-only connection before anything may write to it, so
/// that a file that is not ours, is damaged, locked or read-only is reported and left byte-for-byte as it was.
/// When a pending migration would change a store that already has migrations, it first copies the store aside.
struct StorePreflight {
    let file: StoreFile
    let busyTimeout: TimeInterval
    let migrator: DatabaseMigrator

    /// Checks the file at `file.path`; throws the `StoreError` that says why it must not be opened for writing.
    /// - Returns: The path of the backup made before migrating, if one was made.
    @discardableResult
    func run() throws(StoreError) -> String? {
        switch file.item() {
        case .directory:
            throw StoreError(kind: .isDirectory, path: file.path)
        case .special:
            throw StoreError(kind: .notADatabase, path: file.path, detail: "it is not a regular file")
        case .missing:
            try requireWritableDirectory()
            return nil
        case .regularFile(size: 0):
            // SQLite treats an empty file as an empty database (whose pages may all be in the log).
            try WriteAheadLogCheck(file: file).run()
            try requireWritable()
            return nil
        case .regularFile(let size):
            // Before any connection: the first one would replay the log and drop what follows a damaged frame.
            try WriteAheadLogCheck(file: file).run()
            return try inspectExistingDatabase(size: size)
        }
    }

    private func inspectExistingDatabase(size: Int64) throws(StoreError) -> String? {
        // A read-only connection to a WAL store makes -wal and -shm files (with the store's mode, so 0400 for
        // a read-only store) and cannot remove them when it closes; left behind, they would keep every later
        // opening from writing. The ones this check made are removed again, whatever it finds.
        let companionsBefore = file.companionPaths.filter { FileManager.default.fileExists(atPath: $0) }
        var opened: DatabaseQueue?
        defer {
            try? opened?.close()
            file.removeEmptyCompanions(except: companionsBefore)
        }
        do {
            let reader = try DatabaseQueue(path: file.path, configuration: readOnlyConfiguration)
            opened = reader
            let pending = try reader.read { db throws -> [String] in
                try checkIntegrity(db, size: size)
                return try pendingMigrations(db)
            }
            try requireWritable()
            guard let next = pending.first else {
                return nil
            }
            return try backUp(reader, before: next)
        } catch {
            throw StoreError.wrapping(error, path: file.path)
        }
    }

    private var readOnlyConfiguration: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "unsent store check"
        return configuration
    }

    /// Stores up to this size get a full `quick_check` at every start; it reads every page, which
    /// for a store of years (over 100 MB) would cost a third of a second at each start.
    static let fullCheckLimit: Int64 = 32 << 20

    /// Reading the schema version makes SQLite read the header (SQLITE_NOTADB for a foreign file);
    /// quick_check then reads every page. A large store has only its schema read at start; damage
    /// deeper in it is reported, with the path, when that part is first read.
    private func checkIntegrity(_ db: Database, size: Int64) throws {
        _ = try Int.fetchOne(db, sql: "PRAGMA schema_version")
        let result: [String]
        if size <= Self.fullCheckLimit {
            result = try String.fetchAll(db, sql: "PRAGMA quick_check")
        } else {
            // Reading the schema reads the pages that describe every table and index.
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            result = ["ok"]
        }
        guard result == ["ok"] else {
            throw StoreError(kind: .corrupt, path: file.path, detail: result.prefix(3).joined(separator: "; "))
        }
    }

    /// The registered migrations this database lacks; empty for an empty database, which the normal
    /// migration creates. Throws for another program's database and for a store from a newer unsent.
    private func pendingMigrations(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else {
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            guard tables.isEmpty else {
                throw StoreError(
                    kind: .notADatabase, path: file.path,
                    detail: "it is an SQLite database of another program, with tables "
                        + tables.prefix(5).joined(separator: ", "))
            }
            return []
        }
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard userVersion <= StoreSchema.userVersion else {
            throw StoreError(
                kind: .other, path: file.path,
                detail: "it was written by a newer version of unsent, with file version \(userVersion) "
                    + "that this version does not know; update unsent")
        }
        let applied = try migrator.appliedIdentifiers(db)
        let unknown = applied.subtracting(migrator.migrations).sorted()
        guard unknown.isEmpty else {
            throw StoreError(
                kind: .other, path: file.path,
                detail: "it was written by a newer version of unsent, with migrations "
                    + unknown.joined(separator: ", ") + " that this version does not know; update unsent")
        }
        guard !applied.isEmpty else {
            return []
        }
        return migrator.migrations.filter { !applied.contains($0) }
    }

    /// Copies the whole database (WAL content included) to a new file beside it, mode 0600.
    private func backUp(_ reader: DatabaseQueue, before identifier: String) throws -> String {
        let backupPath = file.backupPath(before: identifier)
        do {
            let copy = try DatabaseQueue(path: backupPath)
            do {
                try reader.backup(to: copy)
                try copy.close()
            } catch {
                // A half-made copy is worse than none: it would look like a backup.
                try? copy.close()
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: backupPath + suffix) }
                let wrapped = StoreError.wrapping(error, path: file.path)
                if wrapped.kind == .diskFull || wrapped.kind == .other {
                    // The copy's own message can be misleading ("not an error"): say what happened.
                    throw StoreError(kind: .diskFull, path: file.path,
                                     detail: "there was no room for the safety copy made before an upgrade")
                }
                throw wrapped
            }
        }
        StoreFile(path: backupPath).tightenFilePermissions()
        return backupPath
    }

    private func requireWritable() throws(StoreError) {
        guard file.isWritable else {
            throw StoreError(kind: .readOnly, path: file.path, detail: "the file is read-only")
        }
        try requireWritableDirectory()
    }

    private func requireWritableDirectory() throws(StoreError) {
        guard file.directoryIsWritable else {
            throw StoreError(kind: .readOnly, path: file.path, detail: "its folder \(file.directoryPath) is read-only")
        }
    }
}

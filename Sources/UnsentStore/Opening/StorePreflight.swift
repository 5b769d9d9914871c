import Foundation
import GRDB

/// Looks at an existing store file before anything may write to it, so that a file that is not ours, is
/// damaged, locked or read-only is reported and left byte-for-byte as it was. When a pending migration would
/// change a store that already has migrations, it first copies the store aside.
///
/// The look is made through the connection that will write (`Store`), opened without switching the file to
/// WAL or writing anything: a second, read-only connection made for it read and parsed the whole schema
/// again at every start (about 10M instructions, half the store's opening path; callgrind, stop 23).
struct StorePreflight {
    /// What the look found and did.
    struct Outcome: Equatable {
        /// The path of the backup made before migrating, if one was made.
        var backupPath: String?
        /// Whether the scheduled `quick_check` ran (and found the store sound), to be recorded once the store
        /// can be written.
        var ranQuickCheck = false
    }

    let file: StoreFile
    let migrator: DatabaseMigrator
    /// The time the integrity check's schedule is judged by.
    let now: Date

    /// Checks what can be checked before any connection: throws the `StoreError` that says why the file must
    /// not be opened. True when it holds a database to `inspect` once a connection is open.
    func checkFile() throws(StoreError) -> Bool {
        switch file.item() {
        case .directory:
            throw StoreError(kind: .isDirectory, path: file.path)
        case .special:
            throw StoreError(kind: .notADatabase, path: file.path, detail: "it is not a regular file")
        case .missing:
            try requireWritableDirectory()
            return false
        case .regularFile(size: 0):
            // SQLite treats an empty file as an empty database (whose pages may all be in the log).
            try WriteAheadLogCheck(file: file).run()
            try requireWritable()
            return false
        case .regularFile:
            // Before any connection: the first one would replay the log and drop what follows a damaged frame.
            try WriteAheadLogCheck(file: file).run()
            return true
        }
    }

    /// Looks at the database through `queue`, which has written nothing yet; throws the `StoreError` that
    /// says why it must not be written.
    func inspect(_ queue: DatabaseQueue) throws(StoreError) -> Outcome {
        do {
            let (checked, pending) = try queue.read { db throws -> (Bool, [String]) in
                let checked = try checkIntegrity(db)
                return (checked, try pendingMigrations(db))
            }
            try requireWritable()
            guard let next = pending.first else {
                return Outcome(ranQuickCheck: checked)
            }
            return Outcome(backupPath: try backUp(queue, before: next), ranQuickCheck: checked)
        } catch let error as StoreError {
            throw error
        } catch {
            let wrapped = StoreError.wrapping(error, path: file.path)
            // What a file or folder that cannot be written keeps SQLite from reading is said as that.
            if wrapped.kind != .notADatabase, wrapped.kind != .corrupt { try requireWritable() }
            throw wrapped
        }
    }

    /// Checks what every start needs sound, and the whole file only when the weekly check is due.
    ///
    /// Reading the schema version makes SQLite read the header (SQLITE_NOTADB for a foreign file), and
    /// reading the schema reads the pages that describe every table and index. `quick_check` reads every
    /// page: on a store of a year (18 MB) it tripled the time to the first prompt, so it runs when
    /// `IntegritySchedule` says it is due (a week after the last one, recorded in the store) and in full in
    /// `unsent doctor`. Damage found between checks is reported, with the path, when that part is read.
    /// - Returns: Whether `quick_check` ran.
    private func checkIntegrity(_ db: Database) throws -> Bool {
        _ = try Int.fetchOne(db, sql: "PRAGMA schema_version")
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
        guard try !IntegritySchedule.wasChecked(db, recentlyAsOf: now) else {
            return false
        }
        let result = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard result == ["ok"] else {
            throw StoreError(kind: .corrupt, path: file.path, detail: result.prefix(3).joined(separator: "; "))
        }
        return true
    }

    /// The registered migrations this database lacks; empty for an empty database, which the normal
    /// migration creates. Throws for another program's database and for a store from a newer unsent.
    private func pendingMigrations(_ db: Database) throws -> [String] {
        guard try StoreSchema.tableExists(db, "grdb_migrations") else {
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

import CSQLiteConfig
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The session store: one SQLite file that keeps sessions and their turns, events, variation states,
/// readline history, settings and drafts.
///
/// Every write method runs in one transaction that is committed before it returns, so a `kill -9` loses
/// nothing a method reported as written. Several unsent processes may share one file: writers wait for each
/// other up to the busy timeout, then fail with a `.locked` error.
public struct Store: Sendable {
    /// The store's file, or ":memory:" for an in-memory store.
    public let path: String
    /// The connection. Internal so that tests can look at the schema and pragmas.
    let writer: any DatabaseWriter

    /// Opens the store at `path`, creating it (and its folder, mode 0700) if needed, and brings its schema up
    /// to date. A file that is not an unsent store, is damaged, locked or read-only is reported and left
    /// untouched; a store about to be migrated is first copied to `PATH.backup-<migration>`.
    ///
    /// - Parameters:
    ///   - path: The store file, usually from `StoreLocation.resolve`.
    ///   - busyTimeout: How long to wait for another process's write lock before failing with `.locked`.
    ///   - durable: Commit with `synchronous=FULL`: each commit waits until the write-ahead log is on the disk,
    ///     so an OS crash or power cut loses no step a method reported as written (`--durable`).
    ///   - now: The time the weekly integrity check is judged by (`IntegritySchedule`).
    public init(path: String, busyTimeout: TimeInterval = 5, durable: Bool = false, now: Date = Date()) throws(StoreError) {
        try self.init(path: path, busyTimeout: busyTimeout, migrator: StoreSchema.migrator, durable: durable, now: now)
    }

    /// Opens the store with a given migrator; tests use it to add migrations.
    init(path: String, busyTimeout: TimeInterval, migrator: DatabaseMigrator, durable: Bool = false, now: Date = Date()) throws(StoreError) {
        let file = StoreFile(path: path)
        let queue = try ProcessUmask.withPrivateMask { () throws(StoreError) -> DatabaseQueue in
            if file.item() == .directory {
                throw StoreError(kind: .isDirectory, path: path)
            }
            try file.prepareDirectory()
            return try StoreOpeningLock.withLock(
                storePath: path, directory: file.directoryPath, timeout: busyTimeout
            ) { () throws(StoreError) -> DatabaseQueue in
                file.restoreCompanionPermissions()
                let queue = try Self.openAndMigrate(file, busyTimeout: busyTimeout, migrator: migrator, durable: durable, now: now)
                file.tightenFilePermissions()
                return queue
            }
        }
        self.init(path: path, writer: queue)
    }

    private init(path: String, writer: any DatabaseWriter) {
        self.path = path
        self.writer = writer
    }

    /// An empty store in memory, for tests.
    public static func inMemory() throws(StoreError) -> Store {
        let path = ":memory:"
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            let queue = try DatabaseQueue(configuration: configuration)
            try StoreSchema.migrator.migrate(queue)
            return Store(path: path, writer: queue)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// The writing connection's settings. It opens without switching the file to WAL (`journalMode` stays
    /// SQLite's), so that nothing is written before `StorePreflight` has looked at the file through it;
    /// `switchToWriteAheadLog` then does what GRDB's `.wal` would.
    ///
    /// WAL so that a reader never blocks the writer and a commit survives `kill -9`; synchronous=NORMAL
    /// so that commits do not wait for the disk, unless `durable` asks for FULL; foreign keys for the cascades.
    ///
    /// The log is kept when the connection closes: SQLite would otherwise copy it into the database and
    /// delete it at every exit (four fdatasync calls, about a millisecond). What is in the log is as safe as
    /// what is in the database: the next connection reads it, and SQLite checkpoints it on its own once it
    /// holds `logPages` pages.
    ///
    /// A kept log is read whole at the next start (SQLite's recovery): with SQLite's defaults (checkpoint at
    /// 1000 pages, the file never shrunk) it stayed at 4 MB and cost a start about 7 ms, more than the
    /// checkpoint saved. So the log is checkpointed at 1 MB and cut back to 1 MB after each checkpoint; a log
    /// of that size costs a start nothing measurable.
    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "unsent store"
        configuration.prepareDatabase { db in
            // An SQLite without the setting (before 3.16) checkpoints on close as before.
            _ = unsent_sqlite_keep_log_on_close(db.sqliteConnection)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(logPages); PRAGMA journal_size_limit = \(logPages * 4096)")
        }
        return configuration
    }

    /// The log's size (in 4 KB pages) at which SQLite copies it into the store, and to which it cuts the file back.
    static let logPages = 256

    /// Opens the writing connection, looks at an existing file through it before anything is written
    /// (`StorePreflight`), switches the file to WAL and migrates. Whatever fails leaves the file as it was,
    /// and removes the empty companion files the connection made.
    private static func openAndMigrate(
        _ file: StoreFile, busyTimeout: TimeInterval, migrator: DatabaseMigrator, durable: Bool, now: Date
    ) throws(StoreError) -> DatabaseQueue {
        let preflight = StorePreflight(file: file, migrator: migrator, now: now)
        let existing = try preflight.checkFile()
        let companionsBefore = file.companionPaths.filter { FileManager.default.fileExists(atPath: $0) }
        var opened: DatabaseQueue?
        do {
            let queue = try DatabaseQueue(path: file.path, configuration: configuration(busyTimeout: busyTimeout))
            opened = queue
            let outcome = existing ? try preflight.inspect(queue) : StorePreflight.Outcome()
            try queue.writeWithoutTransaction { db in try switchToWriteAheadLog(db, durable: durable) }
            try migrate(queue, with: migrator)
            if outcome.ranQuickCheck {
                // Unrecorded, the check only runs again at the next start.
                try? queue.write { db in try IntegritySchedule.record(db, at: now) }
            }
            return queue
        } catch {
            try? opened?.close()
            file.removeEmptyCompanions(except: companionsBefore)
            let wrapped = (error as? StoreError) ?? StoreError.wrapping(error, path: file.path)
            let blocking = file.unwritableCompanions()
            guard wrapped.kind == .readOnly, !blocking.isEmpty, file.isWritable, file.directoryIsWritable else {
                throw wrapped
            }
            // The message must name what to fix: the store itself may be writable.
            throw StoreError(
                kind: .readOnly, path: file.path,
                detail: "SQLite's files beside it cannot be written: " + blocking.joined(separator: ", ")
                    + "; when no unsent is running, remove them or make them yours with mode 0600")
        }
    }

    /// What GRDB's `journalMode = .wal` does for a connection that reads and writes on one queue: WAL, then
    /// synchronous=NORMAL (FULL when `durable`).
    private static func switchToWriteAheadLog(_ db: Database, durable: Bool) throws {
        let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        guard mode == "wal" else {
            throw DatabaseError(message: "could not switch the store to WAL mode (it is in \(mode ?? "no") mode)")
        }
        try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
    }

    /// Runs pending migrations. The opening lock keeps two processes from migrating at once; where the folder
    /// cannot be locked both may try, and the loser's migration fails ("table already exists") after the
    /// winner's committed, which is fine when the schema is complete afterwards.
    private static func migrate(_ writer: any DatabaseWriter, with migrator: DatabaseMigrator) throws {
        if try writer.read(migrator.hasCompletedMigrations) {
            return
        }
        do {
            try migrator.migrate(writer)
        } catch {
            if (try? writer.read(migrator.hasCompletedMigrations)) == true {
                return
            }
            throw error
        }
    }
}

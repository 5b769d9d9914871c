import GRDB

/// The store's schema, as a list of named migrations.
///
/// A migration that has shipped is never edited: a change is a new migration appended below. The SQL is
/// written out rather than built with GRDB's schema helpers so that what "v1" creates cannot drift with a
/// GRDB update.
enum StoreSchema {
    /// The migrator for the current schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        // Migrations for later versions go here, each with a new name.
        return migrator
    }

    /// Sessions, their turns, events, variation states, readline history, settings and drafts.
    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE session (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                startedAt DATETIME NOT NULL,
                endedAt DATETIME,
                flow TEXT NOT NULL,
                ending TEXT,
                seed INTEGER
            );
            CREATE TABLE turn (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sessionId INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                sequence INTEGER NOT NULL,
                at DATETIME NOT NULL,
                speaker TEXT NOT NULL,
                node TEXT,
                text TEXT NOT NULL,
                UNIQUE (sessionId, sequence)
            );
            CREATE INDEX turn_on_sessionId ON turn(sessionId);
            CREATE TABLE event (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sessionId INTEGER REFERENCES session(id) ON DELETE SET NULL,
                at DATETIME NOT NULL,
                kind TEXT NOT NULL,
                fields TEXT NOT NULL
            );
            CREATE INDEX event_on_kind_at ON event(kind, at);
            CREATE INDEX event_on_sessionId ON event(sessionId);
            CREATE TABLE variation (
                key TEXT NOT NULL PRIMARY KEY,
                state TEXT NOT NULL
            );
            CREATE TABLE history (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at DATETIME NOT NULL,
                line TEXT NOT NULL
            );
            CREATE TABLE setting (
                key TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            );
            CREATE TABLE draft (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sessionId INTEGER REFERENCES session(id) ON DELETE SET NULL,
                createdAt DATETIME NOT NULL,
                text TEXT NOT NULL,
                sealedUntil DATETIME,
                deletedAt DATETIME
            );
            CREATE INDEX draft_on_sessionId ON draft(sessionId);
            """)
    }
}

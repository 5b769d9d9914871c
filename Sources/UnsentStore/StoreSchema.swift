import GRDB
import UnsentCore

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
        migrator.registerMigration("v2", migrate: createVersion2)
        migrator.registerMigration("v3", migrate: createVersion3)
        migrator.registerMigration("v4", migrate: createVersion4)
        migrator.registerMigration("v5", migrate: createVersion5)
        migrator.registerMigration("v6", migrate: createVersion6)
        migrator.registerMigration("v7", migrate: createVersion7)
        migrator.registerMigration("v8", migrate: createVersion8)
        migrator.registerMigration("v9", migrate: createVersion9)
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

    /// Full-text search and the indexes `unsent history` and `unsent stats` need.
    ///
    /// Three FTS5 tables with external content, so no text is stored twice: what the person typed in
    /// conversations (bot lines are the same few thousand sentences and would drown every search), drafts,
    /// and journal texts (a reflection's entry, a note, a plan for tomorrow), read out of the event's JSON
    /// through the view `journal_text`. Triggers keep them in step with every insert, update and delete.
    /// The porter stemmer makes "closures" find "closure". Existing rows are indexed here.
    ///
    /// `turn_on_sessionId` goes: the unique (sessionId, sequence) index already serves every lookup by session.
    private static func createVersion2(_ db: Database) throws {
        let tokenizer = "tokenize = 'porter unicode61 remove_diacritics 2'"
        // The kinds and fields come from EventKind and make the SQL shipped with this migration: renaming
        // one of them needs a new migration, as old stores keep these triggers.
        let journalKinds = EventKind.sql(EventKind.journal)
        try db.execute(sql: """
            CREATE INDEX session_on_startedAt ON session(startedAt);
            DROP INDEX turn_on_sessionId;

            CREATE VIRTUAL TABLE turn_search USING fts5(text, content = 'turn', content_rowid = 'id', \(tokenizer));
            CREATE TRIGGER turn_search_insert AFTER INSERT ON turn WHEN NEW.speaker = 'person' BEGIN
                INSERT INTO turn_search (rowid, text) VALUES (NEW.id, NEW.text);
            END;
            CREATE TRIGGER turn_search_delete AFTER DELETE ON turn WHEN OLD.speaker = 'person' BEGIN
                INSERT INTO turn_search (turn_search, rowid, text) VALUES ('delete', OLD.id, OLD.text);
            END;
            CREATE TRIGGER turn_search_update AFTER UPDATE OF text, speaker ON turn BEGIN
                INSERT INTO turn_search (turn_search, rowid, text) SELECT 'delete', OLD.id, OLD.text WHERE OLD.speaker = 'person';
                INSERT INTO turn_search (rowid, text) SELECT NEW.id, NEW.text WHERE NEW.speaker = 'person';
            END;
            INSERT INTO turn_search (rowid, text) SELECT id, text FROM turn WHERE speaker = 'person';

            CREATE VIRTUAL TABLE draft_search USING fts5(text, content = 'draft', content_rowid = 'id', \(tokenizer));
            CREATE TRIGGER draft_search_insert AFTER INSERT ON draft BEGIN
                INSERT INTO draft_search (rowid, text) VALUES (NEW.id, NEW.text);
            END;
            CREATE TRIGGER draft_search_delete AFTER DELETE ON draft BEGIN
                INSERT INTO draft_search (draft_search, rowid, text) VALUES ('delete', OLD.id, OLD.text);
            END;
            CREATE TRIGGER draft_search_update AFTER UPDATE OF text ON draft BEGIN
                INSERT INTO draft_search (draft_search, rowid, text) VALUES ('delete', OLD.id, OLD.text);
                INSERT INTO draft_search (rowid, text) VALUES (NEW.id, NEW.text);
            END;
            INSERT INTO draft_search (rowid, text) SELECT id, text FROM draft;

            CREATE VIEW journal_text AS
                SELECT id, \(journalText("")) AS text FROM event WHERE kind IN \(journalKinds);
            CREATE VIRTUAL TABLE journal_search USING fts5(text, content = 'journal_text', content_rowid = 'id', \(tokenizer));
            CREATE TRIGGER journal_search_insert AFTER INSERT ON event WHEN NEW.kind IN \(journalKinds) BEGIN
                INSERT INTO journal_search (rowid, text) VALUES (NEW.id, \(journalText("NEW.")));
            END;
            CREATE TRIGGER journal_search_delete AFTER DELETE ON event WHEN OLD.kind IN \(journalKinds) BEGIN
                INSERT INTO journal_search (journal_search, rowid, text)
                    VALUES ('delete', OLD.id, \(journalText("OLD.")));
            END;
            CREATE TRIGGER journal_search_update AFTER UPDATE OF kind, fields ON event BEGIN
                INSERT INTO journal_search (journal_search, rowid, text)
                    SELECT 'delete', OLD.id, \(journalText("OLD."))
                    WHERE OLD.kind IN \(journalKinds);
                INSERT INTO journal_search (rowid, text)
                    SELECT NEW.id, \(journalText("NEW."))
                    WHERE NEW.kind IN \(journalKinds);
            END;
            INSERT INTO journal_search (rowid, text) SELECT id, text FROM journal_text;
            """)
    }

    /// The journal text of an event row (`prefix` is "NEW.", "OLD." or ""): a reflection's entry, else the text.
    private static func journalText(_ prefix: String) -> String {
        "CASE WHEN json_valid(\(prefix)fields) THEN CASE \(prefix)kind WHEN \(EventKind.reflection.sql) "
            + "THEN json_extract(\(prefix)fields, \(EventKind.reflection.journalField.sql)) "
            + "ELSE json_extract(\(prefix)fields, \(EventKind.note.journalField.sql)) END END"
    }

    /// An index of the drafts still sealed or waiting to be opened, so a start (which looks for
    /// drafts whose seal ran out) reads those rows only, however many years of drafts there are.
    private static func createVersion3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX draft_sealed ON draft (sealedUntil) WHERE sealedUntil IS NOT NULL AND deletedAt IS NULL;
            """)
    }

    /// The `user_version` this unsent writes (it leaves SQLite's 0). A later unsent that changes the file in a
    /// way this one cannot read raises it, and this one then refuses the store rather than write to it.
    static let userVersion = 0

    /// Whether the store has a table of that name. GRDB's `Database.tableExists` first reads the whole schema
    /// into its cache, which a start never needs otherwise: 3.4M instructions, a third of the store's
    /// opening path (callgrind, stop 23).
    static func tableExists(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)",
                          arguments: [name]) ?? false
    }

    /// Every date column of every table, for `createVersion5`.
    private static let dateColumns = [
        ("session", "startedAt"), ("session", "endedAt"), ("turn", "at"), ("event", "at"), ("history", "at"),
        ("draft", "createdAt"), ("draft", "sealedUntil"), ("draft", "deletedAt"),
    ]

    /// Dates written while the clock was set outside years 1 to 9999 (as "10000-01-01 …") are brought to the
    /// nearest end of that range: GRDB cannot read them, and one such row made every read of its table fail
    /// (`show`, the markdown export). `Date.storable` no longer writes them.
    private static func createVersion5(_ db: Database) throws {
        for (table, column) in dateColumns {
            try db.execute(sql: """
                UPDATE \(table) SET \(column) = CASE WHEN \(column) GLOB '-*'
                    THEN '0001-01-01 00:00:00.000' ELSE '9999-12-31 23:59:59.999' END
                WHERE typeof(\(column)) = 'text' AND \(column) NOT GLOB '[0-9][0-9][0-9][0-9]-*'
                """)
        }
    }

    /// The person's conversation lines are indexed for search in batches instead of one by one.
    ///
    /// FTS5 writes a new index segment at every commit, and a conversation commits at every step, so
    /// indexing each line as it was written cost more than the rest of the step together. Now lines are
    /// indexed when a session ends and before a search, in one statement each time (`indexNewTurns`).
    /// `turn_search_progress` holds the last turn id indexed; the delete and update triggers touch the index
    /// only for rows at or below it, since removing a row the index never held would corrupt it.
    private static func createVersion4(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE turn_search_progress (indexedThrough INTEGER NOT NULL);
            INSERT INTO turn_search_progress (indexedThrough) SELECT IFNULL(MAX(id), 0) FROM turn;
            DROP TRIGGER turn_search_insert;
            DROP TRIGGER turn_search_delete;
            DROP TRIGGER turn_search_update;
            CREATE TRIGGER turn_search_delete AFTER DELETE ON turn
                WHEN OLD.speaker = 'person' AND OLD.id <= (SELECT indexedThrough FROM turn_search_progress) BEGIN
                INSERT INTO turn_search (turn_search, rowid, text) VALUES ('delete', OLD.id, OLD.text);
            END;
            CREATE TRIGGER turn_search_update AFTER UPDATE OF text, speaker ON turn
                WHEN OLD.id <= (SELECT indexedThrough FROM turn_search_progress) BEGIN
                INSERT INTO turn_search (turn_search, rowid, text) SELECT 'delete', OLD.id, OLD.text WHERE OLD.speaker = 'person';
                INSERT INTO turn_search (rowid, text) SELECT NEW.id, NEW.text WHERE NEW.speaker = 'person';
            END;
            """)
    }

    /// The store's own upkeep, kept apart from the person's data (not exported, not counted by `import`'s
    /// emptiness check, left by `forget`): one row per task, with when it last ran. The first is
    /// `quick_check`, the integrity check a start makes once a week instead of at every start.
    private static func createVersion6(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE maintenance (
                task TEXT NOT NULL PRIMARY KEY,
                lastRunAt DATETIME NOT NULL
            );
            """)
    }

    /// Indexes for `unsent import`, which merges another store into this one and looks up each draft and
    /// history line by its time to leave out those already here: without them every lookup read the whole
    /// table, and importing a year of history into a year of history read it a hundred thousand times.
    private static func createVersion7(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX draft_on_createdAt ON draft(createdAt);
            CREATE INDEX history_on_at ON history(at);
            """)
    }

    /// Trigram indexes beside the porter ones (`turn_trigram`, `draft_trigram`, `journal_trigram`), so that
    /// search finds words inside text written without spaces: "想你" in "我真的很想你", which the porter
    /// index holds only as one long token. They index the same rows from the same content, kept in step by
    /// triggers as v2's are; conversation lines are added in batches with the porter index's (v4), up to the
    /// same `turn_search_progress`. Existing rows are indexed here.
    private static func createVersion8(_ db: Database) throws {
        let tokenizer = "tokenize = 'trigram'"
        let journalKinds = EventKind.sql(EventKind.journal)
        try db.execute(sql: """
            CREATE VIRTUAL TABLE turn_trigram USING fts5(text, content = 'turn', content_rowid = 'id', \(tokenizer));
            CREATE TRIGGER turn_trigram_delete AFTER DELETE ON turn
                WHEN OLD.speaker = 'person' AND OLD.id <= (SELECT indexedThrough FROM turn_search_progress) BEGIN
                INSERT INTO turn_trigram (turn_trigram, rowid, text) VALUES ('delete', OLD.id, OLD.text);
            END;
            CREATE TRIGGER turn_trigram_update AFTER UPDATE OF text, speaker ON turn
                WHEN OLD.id <= (SELECT indexedThrough FROM turn_search_progress) BEGIN
                INSERT INTO turn_trigram (turn_trigram, rowid, text) SELECT 'delete', OLD.id, OLD.text WHERE OLD.speaker = 'person';
                INSERT INTO turn_trigram (rowid, text) SELECT NEW.id, NEW.text WHERE NEW.speaker = 'person';
            END;
            INSERT INTO turn_trigram (rowid, text) SELECT id, text FROM turn
                WHERE speaker = 'person' AND id <= (SELECT indexedThrough FROM turn_search_progress);

            CREATE VIRTUAL TABLE draft_trigram USING fts5(text, content = 'draft', content_rowid = 'id', \(tokenizer));
            CREATE TRIGGER draft_trigram_insert AFTER INSERT ON draft BEGIN
                INSERT INTO draft_trigram (rowid, text) VALUES (NEW.id, NEW.text);
            END;
            CREATE TRIGGER draft_trigram_delete AFTER DELETE ON draft BEGIN
                INSERT INTO draft_trigram (draft_trigram, rowid, text) VALUES ('delete', OLD.id, OLD.text);
            END;
            CREATE TRIGGER draft_trigram_update AFTER UPDATE OF text ON draft BEGIN
                INSERT INTO draft_trigram (draft_trigram, rowid, text) VALUES ('delete', OLD.id, OLD.text);
                INSERT INTO draft_trigram (rowid, text) VALUES (NEW.id, NEW.text);
            END;
            INSERT INTO draft_trigram (rowid, text) SELECT id, text FROM draft;

            CREATE VIRTUAL TABLE journal_trigram USING fts5(text, content = 'journal_text', content_rowid = 'id', \(tokenizer));
            CREATE TRIGGER journal_trigram_insert AFTER INSERT ON event WHEN NEW.kind IN \(journalKinds) BEGIN
                INSERT INTO journal_trigram (rowid, text) VALUES (NEW.id, \(journalText("NEW.")));
            END;
            CREATE TRIGGER journal_trigram_delete AFTER DELETE ON event WHEN OLD.kind IN \(journalKinds) BEGIN
                INSERT INTO journal_trigram (journal_trigram, rowid, text)
                    VALUES ('delete', OLD.id, \(journalText("OLD.")));
            END;
            CREATE TRIGGER journal_trigram_update AFTER UPDATE OF kind, fields ON event BEGIN
                INSERT INTO journal_trigram (journal_trigram, rowid, text)
                    SELECT 'delete', OLD.id, \(journalText("OLD."))
                    WHERE OLD.kind IN \(journalKinds);
                INSERT INTO journal_trigram (rowid, text)
                    SELECT NEW.id, \(journalText("NEW."))
                    WHERE NEW.kind IN \(journalKinds);
            END;
            INSERT INTO journal_trigram (rowid, text) SELECT id, text FROM journal_text;
            """)
    }

    /// Letters of the scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar,
    /// Tibetan) and of the other non-Latin scripts, as an SQLite GLOB that matches a text holding one
    /// of them. Punctuation (the phone's ’), emoji and accented Latin letters are not in it.
    static let otherScriptGlob = "*[\u{0370}-\u{1DFF}\u{1F00}-\u{1FFF}\u{3040}-\u{9FFF}\u{A000}-\u{A4CF}"
        + "\u{AC00}-\u{D7AF}\u{F900}-\u{FAFF}\u{20000}-\u{2FA1F}]*"

    /// The conversation lines' trigram index holds only lines with letters of other scripts than Latin
    /// (`otherScriptGlob`). A person's conversation lines are most of a store (a hundred thousand a year)
    /// and the trigram index of all of them doubled its size (a ten-year store: 214 MB before v8, 463 MB
    /// after); Latin lines are found by whole words and by their beginnings in the porter index ("clo"
    /// finds "closure"), and inside words in journal entries and drafts, whose trigram indexes stay whole.
    private static func createVersion9(_ db: Database) throws {
        let tokenizer = "tokenize = 'trigram'"
        let other = "GLOB '\(otherScriptGlob)'"
        try db.execute(sql: """
            DROP TRIGGER turn_trigram_delete;
            DROP TRIGGER turn_trigram_update;
            DROP TABLE turn_trigram;
            CREATE VIRTUAL TABLE turn_trigram USING fts5(text, content = 'turn', content_rowid = 'id', \(tokenizer));
            CREATE TRIGGER turn_trigram_delete AFTER DELETE ON turn
                WHEN OLD.speaker = 'person' AND OLD.text \(other) AND OLD.id <= (SELECT indexedThrough FROM turn_search_progress) BEGIN
                INSERT INTO turn_trigram (turn_trigram, rowid, text) VALUES ('delete', OLD.id, OLD.text);
            END;
            CREATE TRIGGER turn_trigram_update AFTER UPDATE OF text, speaker ON turn
                WHEN OLD.id <= (SELECT indexedThrough FROM turn_search_progress) BEGIN
                INSERT INTO turn_trigram (turn_trigram, rowid, text) SELECT 'delete', OLD.id, OLD.text
                    WHERE OLD.speaker = 'person' AND OLD.text \(other);
                INSERT INTO turn_trigram (rowid, text) SELECT NEW.id, NEW.text WHERE NEW.speaker = 'person' AND NEW.text \(other);
            END;
            INSERT INTO turn_trigram (rowid, text) SELECT id, text FROM turn
                WHERE speaker = 'person' AND text \(other) AND id <= (SELECT indexedThrough FROM turn_search_progress);
            """)
    }
}

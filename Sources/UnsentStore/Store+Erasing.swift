import GRDB

extension Store {
    /// Runs `body` in one IMMEDIATE transaction with `secure_delete` on, so that what it deletes or overwrites
    /// is zeroed in the file rather than left in free space; then empties the write-ahead log, which still holds
    /// the pages as they were. Returns false when another connection kept the log from being emptied now.
    @discardableResult
    func erase(_ body: (Database) throws -> Void) throws(StoreError) -> Bool {
        do {
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
                return try Self.emptyLog(db)
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// A TRUNCATE checkpoint: the log's pages go into the database and the log to zero bytes. False when a
    /// reader in another process kept some of it.
    static func emptyLog(_ db: Database) throws -> Bool {
        let checkpoint = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        return checkpoint.map { ($0[0] as Int?) == 0 } ?? true
    }

    /// Erases one draft in the caller's transaction: its text goes (the row stays, marked deleted at `at`, so
    /// numbers are not reused), with the lines it was typed as in its own conversation (whole lines of it: a
    /// short answer such as "no" or "7" that happens to appear inside it stays), every conversation
    /// line that quotes it (reading it again shows it), the line-history entries it was typed as, and the
    /// search index's copy. Run with `secure_delete` on (`erase`) so the text is not left in free space.
    static func eraseDraft(_ id: Int64, at: String, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT sessionId, text FROM draft WHERE id = ?", arguments: [id]) else {
            return
        }
        let text: String = row["text"]
        let sessionId: Int64? = row["sessionId"]
        try db.execute(sql: "UPDATE draft SET text = '', deletedAt = IFNULL(deletedAt, ?) WHERE id = ?", arguments: [at, id])
        guard !text.isEmpty else { return }
        try db.execute(sql: """
            DELETE FROM turn WHERE (sessionId = ? AND speaker = 'person' AND turn.text <> ''
                                    AND instr(char(10) || ? || char(10), char(10) || turn.text || char(10)) > 0)
                OR \(quotes("?"));
            DELETE FROM history WHERE line <> '' AND instr(char(10) || ? || char(10), char(10) || line || char(10)) > 0;
            INSERT INTO draft_search (draft_search) VALUES ('optimize');
            INSERT INTO turn_search (turn_search) VALUES ('optimize');
            INSERT INTO draft_trigram (draft_trigram) VALUES ('optimize');
            INSERT INTO turn_trigram (turn_trigram) VALUES ('optimize');
            """, arguments: [sessionId, text, text, text, text, text])
    }

    /// A condition on `turn.text` that holds when the line quotes `quoted` (an SQL expression used three
    /// times): the whole line, or a line that holds it when it is long enough not to turn up by chance.
    static func quotes(_ quoted: String) -> String {
        "(turn.text = \(quoted) OR (length(\(quoted)) >= 12 AND instr(turn.text, \(quoted)) > 0))"
    }
}

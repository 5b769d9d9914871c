import Foundation
import GRDB
import UnsentCore

extension Store {
    /// What `forget` deletes.
    public enum ForgetScope: String, Sendable, CaseIterable {
        /// Every row of every table, the search indexes, settings, readline history and variation positions.
        case everything
        /// The drafts, the conversations they were written or read again in (and any line quoting one), and the
        /// readline history.
        case drafts
        /// Reflection entries, notes and plans for tomorrow, the conversations they were written in (every
        /// check-in, finished or cut off, and any line quoting them), and the readline history. Moods, cravings and contact stay, so the charts keep their shape.
        case journal
    }

    /// What `forget` did.
    public struct ForgetReport: Sendable, Equatable {
        /// Copies made before migrations (`PATH.backup-…`), removed because they hold the same text.
        public var removedBackups: [String]
        /// False when another program kept the write-ahead log open, so it could not be emptied now.
        public var walEmptied: Bool
    }

    /// Deletes for real: with `secure_delete` so freed pages are zeroed, the search indexes merged so no
    /// deleted word lingers in them, then `VACUUM` (in memory) and a TRUNCATE checkpoint so that no text is
    /// left in free pages or in the write-ahead log.
    public func forget(_ scope: ForgetScope) throws(StoreError) -> ForgetReport {
        let walEmptied: Bool
        do {
            walEmptied = try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY")
                try db.inTransaction(.immediate) {
                    try db.execute(sql: Self.forgetSQL(scope))
                    return .commit
                }
                try db.execute(sql: "VACUUM")
                let checkpoint = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return checkpoint.map { ($0[0] as Int?) == 0 } ?? true
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
        return ForgetReport(removedBackups: removeBackups(), walEmptied: walEmptied)
    }

    private static func forgetSQL(_ scope: ForgetScope) -> String {
        let merge = { (table: String) in "INSERT INTO \(table) (\(table)) VALUES ('optimize');" }
        switch scope {
        case .everything:
            return """
                DELETE FROM turn; DELETE FROM event; DELETE FROM draft; DELETE FROM session;
                DELETE FROM variation; DELETE FROM history; DELETE FROM setting;
                INSERT INTO turn_search (turn_search) VALUES ('delete-all');
                UPDATE turn_search_progress SET indexedThrough = 0;
                INSERT INTO draft_search (draft_search) VALUES ('delete-all');
                INSERT INTO journal_search (journal_search) VALUES ('delete-all');
                INSERT INTO turn_trigram (turn_trigram) VALUES ('delete-all');
                INSERT INTO draft_trigram (draft_trigram) VALUES ('delete-all');
                INSERT INTO journal_trigram (journal_trigram) VALUES ('delete-all');
                DELETE FROM sqlite_sequence;
                """
        case .drafts:
            return """
                DELETE FROM turn WHERE sessionId IN (SELECT sessionId FROM draft WHERE sessionId IS NOT NULL)
                    OR sessionId IN (SELECT id FROM session WHERE flow = 'revisit')
                    OR EXISTS (SELECT 1 FROM draft WHERE draft.text <> '' AND \(quotes("draft.text")));
                DELETE FROM draft; DELETE FROM history;
                \(merge("draft_search")) \(merge("turn_search")) \(merge("draft_trigram")) \(merge("turn_trigram"))
                """
        case .journal:
            return """
                DELETE FROM turn WHERE sessionId IN (
                    SELECT sessionId FROM event WHERE kind IN \(EventKind.sql(EventKind.journal)) AND sessionId IS NOT NULL)
                    OR sessionId IN (SELECT id FROM session WHERE flow = 'reflect')
                    OR EXISTS (SELECT 1 FROM journal_text j WHERE j.text <> '' AND \(quotes("j.text")));
                DELETE FROM event WHERE kind IN \(EventKind.sql(EventKind.journal.filter { $0 != .reflection }));
                UPDATE event SET fields = json_remove(fields, \(EventField.entry.sql))
                    WHERE kind = \(EventKind.reflection.sql) AND json_valid(fields) AND json_type(fields, \(EventField.entry.sql)) IS NOT NULL;
                DELETE FROM history;
                \(merge("journal_search")) \(merge("turn_search")) \(merge("journal_trigram")) \(merge("turn_trigram"))
                """
        }
    }

    /// Removes the copies made beside the store before migrations; returns their paths.
    private func removeBackups() -> [String] {
        let file = StoreFile(path: path)
        let prefix = (path as NSString).lastPathComponent + ".backup-"
        guard path != ":memory:", let names = try? FileManager.default.contentsOfDirectory(atPath: file.directoryPath) else {
            return []
        }
        return names.filter { $0.hasPrefix(prefix) }.sorted().compactMap { name in
            let backup = file.directoryPath + "/" + name
            return (try? FileManager.default.removeItem(atPath: backup)) != nil ? backup : nil
        }
    }
}

import Foundation
import GRDB
import UnsentCore

/// One place searched: its rows joined to an index named `stem` + "_search" or "_trigram", as SQL with
/// `%I` for the index's name, `%@` where the snippet and score go, and `%W` for the index's condition.
struct SearchScope: Sendable {
    var source: SearchHit.Source
    var stem: String
    var sql: String
    /// Whether the scope's own conditions take `now` (a draft sealed then is left out).
    var usesNow = false

    /// The arguments of the scope's own conditions, after the index's.
    func arguments(now: Date) -> [any DatabaseValueConvertible] {
        usesNow ? [now.storable] : []
    }

    /// The three places searched.
    static let all = [
        SearchScope(source: .journal, stem: "journal", sql: """
            SELECT e.id, e.sessionId, e.at, e.kind, CAST(json_extract(e.fields, \(EventField.day.sql)) AS TEXT) AS day, %@
            FROM %I JOIN event e ON e.id = %I.rowid
            WHERE %W
            """),
        SearchScope(source: .draft, stem: "draft", sql: """
            SELECT d.id, d.sessionId, d.createdAt AS at, NULL AS kind, NULL AS day, %@
            FROM %I JOIN draft d ON d.id = %I.rowid
            WHERE %W AND d.deletedAt IS NULL AND (d.sealedUntil IS NULL OR d.sealedUntil <= ?)
            """, usesNow: true),
        SearchScope(source: .conversation, stem: "turn", sql: """
            SELECT t.id, t.sessionId, t.at, (SELECT flow FROM session WHERE id = t.sessionId) AS kind, NULL AS day, %@
            FROM %I JOIN turn t ON t.id = %I.rowid
            -- The bot's lines are in the index's content table too (a LIKE alone reads that table whole).
            WHERE %W AND t.speaker = 'person'
                -- A line that went into a journal entry or a draft of the same conversation is found
                -- there, once, as what it became (a check-in, a draft), not a second time as a line.
                AND NOT EXISTS (SELECT 1 FROM event e WHERE e.sessionId = t.sessionId AND instr(
                    IFNULL(json_extract(e.fields, \(EventField.entry.sql)), '') || char(10) || IFNULL(json_extract(e.fields, \(EventField.text.sql)), ''), t.text) > 0)
                AND NOT EXISTS (SELECT 1 FROM draft d WHERE d.sessionId = t.sessionId AND instr(d.text, t.text) > 0)
            """),
    ]
}

import Foundation
import GRDB
import UnsentCore

extension Store {
    /// How search results are ordered.
    public enum SearchOrder: String, Sendable, CaseIterable {
        /// The newest first.
        case newest
        /// The best matches first (bm25).
        case best
    }

    /// Finds journal texts, drafts and the person's lines in conversations that hold every word of `words`
    /// (stemmed: "closures" finds "closure"; a word ending in `*` matches as a prefix). Deleted drafts, and
    /// drafts sealed at `now`, are left out.
    ///
    /// Each of the three indexes gives its own best `limit` hits, which are then merged, so the cost follows
    /// `limit` and not the size of the store. "Newest" follows the order rows were written in (their ids).
    public func search(_ words: [String], order: SearchOrder = .newest, limit: Int = 20, now: Date = Date()) throws(StoreError) -> [SearchHit] {
        guard let query = Self.ftsQuery(words), limit > 0 else {
            return []
        }
        try indexNewTurns()
        return try read { db in
            var hits: [SearchHit] = []
            hits += try Self.hits(db, .journal, index: "journal_search", order: order, sql: """
                SELECT e.id, e.sessionId, e.at, e.kind, CAST(json_extract(e.fields, \(EventField.day.sql)) AS TEXT) AS day, %@
                FROM journal_search JOIN event e ON e.id = journal_search.rowid
                WHERE journal_search MATCH ?
                """, arguments: [query, limit])
            hits += try Self.hits(db, .draft, index: "draft_search", order: order, sql: """
                SELECT d.id, d.sessionId, d.createdAt AS at, NULL AS kind, NULL AS day, %@
                FROM draft_search JOIN draft d ON d.id = draft_search.rowid
                WHERE draft_search MATCH ? AND d.deletedAt IS NULL AND (d.sealedUntil IS NULL OR d.sealedUntil <= ?)
                """, arguments: [query, now.storable, limit])
            hits += try Self.hits(db, .conversation, index: "turn_search", order: order, sql: """
                SELECT t.id, t.sessionId, t.at, (SELECT flow FROM session WHERE id = t.sessionId) AS kind, NULL AS day, %@
                FROM turn_search JOIN turn t ON t.id = turn_search.rowid
                WHERE turn_search MATCH ?
                    -- A line that went into a journal entry or a draft of the same conversation is found
                    -- there, once, as what it became (a check-in, a draft), not a second time as a line.
                    AND NOT EXISTS (SELECT 1 FROM event e WHERE e.sessionId = t.sessionId AND instr(
                        IFNULL(json_extract(e.fields, \(EventField.entry.sql)), '') || char(10) || IFNULL(json_extract(e.fields, \(EventField.text.sql)), ''), t.text) > 0)
                    AND NOT EXISTS (SELECT 1 FROM draft d WHERE d.sessionId = t.sessionId AND instr(d.text, t.text) > 0)
                """, arguments: [query, limit])
            switch order {
            case .newest:
                hits.sort { ($0.at, $0.source.rawValue, $0.id) > ($1.at, $1.source.rawValue, $1.id) }
            case .best:
                hits.sort { ($0.score, $1.at) < ($1.score, $0.at) }
            }
            return Array(hits.prefix(limit))
        }
    }

    /// Indexes the person's conversation lines written since the last time, if there are any (sessions do
    /// it as they end; this catches the lines of one that was killed, or is still going on elsewhere).
    public func indexNewTurns() throws(StoreError) {
        let behind = try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT IFNULL((SELECT MAX(id) FROM turn), 0) > (SELECT indexedThrough FROM turn_search_progress)
                """) ?? false
        }
        if behind {
            try write(Self.indexNewTurns)
        }
    }

    /// Indexes the person's lines after the last one indexed, in the caller's write transaction: one
    /// statement, so FTS5 writes one segment for all of them.
    static func indexNewTurns(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO turn_search (rowid, text)
                SELECT id, text FROM turn WHERE speaker = 'person' AND id > (SELECT indexedThrough FROM turn_search_progress);
            UPDATE turn_search_progress SET indexedThrough = (SELECT MAX(id) FROM turn)
                WHERE indexedThrough < IFNULL((SELECT MAX(id) FROM turn), 0);
            """)
    }

    /// Runs one index's query: `sql` has `%@` where the snippet and score go, and ends with its conditions;
    /// the ordering and the limit (the last argument) are added here.
    private static func hits(_ db: Database, _ source: SearchHit.Source, index: String, order: SearchOrder,
                             sql: String, arguments: StatementArguments) throws -> [SearchHit] {
        let columns = "snippet(\(index), 0, '\(SearchHit.openMark)', '\(SearchHit.closeMark)', '…', 16) AS snippet, "
            + "\(index).rank AS score"
        let ordering = order == .newest ? "\(index).rowid DESC" : "\(index).rank"
        let full = sql.replacingOccurrences(of: "%@", with: columns) + " ORDER BY \(ordering) LIMIT ?"
        return try Row.fetchAll(db, sql: full, arguments: arguments).map { row in
            SearchHit(source: source, id: row["id"], sessionId: row["sessionId"], at: row["at"], kind: row["kind"],
                      day: row["day"], snippet: row["snippet"] ?? "", score: row["score"] ?? 0)
        }
    }

    /// The words as an FTS5 query: each one quoted (so no word is read as an operator), all required; a word
    /// ending in `*` keeps the star as a prefix match. Nil when no word has a letter or digit.
    static func ftsQuery(_ words: [String]) -> String? {
        var terms: [String] = []
        for word in words.flatMap({ $0.split(whereSeparator: \.isWhitespace) }) {
            let prefix = word.hasSuffix("*")
            let bare = prefix ? word.dropLast() : word[...]
            guard bare.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
            let quoted = "\"" + bare.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            terms.append(prefix ? quoted + "*" : quoted)
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}

import Foundation
import GRDB

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
        return try read { db in
            let ordering = order == .newest ? "s.rowid DESC" : "s.rank"
            let snippet = "snippet(s, 0, '\(SearchHit.openMark)', '\(SearchHit.closeMark)', '…', 16)"
            var hits: [SearchHit] = []
            hits += try Self.hits(db, .journal, sql: """
                SELECT e.id, e.sessionId, e.at, e.kind, CAST(json_extract(e.fields, '$.day') AS TEXT) AS day,
                    \(snippet) AS snippet, s.rank AS score
                FROM journal_search s JOIN event e ON e.id = s.rowid
                WHERE journal_search MATCH ? ORDER BY \(ordering) LIMIT ?
                """, arguments: [query, limit])
            hits += try Self.hits(db, .draft, sql: """
                SELECT d.id, d.sessionId, d.createdAt AS at, NULL AS kind, NULL AS day, \(snippet) AS snippet, s.rank AS score
                FROM draft_search s JOIN draft d ON d.id = s.rowid
                WHERE draft_search MATCH ? AND d.deletedAt IS NULL AND (d.sealedUntil IS NULL OR d.sealedUntil <= ?)
                ORDER BY \(ordering) LIMIT ?
                """, arguments: [query, now, limit])
            hits += try Self.hits(db, .conversation, sql: """
                SELECT t.id, t.sessionId, t.at, (SELECT flow FROM session WHERE id = t.sessionId) AS kind, NULL AS day,
                    \(snippet) AS snippet, s.rank AS score
                FROM turn_search s JOIN turn t ON t.id = s.rowid
                WHERE turn_search MATCH ? ORDER BY \(ordering) LIMIT ?
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

    private static func hits(_ db: Database, _ source: SearchHit.Source, sql: String, arguments: StatementArguments) throws -> [SearchHit] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
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

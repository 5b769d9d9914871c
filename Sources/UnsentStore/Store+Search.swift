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
    /// Words with letters of scripts other than Latin, and words the porter index finds nowhere, are looked
    /// for as parts of words, in the trigram indexes (`SearchTerms`): so "想你" finds "我真的很想你", and
    /// "losur" finds "closure" in a journal entry or a draft. Conversation lines in Latin letters have no
    /// trigram index (v9), so there such a word is looked for as the beginning of a word ("clo").
    ///
    /// Each of the three indexes gives its own best `limit` hits, which are then merged, so the cost follows
    /// `limit` and not the size of the store. "Newest" follows the order rows were written in (their ids).
    public func search(_ words: [String], order: SearchOrder = .newest, limit: Int = 20, now: Date = Date()) throws(StoreError) -> [SearchHit] {
        guard let terms = SearchTerms(words), limit > 0 else {
            return []
        }
        try indexNewTurns()
        return try read { db in
            var hits: [SearchHit] = []
            if !terms.needsParts {
                hits = try SearchScope.all.flatMap { scope in
                    try Self.hits(db, scope, index: scope.stem + "_search", order: order, now: now, limit: limit,
                                  condition: "\(scope.stem)_search MATCH ?", arguments: [terms.ftsQuery])
                }
            }
            if hits.isEmpty {
                hits = try SearchScope.all.flatMap { scope in
                    // Conversation lines in Latin letters are not in their trigram index (v9): their
                    // words are looked for by their beginnings instead ("clo" finds "closure").
                    if scope.source == .conversation, !terms.needsParts, let prefixes = terms.prefixQuery {
                        return try Self.hits(db, scope, index: scope.stem + "_search", order: order, now: now, limit: limit,
                                             condition: "\(scope.stem)_search MATCH ?", arguments: [prefixes])
                    }
                    return try Self.partHits(db, scope, terms: terms, order: order, now: now, limit: limit)
                }
            }
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
    /// statement for each index (porter and trigram), so FTS5 writes one segment for all of them.
    static func indexNewTurns(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO turn_search (rowid, text)
                SELECT id, text FROM turn WHERE speaker = 'person' AND id > (SELECT indexedThrough FROM turn_search_progress);
            INSERT INTO turn_trigram (rowid, text)
                SELECT id, text FROM turn WHERE speaker = 'person' AND text GLOB '\(StoreSchema.otherScriptGlob)'
                    AND id > (SELECT indexedThrough FROM turn_search_progress);
            UPDATE turn_search_progress SET indexedThrough = (SELECT MAX(id) FROM turn)
                WHERE indexedThrough < IFNULL((SELECT MAX(id) FROM turn), 0);
            """)
    }

    /// Runs one scope's query on the porter index: the snippet and bm25 score come from FTS5.
    private static func hits(_ db: Database, _ scope: SearchScope, index: String, order: SearchOrder, now: Date, limit: Int,
                             condition: String, arguments: [any DatabaseValueConvertible]) throws -> [SearchHit] {
        let columns = "snippet(\(index), 0, '\(SearchHit.openMark)', '\(SearchHit.closeMark)', '…', 16) AS snippet, "
            + "\(index).rank AS score"
        let ordering = order == .newest ? "\(index).rowid DESC" : "\(index).rank"
        let sql = fill(scope.sql, index: index, columns: columns, condition: condition) + " ORDER BY \(ordering) LIMIT ?"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments + scope.arguments(now: now) + [limit])).map { row in
            SearchHit(source: scope.source, id: row["id"], sessionId: row["sessionId"], at: row["at"], kind: row["kind"],
                      day: row["day"], snippet: row["snippet"] ?? "", score: row["score"] ?? 0)
        }
    }

    /// Runs one scope's query on the trigram index, for words looked for as parts of words: words of three
    /// characters or more through the index (MATCH), shorter ones by LIKE. The snippet and score are made
    /// here (`SearchTerms.snippet`, `score`). For the best order, the newest `limit` × 20 matches are ranked.
    private static func partHits(_ db: Database, _ scope: SearchScope, terms: SearchTerms, order: SearchOrder, now: Date,
                                 limit: Int) throws -> [SearchHit] {
        let index = scope.stem + "_trigram"
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let match = terms.trigramQuery {
            conditions.append("\(index) MATCH ?")
            arguments.append(match)
        }
        for pattern in terms.likePatterns {
            conditions.append("\(index).text LIKE ? ESCAPE '\\'")
            arguments.append(pattern)
        }
        let sql = fill(scope.sql, index: index, columns: "\(index).text AS text", condition: conditions.joined(separator: " AND "))
            + " ORDER BY \(index).rowid DESC LIMIT ?"
        let fetched = order == .newest ? limit : limit * 20
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments + scope.arguments(now: now) + [fetched])).map { row in
            let text: String = row["text"] ?? ""
            return SearchHit(source: scope.source, id: row["id"], sessionId: row["sessionId"], at: row["at"], kind: row["kind"],
                             day: row["day"], snippet: terms.snippet(text), score: terms.score(text))
        }
    }

    private static func fill(_ sql: String, index: String, columns: String, condition: String) -> String {
        sql.replacingOccurrences(of: "%I", with: index).replacingOccurrences(of: "%@", with: columns)
            .replacingOccurrences(of: "%W", with: condition)
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

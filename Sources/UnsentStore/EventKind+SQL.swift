import UnsentCore

extension EventKind {
    /// The kind as an SQL string literal (`'reflection'`).
    var sql: String { "'\(rawValue)'" }

    /// Kinds as an SQL list (`('reflection', 'note', 'tomorrow')`).
    static func sql(_ kinds: [EventKind]) -> String {
        "(" + kinds.map(\.sql).joined(separator: ", ") + ")"
    }
}

extension EventField {
    /// The field's JSON path as an SQL string literal (`'$.entry'`).
    var sql: String { "'\(path)'" }
}

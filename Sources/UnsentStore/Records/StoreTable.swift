/// One table of the store as export, import and bulk loading see it: its columns in order, and which hold dates
/// or JSON. Listed parents first, so rows can be loaded in this order without breaking a foreign key.
public struct StoreTable: Sendable, Equatable {
    /// How a column's value is written in an export.
    public enum Kind: Sendable, Equatable {
        case integer
        case text
        /// A moment, kept by the store as "YYYY-MM-DD HH:MM:SS.SSS" (UTC) and exported as ISO 8601 with a Z.
        case date
        /// A JSON object of strings (event fields), exported as an object.
        case json
    }

    public struct Column: Sendable, Equatable {
        public var name: String
        public var kind: Kind
        public var optional: Bool
    }

    /// The SQL table.
    public var name: String
    /// The key of the table's list in a JSON export ("sessions").
    public var plural: String
    public var columns: [Column]

    /// Every table that holds the person's data, in loading order.
    public static let all: [StoreTable] = [setting, session, turn, event, draft, variation, history]

    public static let setting = StoreTable(name: "setting", plural: "settings", columns: [
        .init(name: "key", kind: .text, optional: false), .init(name: "value", kind: .text, optional: false),
    ])
    public static let session = StoreTable(name: "session", plural: "sessions", columns: [
        .init(name: "id", kind: .integer, optional: false), .init(name: "startedAt", kind: .date, optional: false),
        .init(name: "endedAt", kind: .date, optional: true), .init(name: "flow", kind: .text, optional: false),
        .init(name: "ending", kind: .text, optional: true), .init(name: "seed", kind: .integer, optional: true),
    ])
    public static let turn = StoreTable(name: "turn", plural: "turns", columns: [
        .init(name: "id", kind: .integer, optional: false), .init(name: "sessionId", kind: .integer, optional: false),
        .init(name: "sequence", kind: .integer, optional: false), .init(name: "at", kind: .date, optional: false),
        .init(name: "speaker", kind: .text, optional: false), .init(name: "node", kind: .text, optional: true),
        .init(name: "text", kind: .text, optional: false),
    ])
    public static let event = StoreTable(name: "event", plural: "events", columns: [
        .init(name: "id", kind: .integer, optional: false), .init(name: "sessionId", kind: .integer, optional: true),
        .init(name: "at", kind: .date, optional: false), .init(name: "kind", kind: .text, optional: false),
        .init(name: "fields", kind: .json, optional: false),
    ])
    public static let draft = StoreTable(name: "draft", plural: "drafts", columns: [
        .init(name: "id", kind: .integer, optional: false), .init(name: "sessionId", kind: .integer, optional: true),
        .init(name: "createdAt", kind: .date, optional: false), .init(name: "text", kind: .text, optional: false),
        .init(name: "sealedUntil", kind: .date, optional: true), .init(name: "deletedAt", kind: .date, optional: true),
    ])
    public static let variation = StoreTable(name: "variation", plural: "variations", columns: [
        .init(name: "key", kind: .text, optional: false), .init(name: "state", kind: .text, optional: false),
    ])
    public static let history = StoreTable(name: "history", plural: "history", columns: [
        .init(name: "id", kind: .integer, optional: false), .init(name: "at", kind: .date, optional: false),
        .init(name: "line", kind: .text, optional: false),
    ])
}

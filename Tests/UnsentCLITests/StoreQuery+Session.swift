import Foundation

extension StoreQuery {
    /// One stored session, as the tests look at it.
    struct Session {
        var id: String
        var flow: String?
        var ending: String?
        var endedAt: String?
        var seed: String?
    }

    /// One stored event with its fields decoded from JSON.
    struct Event {
        var kind: String
        var fields: [String: String]
    }

    static func sessions(in database: String) throws -> [Session] {
        try rows("SELECT id, flow, ending, endedAt, seed FROM session ORDER BY id", in: database).map { row in
            Session(
                id: (row["id"] ?? nil) ?? "", flow: row["flow"] ?? nil, ending: row["ending"] ?? nil,
                endedAt: row["endedAt"] ?? nil, seed: row["seed"] ?? nil)
        }
    }

    static func turns(session: String, in database: String) throws -> [(speaker: String, text: String)] {
        try rows("SELECT speaker, text FROM turn WHERE sessionId = \(session) ORDER BY sequence", in: database)
            .map { row in ((row["speaker"] ?? nil) ?? "", (row["text"] ?? nil) ?? "") }
    }

    static func events(session: String, in database: String) throws -> [Event] {
        try rows("SELECT kind, fields FROM event WHERE sessionId = \(session) ORDER BY id", in: database).map { row in
            let json = Data(((row["fields"] ?? nil) ?? "{}").utf8)
            let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] ?? [:]
            return Event(kind: (row["kind"] ?? nil) ?? "", fields: object.mapValues { "\($0)" })
        }
    }
}

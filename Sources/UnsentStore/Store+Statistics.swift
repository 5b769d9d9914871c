import Foundation
import GRDB
import UnsentCore

extension Store {
    /// The event kinds read for the recent window of `unsent stats`.
    static let progressKinds: [EventKind] = [.urgeStarted, .urgeEnded, .reflection, .mood, .contactReceived]

    /// The records `unsent stats` draws from. Only events since `since` are read for the charts, through the
    /// (kind, at) index, so the cost follows the window shown and not the size of the store; contact events
    /// are read in full because a slip anywhere in the plan changes the streaks.
    public func progressRecords(since: Date) throws(StoreError) -> ProgressRecords {
        try read { db in
            var settings: [String: String] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT key, value FROM setting WHERE key IN ('plan_start', 'plan_length', 'plan_type', 'day_start_hour')")
            while let row = try rows.next() {
                settings[row["key"]] = row["value"]
            }
            let contacts = try Self.progressEvents(db, kinds: [.contact], since: nil)
            let received = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE kind = \(EventKind.contactReceived.sql)") ?? 0
            let fromThem = contacts.filter { $0.direction == "they" }.count
            let recent = try Self.progressEvents(db, kinds: Self.progressKinds, since: since)
            return ProgressRecords(settings: settings, contacts: contacts, reachOuts: received + fromThem, recent: recent)
        }
    }

    private static func progressEvents(_ db: Database, kinds: [EventKind], since: Date?) throws -> [ProgressEvent] {
        let placeholders = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        var arguments = StatementArguments(kinds.map(\.rawValue))
        var range = ""
        if let since {
            range = " AND at >= ?"
            arguments += [since.storable]
        }
        let sql = """
            SELECT kind, sessionId, at,
                CAST(json_extract(fields, \(EventField.day.sql)) AS TEXT) AS day,
                CAST(CASE kind WHEN \(EventKind.urgeStarted.sql) THEN json_extract(fields, \(EventField.intensity.sql))
                    WHEN \(EventKind.urgeEnded.sql) THEN json_extract(fields, \(EventField.before.sql))
                    WHEN \(EventKind.reflection.sql) THEN json_extract(fields, \(EventField.strongest.sql)) END AS TEXT) AS craving,
                CAST(json_extract(fields, \(EventField.mood.sql)) AS TEXT) AS mood,
                CAST(json_extract(fields, \(EventField.trigger.sql)) AS TEXT) AS trigger,
                CAST(json_extract(fields, \(EventField.direction.sql)) AS TEXT) AS direction,
                CAST(CASE kind WHEN \(EventKind.reflection.sql) THEN json_extract(fields, \(EventField.cravings.sql)) END AS TEXT) AS cravings
            FROM event
            WHERE kind IN (\(placeholders))\(range) AND json_valid(fields)
            ORDER BY at, id
            """
        var events: [ProgressEvent] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            events.append(ProgressEvent(
                kind: row["kind"], sessionId: row["sessionId"], at: row["at"], day: row["day"],
                craving: number(row["craving"]), mood: number(row["mood"]),
                trigger: row["trigger"], direction: row["direction"], cravings: number(row["cravings"])))
        }
        return events
    }

    /// A field written as a string of digits ("7"), or nil for anything else.
    private static func number(_ text: String?) -> Int? {
        text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}

extension Store {
    /// One session by id, or nil when there is none.
    public func session(_ id: Int64) throws(StoreError) -> SessionRecord? {
        try read { db in try SessionRecord.fetchOne(db, key: id) }
    }

    /// How many turns each of these sessions has.
    public func turnCounts(sessionIds: [Int64]) throws(StoreError) -> [Int64: Int] {
        try read { db in
            var counts: [Int64: Int] = [:]
            for id in sessionIds {
                counts[id] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM turn WHERE sessionId = ?", arguments: [id]) ?? 0
            }
            return counts
        }
    }
}

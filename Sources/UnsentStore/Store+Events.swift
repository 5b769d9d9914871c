import Foundation
import GRDB

extension Store {
    /// Records an event and returns its id. `fields` is kept as a JSON object.
    @discardableResult
    public func recordEvent(sessionId: Int64?, at: Date, kind: String, fields: [String: String]) throws(StoreError) -> Int64 {
        try write { db in
            let json = try EventRecord.databaseJSONEncoder(for: EventRecord.Columns.fields.name).encode(fields)
            try db.execute(
                sql: "INSERT INTO event (sessionId, at, kind, fields) VALUES (?, ?, ?, ?)",
                arguments: [sessionId, at.storable, kind.storable, String(decoding: json, as: UTF8.self)])
            return db.lastInsertedRowID
        }
    }

    /// Events of one kind recorded at or after `since`, oldest first (uses the kind/time index).
    public func events(kind: String, since: Date) throws(StoreError) -> [EventRecord] {
        try read { db in
            try EventRecord
                .filter(EventRecord.Columns.kind == kind.storable && EventRecord.Columns.at >= since.storable)
                .order(EventRecord.Columns.at, EventRecord.Columns.id)
                .fetchAll(db)
        }
    }

    /// Two fields of each event of a kind since a time, read in SQLite (no JSON decoding per row),
    /// through a cursor whose one row is read in place (a start reads 400 days of check-ins).
    public func eventFields(kind: String, since: Date, _ first: String, _ second: String) throws(StoreError) -> [(String?, String?)] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT json_extract(fields, '$.' || ?), json_extract(fields, '$.' || ?) FROM event
                WHERE kind = ? AND at >= ? ORDER BY at, id
                """, arguments: [first, second, kind.storable, since.storable])
            var fields: [(String?, String?)] = []
            while let row = try rows.next() { fields.append((row[0] as String?, row[1] as String?)) }
            return fields
        }
    }

    /// How many events of a kind have a field with a given value (JSON fields, read in SQLite).
    public func eventFieldValues(kind: String, field: String, equals value: String, read wanted: String) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT json_extract(fields, '$.' || ?) FROM event
                WHERE kind = ? AND json_extract(fields, '$.' || ?) = ?
                """, arguments: [wanted, kind.storable, field, value]).compactMap { $0 }
        }
    }

    /// Events of one kind, or all events when `kind` is nil, oldest first.
    public func events(kind: String?) throws(StoreError) -> [EventRecord] {
        try read { db in
            var request = EventRecord.all()
            if let kind {
                request = request.filter(EventRecord.Columns.kind == kind.storable)
            }
            return try request
                .order(EventRecord.Columns.at, EventRecord.Columns.id)
                .fetchAll(db)
        }
    }
}

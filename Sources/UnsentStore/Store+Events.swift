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
                arguments: [sessionId, at, kind.storable, String(decoding: json, as: UTF8.self)])
            return db.lastInsertedRowID
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

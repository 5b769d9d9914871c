import Foundation
import GRDB

extension Store {
    /// Records the start of a session and returns its id.
    public func beginSession(flow: String, at: Date, seed: UInt64?) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO session (startedAt, flow, seed) VALUES (?, ?, ?)",
                arguments: [at.storable, flow.storable, seed.map { Int64(bitPattern: $0) }])
            return db.lastInsertedRowID
        }
    }

    /// Records how and when a session ended.
    public func endSession(_ id: Int64, at: Date, ending: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE session SET endedAt = ?, ending = ? WHERE id = ?",
                arguments: [at.storable, ending.storable, id])
            try Self.indexNewTurns(db)
        }
    }

    /// The newest `limit` sessions, newest first.
    public func sessions(limit: Int) throws(StoreError) -> [SessionRecord] {
        try read { db in
            try SessionRecord
                .order(SessionRecord.Columns.startedAt.desc, SessionRecord.Columns.id.desc)
                .limit(max(limit, 0))
                .fetchAll(db)
        }
    }
}

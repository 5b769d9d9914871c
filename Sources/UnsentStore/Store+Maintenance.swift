import Foundation
import GRDB

extension Store {
    /// SQLite's full integrity check: "ok" when the store is sound, otherwise the problems, one per line.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }

    /// Records that a check found the store sound at `time`, so that starts skip `quick_check` for a week.
    public func recordIntegrityCheck(at time: Date) throws(StoreError) {
        try write { db in try IntegritySchedule.record(db, at: time) }
    }

    /// When a check last found the store sound (UTC, as the store keeps dates), or nil when none is recorded.
    public func lastIntegrityCheck() throws(StoreError) -> String? {
        try read { db in try IntegritySchedule.lastRun(db) }
    }
}

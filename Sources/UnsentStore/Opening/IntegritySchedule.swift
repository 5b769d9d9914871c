import Foundation
import GRDB

/// When a start runs SQLite's `quick_check` (which reads every page of the store): when none is recorded
/// in the store's `maintenance` table, or the last one is a week old. A recorded time in the future (a
/// clock that was set wrong) counts as none, so a clock put right does not postpone the check for years.
enum IntegritySchedule {
    /// The task's name in the `maintenance` table.
    static let task = "quick_check"
    /// How long a check holds.
    static let interval: TimeInterval = 7 * 86_400

    /// Whether the store records a check in the week before `now`. Dates are compared as the stored text
    /// (`Date.storable` sorts as it reads), so no calendar is brought up at a start.
    static func wasChecked(_ db: Database, recentlyAsOf now: Date) throws -> Bool {
        guard try StoreSchema.tableExists(db, "maintenance") else {
            return false
        }
        return try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM maintenance WHERE task = ? AND lastRunAt > ? AND lastRunAt <= ?)",
            arguments: [task, now.addingTimeInterval(-interval).storable, now.addingTimeInterval(60).storable]) ?? false
    }

    /// Records a check that found the store sound.
    static func record(_ db: Database, at time: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO maintenance (task, lastRunAt) VALUES (?, ?)
                ON CONFLICT (task) DO UPDATE SET lastRunAt = excluded.lastRunAt
                """,
            arguments: [task, time.storable])
    }

    /// When the last check that found the store sound ran, as the store keeps it (UTC), or nil.
    static func lastRun(_ db: Database) throws -> String? {
        guard try StoreSchema.tableExists(db, "maintenance") else {
            return nil
        }
        return try String.fetchOne(db, sql: "SELECT lastRunAt FROM maintenance WHERE task = ?", arguments: [task])
    }
}

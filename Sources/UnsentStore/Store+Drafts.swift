import Foundation
import GRDB

extension Store {
    /// Saves a message the person wrote instead of sending it, and returns its id.
    @discardableResult
    public func saveDraft(sessionId: Int64?, at: Date, text: String, sealedUntil: Date?) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO draft (sessionId, createdAt, text, sealedUntil) VALUES (?, ?, ?, ?)",
                arguments: [sessionId, at.storable, text.storable, sealedUntil?.storable])
            return db.lastInsertedRowID
        }
    }

    /// Drafts, oldest first; deleted ones only when asked.
    public func drafts(includeDeleted: Bool = false) throws(StoreError) -> [DraftRecord] {
        try read { db in
            var request = DraftRecord.all()
            if !includeDeleted {
                request = request.filter(DraftRecord.Columns.deletedAt == nil)
            }
            return try request
                .order(DraftRecord.Columns.createdAt, DraftRecord.Columns.id)
                .fetchAll(db)
        }
    }

    /// Drafts whose seal has run out by `now` (not deleted), oldest first: what the home menu
    /// offers to open. Filtered in SQL, so a store of many years reads only these rows.
    public func openedDrafts(at now: Date) throws(StoreError) -> [DraftRecord] {
        try read { db in
            try DraftRecord
                .filter(DraftRecord.Columns.deletedAt == nil)
                .filter(DraftRecord.Columns.sealedUntil != nil && DraftRecord.Columns.sealedUntil <= now.storable)
                .order(DraftRecord.Columns.createdAt, DraftRecord.Columns.id)
                .fetchAll(db)
        }
    }

    /// Deletes a draft for real at `at` (`eraseDraft`): its text goes from the drawer, the conversations that
    /// typed or quoted it, the line history, the search index, the file's free space and the write-ahead log.
    /// The row stays without its text, dated, so the numbers of other drafts never change. Deleting it again
    /// keeps the first date.
    public func deleteDraft(_ id: Int64, at: Date) throws(StoreError) {
        let at = at.storable
        try erase { db in try Self.eraseDraft(id, at: at, db) }
    }

    /// Seals a draft until a date (nil opens it again).
    public func sealDraft(_ id: Int64, until: Date?) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE draft SET sealedUntil = ? WHERE id = ?", arguments: [until?.storable, id])
        }
    }

    /// Restarts at `now` every seal that ends later than the longest seal from `now`, and returns how many.
    ///
    /// Such a seal was set while the clock ran ahead (a draft sealed for a week in 2029, seen in 2025, would
    /// otherwise stay closed for years). Each one keeps its length when the draft's own date tells it (a seal
    /// set in the conversation that wrote the draft ends at most `longestSeal` after the draft's date), or
    /// else the longest seal, so it opens no later than a week after it is first seen. Reads first, so a
    /// store without such seals is not written to.
    @discardableResult
    public func settleSeals(at now: Date) throws(StoreError) -> Int {
        let latest = now.addingTimeInterval(DraftRecord.longestSeal).storable
        let request = DraftRecord
            .filter(DraftRecord.Columns.deletedAt == nil)
            .filter(DraftRecord.Columns.sealedUntil > latest)
        guard try read({ db in try request.fetchCount(db) }) > 0 else { return 0 }
        return try write { db in
            let drafts = try request.fetchAll(db)
            for draft in drafts {
                guard let until = draft.sealedUntil else { continue }
                let length = until.timeIntervalSince(draft.createdAt)
                let kept = length > 0 && length <= DraftRecord.longestSeal ? length : DraftRecord.longestSeal
                try db.execute(sql: "UPDATE draft SET sealedUntil = ? WHERE id = ?",
                               arguments: [now.addingTimeInterval(kept).storable, draft.id])
            }
            return drafts.count
        }
    }
}

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
}

import Foundation
import UnsentCore
import UnsentStore

/// Sealed drafts whose time is up: offered once, at the home menu.
enum OpenedDrafts {
    /// A sealed draft whose time is up, offered once at launch: its text and age for the home flow.
    static func variables(_ store: Store, found: [DraftRecord]? = nil) throws -> [String: Value] {
        let now = Date()
        let opened = try found ?? StoreOpening.call { () throws(StoreError) in try settled(store, at: now) }
        guard let draft = opened.first else { return [:] }
        // Offered once: it is an ordinary draft from now on.
        try StoreOpening.call { () throws(StoreError) in try store.sealDraft(draft.id, until: nil) }
        return [
            "opened_drafts": .number(opened.count),
            "draft_text": .text(draft.text),
            "draft_age": .text(DraftAge.describe(draft.createdAt, now: now)),
            "draft_id": .number(Int(draft.id)),
        ]
    }

    /// The drafts whose seals have opened by `now`, once any seal set while the clock ran ahead (which would
    /// otherwise keep its draft closed for years) is settled.
    static func settled(_ store: Store, at now: Date) throws(StoreError) -> [DraftRecord] {
        try store.settleSeals(at: now)
        return try store.openedDrafts(at: now)
    }
}

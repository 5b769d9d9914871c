import Foundation
import UnsentStore

/// `unsent drafts --json`, version 1 (README.md, "JSON output"): `{version, drafts}`, oldest first, each
/// `{id, created_at, age, sealed_until, text}`. `age` is the words the list shows ("3 days ago");
/// `sealed_until` is a UTC time while the draft is sealed, else null, and a sealed draft's `text` is null:
/// it was sealed so as not to be read yet.
enum DraftsJSON {
    static let version = 1

    static func drawer(_ drafts: [DraftRecord], now: Date) -> JSONValue {
        .object([
            ("version", .integer(version)),
            ("drafts", .array(drafts.map { draft in
                let sealed = draft.sealedUntil.map { $0 > now } ?? false
                return .object([
                    ("id", .integer(Int(draft.id))),
                    ("created_at", .string(SessionJSON.timestamp(draft.createdAt))),
                    ("age", .string(DraftAge.describe(draft.createdAt, now: now))),
                    ("sealed_until", sealed ? .optional(draft.sealedUntil.map(SessionJSON.timestamp)) : .null),
                    ("text", sealed ? .null : .string(draft.text)),
                ])
            })),
        ])
    }
}

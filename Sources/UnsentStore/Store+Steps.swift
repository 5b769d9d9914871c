import Foundation
import GRDB

/// One thing a conversation step writes.
public enum StepItem: Sendable, Equatable {
    case turn(speaker: Speaker, node: String?, text: String)
    case event(kind: String, fields: [String: String])
    case draft(String)
    /// Seals the draft saved last in this session (in this step or an earlier one).
    case sealLastDraft(until: Date)
    case deleteDraft(Int64)
    /// A draft written again (`back` went over it, and its lines came back to carry on from): the whole message
    /// replaces the text under the same number (drive-29: a new number left "There is no draft 1"), unsealed.
    case replaceDraft(Int64, String)
    case variation(key: String, state: String)
    case setting(key: String, value: String?)
    case history(String)
    case end(ending: String)
}

extension Store {
    /// Writes everything one conversation step produced — the person's line, the bot's answer,
    /// events, drafts, variation positions, settings — in ONE transaction, before any of it is shown.
    /// After a `kill -9` the store holds every step whose answer was already printed.
    ///
    /// When `forget` in another window deleted the session meanwhile, the session is begun again under its
    /// number (at `at`, with `flow`), so the step is kept instead of failing on the missing row.
    ///
    /// - Returns: the id of the draft saved last in this session, for a later seal.
    @discardableResult
    public func commit(sessionId: Int64, at: Date, items: [StepItem], lastDraftID: Int64?,
                       flow: String = "unknown") throws(StoreError) -> Int64? {
        guard !items.isEmpty else { return lastDraftID }
        // Formatted once per step, as every date the store writes (`Date.storable`).
        let at = at.storable
        let apply = { (db: Database) throws -> Int64? in
            var lastDraft = lastDraftID
            let present = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?)"), arguments: [sessionId]) ?? false
            if !present {
                try db.execute(sql: "INSERT INTO session (id, startedAt, flow) VALUES (?, ?, ?)",
                               arguments: [sessionId, at, flow.storable])
                // The draft saved earlier in the session went with it.
                lastDraft = nil
            }
            var sequence: Int64?
            let encoder = EventRecord.databaseJSONEncoder(for: EventRecord.Columns.fields.name)
            for item in items {
                switch item {
                case .turn(let speaker, let node, let text):
                    let next = try sequence ?? Self.nextSequence(in: sessionId, db)
                    try db.cachedStatement(sql: "INSERT INTO turn (sessionId, sequence, at, speaker, node, text) VALUES (?, ?, ?, ?, ?, ?)").execute(
                        arguments: [sessionId, next, at, speaker, node?.storable, text.storable])
                    sequence = next + 1
                case .event(let kind, let fields):
                    let json = String(decoding: try encoder.encode(fields), as: UTF8.self)
                    try db.cachedStatement(sql: "INSERT INTO event (sessionId, at, kind, fields) VALUES (?, ?, ?, ?)").execute(arguments: [sessionId, at, kind.storable, json])
                case .draft(let text):
                    try db.cachedStatement(sql: "INSERT INTO draft (sessionId, createdAt, text, sealedUntil) VALUES (?, ?, ?, NULL)").execute(arguments: [sessionId, at, text.storable])
                    lastDraft = db.lastInsertedRowID
                case .sealLastDraft(let until):
                    if let lastDraft {
                        try db.cachedStatement(sql: "UPDATE draft SET sealedUntil = ? WHERE id = ?").execute(arguments: [until.storable, lastDraft])
                    }
                case .deleteDraft(let id):
                    try Self.eraseDraft(id, at: at, db)
                    if id == lastDraft { lastDraft = nil }
                case .replaceDraft(let id, let text):
                    try db.cachedStatement(sql: "UPDATE draft SET text = ?, sealedUntil = NULL WHERE id = ?").execute(arguments: [text.storable, id])
                    lastDraft = id
                case .variation(let key, let state):
                    try db.cachedStatement(sql: "INSERT INTO variation (key, state) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state").execute(arguments: [key.storable, state.storable])
                case .setting(let key, let value):
                    if let value {
                        try db.cachedStatement(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").execute(arguments: [key.storable, value.storable])
                    } else {
                        try db.cachedStatement(sql: "DELETE FROM setting WHERE key = ?").execute(arguments: [key.storable])
                    }
                case .history(let line):
                    guard !line.allSatisfy(\.isWhitespace) else { continue }
                    let last = try String.fetchOne(db.cachedStatement(sql: "SELECT line FROM history ORDER BY id DESC LIMIT 1"))
                    if last != line.storable {
                        try db.cachedStatement(sql: "INSERT INTO history (at, line) VALUES (?, ?)").execute(arguments: [at, line.storable])
                    }
                case .end(let ending):
                    try db.cachedStatement(sql: "UPDATE session SET endedAt = ?, ending = ? WHERE id = ?").execute(arguments: [at, ending.storable, sessionId])
                    try Self.indexNewTurns(db)
                }
            }
            return lastDraft
        }
        // Deleting a draft is a real delete (`erase`): zeroed in the file and gone from the write-ahead log.
        guard items.contains(where: { if case .deleteDraft = $0 { true } else { false } }) else {
            return try write(apply)
        }
        var lastDraft: Int64?
        try erase { db in lastDraft = try apply(db) }
        return lastDraft
    }
}

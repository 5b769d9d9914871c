/// A field of an event, as the code names it (stored as a key of the event's JSON object).
public enum EventField: String, CaseIterable, Sendable {
    case day, text, entry, mood, strongest, contact, prompt, direction, days, start, length, reason, choice
    case intensity, before, after, trigger, outcome, draft, feeling, decision, noticed, category, decided
    case nextWeek = "next_week"
    // Written by the code for its own bookkeeping, never read back as a fact.
    case source, flow, node, type, afraid, card, practical, waited, cravings, id

    /// Its JSON path, as SQLite's `json_extract` takes it (`$.day`).
    public var path: String { "$." + rawValue }

    /// Fields keyed by name, as the store keeps them.
    public static func named(_ fields: [EventField: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
    }
}

extension Dictionary where Key == String {
    /// The value of an event field.
    public subscript(_ field: EventField) -> Value? { self[field.rawValue] }
}

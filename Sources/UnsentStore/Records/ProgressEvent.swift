import Foundation

/// One event `unsent stats` counts, with only the fields it reads taken out of the JSON.
public struct ProgressEvent: Sendable, Equatable {
    public var kind: String
    public var sessionId: Int64?
    public var at: Date
    /// The `day` field (YYYY-MM-DD) when the event has one; otherwise the day comes from `at`.
    public var day: String?
    /// How strong a craving was, 0–10: `intensity` of urge-started, `before` of urge-ended, `strongest` of a reflection.
    public var craving: Int?
    /// Mood 1–10, from a reflection or a logged mood.
    public var mood: Int?
    /// How many urges the person counted in a reflection (its `cravings` field).
    public var cravings: Int?
    /// What set an urge off (urge-ended).
    public var trigger: String?
    /// Who made contact (contact): they, me or planned.
    public var direction: String?

    public init(kind: String, sessionId: Int64? = nil, at: Date, day: String? = nil, craving: Int? = nil, mood: Int? = nil,
                trigger: String? = nil, direction: String? = nil, cravings: Int? = nil) {
        self.kind = kind
        self.sessionId = sessionId
        self.at = at
        self.day = day
        self.craving = craving
        self.mood = mood
        self.trigger = trigger
        self.direction = direction
        self.cravings = cravings
    }
}

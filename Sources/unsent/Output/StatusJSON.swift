import UnsentCore

/// `unsent status --json`, version 1 (README.md, "JSON output"), keys always present (null when unknown):
/// `version`; `today` (the person's day, YYYY-MM-DD); `plan`: `start` (day or null), `length` (days; 0
/// open-ended, -1 until they reach out; null without a plan), `started` (false before the first day),
/// `day` (the plan's day number), `days_to_go` (null without a length or past its end); `streaks`:
/// `current`, `longest`, `no_contact_days`, `slips` (null without a plan or before it starts);
/// `check_in_done` (whether today's check-in is done).
enum StatusJSON {
    static let version = 1

    static func document(_ facts: PlanFacts) -> JSONValue {
        let started = facts.start.map { PlanFacts.notYetStarted(start: $0, today: facts.today) == nil }
        let streaks = started == true ? facts.streaks : nil
        let toGo: Int? = if let streaks, facts.length > 0, streaks.dayNumber <= facts.length { facts.length - streaks.dayNumber } else { nil }
        return .object([
            ("version", .integer(version)),
            ("today", .string(facts.today.description)),
            ("plan", .object([
                ("start", .optional(facts.start?.description)),
                ("length", facts.start == nil ? .null : .integer(facts.length)),
                ("started", started.map(JSONValue.bool) ?? .null),
                ("day", .optional(streaks?.dayNumber)),
                ("days_to_go", .optional(toGo)),
            ])),
            ("streaks", .object([
                ("current", .optional(streaks?.currentStreak)),
                ("longest", .optional(streaks?.longestStreak)),
                ("no_contact_days", .optional(streaks?.totalNoContactDays)),
                ("slips", .optional(streaks?.slips)),
            ])),
            ("check_in_done", .bool(facts.reflectedDays.contains(facts.today))),
        ])
    }
}

import Foundation
import UnsentCore

/// `unsent stats --json`: the same figures as the page, in a documented, versioned shape.
///
/// Version 1, keys always present (null when unknown), in this order:
/// - `version`: 1.
/// - `today`: the person's day, YYYY-MM-DD.
/// - `plan`: `start` (day or null), `length` (days; 0 open-ended, -1 until they reach out; null without a plan),
///   `day` (day number of the plan or null), `days_to_end` (null without a length).
/// - `streaks`: `current`, `longest`, `no_contact_days`, `slips` (all null without a plan).
/// - `they_reached_out`: times the ex reached out, over all time.
/// - `window`: `first_day`, `last_day`, `urges` — the 26 weeks the rest covers.
/// - `days`: one object per day of the window, oldest first: `day`, `strongest_craving` (0–10 or null),
///   `mood` (1–10 average or null), `urges` (the larger of those logged or talked through and the number
///   counted in that day's check-in), `slip`, `they_reached_out`.
/// - `cravings` and `mood`: `last_30_days` and `last_90_days`, arrays of daily values (null for nothing logged).
/// - `triggers`: `{trigger, title, urges}` objects, most frequent first: `trigger` is the key `log urge --trigger`
///   takes, `title` the words the urge flow shows for it ("I saw their post or story").
/// - `urges_by_hour`: 24 counts, hour 00 first, local time.
/// - `busiest_hours`: `{from, to}` ("22:00", "01:00") or null.
/// - `week`: `this_week` and `last_week` (`first_day`, `last_day`, `strongest_craving_average`, `mood_average`,
///   `urges`; a week is seven days ending today, or the seven before) and `strongest_craving_change_percent`.
enum StatsJSON {
    static let version = 1

    static func document(_ report: ProgressReport, triggerTitles: [String: String] = [:]) -> JSONValue {
        let streaks = report.streaks
        let busiest = HourHistogram.busiestWindow(report.hours)
        return .object([
            ("version", .integer(version)),
            ("today", .string(report.today.description)),
            ("plan", .object([
                ("start", .optional(report.planStart?.description)),
                ("length", report.planStart == nil ? .null : .integer(report.planLength)),
                ("day", .optional(streaks?.dayNumber)),
                ("days_to_end", .optional(report.daysToEnd)),
            ])),
            ("streaks", .object([
                ("current", .optional(streaks?.currentStreak)),
                ("longest", .optional(streaks?.longestStreak)),
                ("no_contact_days", .optional(streaks?.totalNoContactDays)),
                ("slips", .optional(streaks?.slips)),
            ])),
            ("they_reached_out", .integer(report.reachOuts)),
            ("window", .object([
                ("first_day", .string(report.days.first?.day.description ?? report.today.description)),
                ("last_day", .string(report.today.description)),
                ("urges", .integer(report.urgesInWindow)),
            ])),
            ("days", .array(report.days.map { day in
                .object([
                    ("day", .string(day.day.description)),
                    ("strongest_craving", .optional(day.strongestCraving)),
                    ("mood", .optional(day.mood)),
                    ("urges", .integer(day.urges)),
                    ("slip", .bool(day.slip)),
                    ("they_reached_out", .bool(day.theyReachedOut)),
                ])
            })),
            ("cravings", series(report) { $0.strongestCraving.map(Double.init) }),
            ("mood", series(report) { $0.mood }),
            ("triggers", .array(report.triggers.map {
                .object([("trigger", .string($0.trigger)),
                         ("title", .string(triggerTitles[$0.trigger] ?? $0.trigger.replacingOccurrences(of: "-", with: " "))),
                         ("urges", .integer($0.urges))])
            })),
            ("urges_by_hour", .array(report.hours.map(JSONValue.integer))),
            ("busiest_hours", busiest.map { .object([("from", .string(HourHistogram.clock($0.from))), ("to", .string(HourHistogram.clock($0.to)))]) } ?? .null),
            ("week", .object([
                ("this_week", week(report.thisWeek)),
                ("last_week", week(report.lastWeek)),
                ("strongest_craving_change_percent", .optional(report.cravingChangePercent)),
            ])),
        ])
    }

    private static func series(_ report: ProgressReport, _ value: (ProgressReport.DayFigures) -> Double?) -> JSONValue {
        .object([30, 90].map { count in
            ("last_\(count)_days", .array(report.lastDays(count, value).map { JSONValue.optional($0) }))
        })
    }

    private static func week(_ week: ProgressReport.Week) -> JSONValue {
        .object([
            ("first_day", .string(week.first.description)),
            ("last_day", .string(week.last.description)),
            ("strongest_craving_average", .optional(week.strongestCraving)),
            ("mood_average", .optional(week.mood)),
            ("urges", .integer(week.urges)),
        ])
    }
}

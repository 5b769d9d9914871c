import Foundation
import UnsentCore
import UnsentStore

/// The figures `unsent stats` shows, worked out from the store's records: streaks over the whole plan, and
/// day-by-day figures, triggers and hours over the last 26 weeks. Pure: records and today in, figures out.
struct ProgressReport {
    /// The figures of one day.
    struct DayFigures: Equatable {
        var day: Day
        /// The strongest craving logged (urges and the check-in's strongest), 0–10.
        var strongestCraving: Int?
        /// The average of the moods logged, 1–10.
        var mood: Double?
        var urges: Int
        /// The person contacted their ex.
        var slip: Bool
        /// The ex reached out.
        var theyReachedOut: Bool
    }

    /// Averages of one week, for the comparison.
    struct Week: Equatable {
        var first: Day
        var last: Day
        /// The average over days with a craving logged of each day's strongest craving.
        var strongestCraving: Double?
        var mood: Double?
        var urges: Int
    }

    /// The charts look back 26 weeks, whole weeks from Monday.
    static let weeks = 26
    /// A day's count from a check-in above this is taken for a slip of the keys, not a count.
    static let mostUrgesCounted = 200

    var today: Day
    var planStart: Day?
    /// 0 for open-ended, -1 until they reach out, else days.
    var planLength: Int
    /// Planned practical contact is part of the plan, so days are counted as kept to it.
    var lowContact: Bool
    var streaks: Streaks?
    var reachOuts: Int
    /// From the Monday 25 weeks before this week's Monday to today, oldest first.
    var days: [DayFigures]
    /// Triggers of urges in the window, most frequent first.
    var triggers: [(trigger: String, urges: Int)]
    /// Urges in the window by local hour of day.
    var hours: [Int]
    var thisWeek: Week
    var lastWeek: Week

    /// The first day the charts show.
    static func firstDay(today: Day) -> Day {
        Heatmap.monday(of: today).adding(days: -7 * (weeks - 1))
    }

    /// The earliest moment whose events can fall in the window: two days of margin for time zones, the
    /// hour a day starts, and check-ins written a day late.
    static func windowStart(today: Day) -> Date {
        Date(timeIntervalSince1970: TimeInterval(firstDay(today: today).ordinal - 2) * 86_400)
    }

    /// Days left until the plan's end, when it has a length and has not ended.
    var daysToEnd: Int? {
        guard planLength > 0, let streaks else { return nil }
        return max(0, planLength - streaks.dayNumber)
    }

    init(records: ProgressRecords, today: Day, clock: DayClock) {
        var time = LocalTime(clock)
        self.today = today
        planStart = records.settings["plan_start"].flatMap(Day.init)
        planLength = records.settings["plan_length"].flatMap(Int.init) ?? 0
        lowContact = records.settings["plan_type"] == "low-contact"
        reachOuts = records.reachOuts

        func dayOf(_ event: ProgressEvent) -> Day {
            event.day.flatMap(Day.init) ?? time.day(of: event.at)
        }
        let slipDays = records.contacts.filter { $0.direction == "me" }.map(dayOf)
        streaks = planStart.map { Streaks(start: $0, slipDays: slipDays, today: today) }

        let first = Self.firstDay(today: today)
        var figures = (0...max(0, first.days(to: today))).map {
            DayFigures(day: first.adding(days: $0), strongestCraving: nil, mood: nil, urges: 0, slip: false, theyReachedOut: false)
        }
        func index(_ day: Day) -> Int? {
            let offset = first.days(to: day)
            return offset >= 0 && offset < figures.count ? offset : nil
        }
        for contact in records.contacts {
            guard let at = index(dayOf(contact)) else { continue }
            if contact.direction == "me" { figures[at].slip = true }
            if contact.direction == "they" { figures[at].theyReachedOut = true }
        }

        // An urge talked through in a session has a start and an end; a logged one only an end. Each counts
        // once, at its start when it has one.
        let startedSessions = Set(records.recent.filter { $0.kind == EventKind.urgeStarted.rawValue }.compactMap(\.sessionId))
        var moods: [Int: [Int]] = [:]
        // Urges counted in a daily check-in ("how many times did you feel the urge?"), by day: a day
        // shows the larger of these and the urges talked through, since both may count the same urge.
        var counted: [Int: Int] = [:]
        var triggerCounts: [String: Int] = [:]
        var hours = Array(repeating: 0, count: 24)
        for event in records.recent {
            let day = dayOf(event)
            guard let at = index(day) else { continue }
            if let craving = event.craving, (0...10).contains(craving) {
                figures[at].strongestCraving = max(figures[at].strongestCraving ?? 0, craving)
            }
            switch EventKind(rawValue: event.kind) {
            case .urgeStarted:
                figures[at].urges += 1
                hours[time.hour(of: event.at)] += 1
            case .urgeEnded:
                if let trigger = event.trigger, !trigger.isEmpty { triggerCounts[trigger, default: 0] += 1 }
                if event.sessionId.map(startedSessions.contains) != true {
                    figures[at].urges += 1
                    hours[time.hour(of: event.at)] += 1
                }
            case .reflection, .mood:
                if let mood = event.mood, (1...10).contains(mood) { moods[at, default: []].append(mood) }
                if let cravings = event.cravings, (0...Self.mostUrgesCounted).contains(cravings) {
                    counted[at] = max(counted[at] ?? 0, cravings)
                }
            case .contactReceived:
                figures[at].theyReachedOut = true
            default:
                break
            }
        }
        for (at, urges) in counted {
            figures[at].urges = max(figures[at].urges, urges)
        }
        for (at, values) in moods {
            figures[at].mood = Double(values.reduce(0, +)) / Double(values.count)
        }
        days = figures
        triggers = triggerCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
        self.hours = hours
        thisWeek = Self.week(figures, last: today)
        lastWeek = Self.week(figures, last: today.adding(days: -7))
    }

    /// The seven days ending with `last`.
    private static func week(_ figures: [DayFigures], last: Day) -> Week {
        let first = last.adding(days: -6)
        let inWeek = figures.filter { $0.day >= first && $0.day <= last }
        let cravings = inWeek.compactMap(\.strongestCraving).map(Double.init)
        let moods = inWeek.compactMap(\.mood)
        return Week(first: first, last: last,
                    strongestCraving: cravings.isEmpty ? nil : cravings.reduce(0, +) / Double(cravings.count),
                    mood: moods.isEmpty ? nil : moods.reduce(0, +) / Double(moods.count),
                    urges: inWeek.reduce(0) { $0 + $1.urges })
    }

    /// The last `count` days' values, oldest first.
    func lastDays<Value>(_ count: Int, _ value: (DayFigures) -> Value?) -> [Value?] {
        days.suffix(count).map(value)
    }

    /// The change from last week's average strongest craving to this week's, in whole percent.
    var cravingChangePercent: Int? {
        guard let now = thisWeek.strongestCraving, let before = lastWeek.strongestCraving, before > 0 else { return nil }
        return Int(((now - before) / before * 100).rounded())
    }

    /// Urges counted in the window.
    var urgesInWindow: Int { days.reduce(0) { $0 + $1.urges } }
}

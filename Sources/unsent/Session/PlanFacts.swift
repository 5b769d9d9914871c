import Foundation
import UnsentCore
import UnsentStore

/// What the store says about the person's plan today: the facts every conversation gets as
/// variables (day number, streaks, whether today's check-in is done, today's prompts...).
struct PlanFacts {
    var today: Day
    var start: Day?
    var length: Int
    /// The local hour now, 0 to 23: a closing line says "in the morning" only when the morning is next.
    var hour = 12
    var streaks: Streaks?
    var reflectedDays: Set<Day>
    var milestone: Int
    var complete: Bool
    var promptHistory: [(id: String, day: Day)]
    /// The last urge talked through in the past few hours: its trigger and whether it had a practical reason
    /// ("no", or the kind), so a second one the same night does not start from nothing (drive-32).
    var earlierUrge: (trigger: String, practical: String)? = nil
    /// The strongest urge rated in a conversation today (0 for none): the check-in does not ask for it again
    /// (drive-36: "9 i already told u earlier").
    var strongestUrgeToday = 0

    /// How far back an urge still counts as "earlier tonight".
    static let earlierUrgeHours = 6.0

    static func dayClock(_ store: Store) throws(StoreError) -> DayClock {
        let hour = try store.setting("day_start_hour").flatMap(Int.init) ?? 4
        return DayClock(timeZone: .current, dayStartHour: hour)
    }

    static func load(_ store: Store, now: Date) throws(StoreError) -> PlanFacts {
        let clock = try dayClock(store)
        let today = clock.day(of: now)
        let start = try store.setting("plan_start").flatMap(Day.init)
        let length = try store.setting("plan_length").flatMap(Int.init) ?? 0
        // Only what today needs: every slip (few), and the reflections of the last 400 days
        // (today's and yesterday's check-in, and which prompts were shown lately).
        let slipDays = try store.eventFieldValues(kind: EventKind.contact.rawValue, field: EventField.direction.rawValue, equals: "me", read: EventField.day.rawValue).compactMap(Day.init)
        let reflections = try store.eventFields(kind: EventKind.reflection.rawValue, since: now.addingTimeInterval(-400 * 86400),
                                                  EventField.day.rawValue, EventField.prompt.rawValue)
        var reflectedDays = Set<Day>()
        var promptHistory: [(id: String, day: Day)] = []
        for (dayText, prompt) in reflections {
            guard let day = dayText.flatMap(Day.init) else { continue }
            reflectedDays.insert(day)
            if let prompt, !prompt.isEmpty { promptHistory.append((prompt, day)) }
        }
        var facts = PlanFacts(today: today, start: start, length: length, streaks: nil, reflectedDays: reflectedDays,
                              milestone: 0, complete: false, promptHistory: promptHistory)
        facts.hour = Calendar.current.component(.hour, from: now)
        let dayBegan = today.date(in: clock.timeZone).addingTimeInterval(Double(clock.dayStartHour) * 3600)
        facts.strongestUrgeToday = try store.events(kind: EventKind.urgeStarted.rawValue, since: dayBegan)
            .compactMap { $0.fields[.intensity].flatMap(Int.init) }.max() ?? 0
        if let last = try store.events(kind: EventKind.urgeEnded.rawValue, since: now.addingTimeInterval(-earlierUrgeHours * 3600)).last {
            facts.earlierUrge = (last.fields[.trigger] ?? "", last.fields[.practical] ?? "")
        }
        guard let start else { return facts }
        let streaks = Streaks(start: start, slipDays: slipDays, today: today)
        facts.streaks = streaks
        let shown = Set(try store.events(kind: EventKind.milestone.rawValue, since: start.date(in: .current).addingTimeInterval(-86400))
            .compactMap { $0.fields[.days].flatMap(Int.init) })
        if Streaks.milestones.contains(streaks.totalNoContactDays), !shown.contains(streaks.totalNoContactDays) {
            facts.milestone = streaks.totalNoContactDays
        }
        let ended = try store.events(kind: EventKind.planEnded.rawValue).contains { $0.fields[.start] == start.description }
        facts.complete = length > 0 && streaks.dayNumber > length && !ended
        return facts
    }

    /// What to say instead of a day number when today comes before the plan's first day (a plan set to
    /// start later, or a clock set back): "Your plan starts on 2026-11-01, in 3 days."; nil once it has begun.
    static func notYetStarted(start: Day, today: Day) -> String? {
        let days = start.ordinal - today.ordinal
        guard days > 0 else { return nil }
        return days == 1 ? "Your plan starts tomorrow, \(start)." : "Your plan starts on \(start), in \(days) days."
    }

    /// The facts as conversation variables (see Content/common/facts.unsent).
    func variables(content: Content) -> [String: Value] {
        let yesterday = today.adding(days: -1)
        var values: [String: Value] = [
            "today": .text(today.description),
            "yesterday": .text(yesterday.description),
            "reflect_due": .bool(!reflectedDays.contains(today)),
            "has_plan": .bool(start != nil),
            "plan_length": .number(length),
            "milestone": .number(milestone),
            "plan_complete": .bool(complete),
            "urge_earlier": .bool(earlierUrge != nil),
            "urge_earlier_trigger": .text(earlierUrge?.trigger ?? ""),
            "urge_earlier_practical": .text(earlierUrge?.practical ?? ""),
            "hour": .number(hour),
            "urge_today_strongest": .number(strongestUrgeToday),
        ]
        if let start, let streaks {
            values["plan_start"] = .text(start.description)
            values["day_number"] = .number(streaks.dayNumber)
            values["total_days"] = .number(streaks.totalNoContactDays)
            values["current_streak"] = .number(streaks.currentStreak)
            values["longest_streak"] = .number(streaks.longestStreak)
            values["slips"] = .number(streaks.slips)
            // Offer to fill in yesterday only to someone who was checking in before it (drive-26: on the first day of
            // check-ins, a second one was asked to fill in yesterday), and only within the plan.
            values["yesterday_missing"] = .bool(reflectedDays.contains { $0 < yesterday } && start <= yesterday && !reflectedDays.contains(yesterday))
        }
        let deck = content.prompts
        if let gentle = deck.pick(today: today, history: promptHistory, gentle: true) {
            values["prompt_gentle"] = .text(gentle.text)
            values["prompt_gentle_id"] = .text(gentle.id)
        }
        if let any = deck.pick(today: today, history: promptHistory, gentle: false) {
            values["prompt_any"] = .text(any.text)
            values["prompt_any_id"] = .text(any.id)
        }
        return values
    }
}

import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent plan set FIELD VALUE`: one part of the plan, without the questionnaire.
struct PlanSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change one part of your plan: its length, start, your reason, the people to reach instead, or your region.",
        discussion: CommandHelp.discussion(
            """
            length   a number of days (such as 60, or "six weeks"), an end date ("until 14 february"), open (until you feel ready) \
            or reach-out (until they reach out).
            start    the day no contact started: today, yesterday, 3 weeks ago, monday, or a date like 2026-11-01 \
            (a date up to a year ahead starts the plan then).
            reason   your own sentence for the hard moments, shown when an urge is strong.
            people   up to three first names, with commas; "" removes them.
            region   us, uk, ca, au, ie, nz or other, for help lines.

            The words after FIELD are the value, so quotes are needed only in a shell that would read them itself. \
            Your reason and the names pass the same crisis check as everything you write. It takes the options of \
            `unsent plan`: --store, --durable and --content (for the crisis check's rules).
            """,
            examples: [("unsent plan set length 60", "a 60-day plan"),
                       ("unsent plan set start 2026-11-01", "no contact since that day"),
                       ("unsent plan set reason I deserve some peace", "your words for the hard moments"),
                       ("unsent plan set people \"Sam, Jo\"", "who you can reach instead")],
            exits: [(0, "Changed."), CommandHelp.store, (64, "A field or value it can't take (nothing changed).")]))

    @Argument(help: ArgumentHelp("What to change: length, start, reason, people or region.", valueName: "field"))
    var field: String

    @Argument(help: ArgumentHelp("Its new value.", valueName: "value"))
    var value: [String] = []

    /// `unsent plan`, whose options (--store, --durable, --content) this reads: ArgumentParser gives an
    /// option both commands declare to the parent.
    @ParentCommand var plan: Plan

    private var content: String? { plan.options.content }

    static let fields = ["length", "start", "reason", "people", "region"]

    var text: String { value.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines) }

    func validate() throws {
        guard Self.fields.contains(field.lowercased()) else {
            let hint = Suggestion.note(for: field, in: Self.fields).map { " " + $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
            throw ValidationError("'\(field)' is not a part of the plan.\(hint) Parts: \(Self.fields.joined(separator: ", ")).")
        }
        switch field.lowercased() {
        case "length":
            if case .failure(let problem) = Self.length(text) { throw ValidationError(problem.description) }
        case "region":
            if RegionCode.code(text) == nil { throw ValidationError(RegionCode.problem(text)) }
        case "reason":
            if text.isEmpty { throw ValidationError("Your reason is empty. Write it after `unsent plan set reason`, such as: I deserve some peace.") }
        default: break
        }
    }

    /// A length in days: 1 to 3650, 0 for open-ended, -1 for until they reach out.
    static func length(_ text: String) -> Result<Int, SettingProblem> {
        let lowered = text.lowercased()
        if ["open", "open-ended", "open ended", "ready", "until i feel ready", "forever", "for good", "indefinitely"].contains(lowered) { return .success(0) }
        if ["reach-out", "reach out", "until they reach out"].contains(lowered) { return .success(-1) }
        let reader = AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
        // An end date ("until feb 14", drive-37: read as 14 days) is a length only once the plan's start is known:
        // accepted here, and counted in `run`, which reads the start from the store.
        if reader.endDate(in: lowered, now: Date()) != nil { return .success(0) }
        // "60", "60 days", "six weeks", "3 months": a number of days, or a length in weeks, months or years.
        guard let days = reader.read(lowered, as: .days, choices: [], now: Date())?.number, (1...3650).contains(days),
              !lowered.contains(","), !(lowered.contains(".") && !lowered.contains(where: \.isLetter)) else {
            return .failure(SettingProblem("A plan's length is a number of days from 1 to 3650 (such as 60 or \"six weeks\"), open, or reach-out; '\(text)' is not one."))
        }
        return .success(days)
    }

    func run() throws {
        let opened = try StoreOpening.open(plan.options.store, durable: plan.options.durable)
        let now = Date()
        let today = try StoreOpening.call { () throws(StoreError) in try PlanFacts.dayClock(opened).day(of: now) }
        let key: String, stored: String?
        switch field.lowercased() {
        case "length":
            guard case .success(var days) = Self.length(text) else { return }
            // An end date: the days from the plan's start (or today, with none yet) to it, both counted.
            let reader = AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
            if let end = reader.endDate(in: text.lowercased(), now: now) {
                let start = try StoreOpening.call { () throws(StoreError) in try opened.setting("plan_start").flatMap(Day.init) } ?? today
                days = start.days(to: end) + 1
                guard (1...3650).contains(days) else {
                    ErrorOutput.write(days < 1 ? "unsent: '\(text)' is \(end), before the plan's start (\(start)). Nothing was changed."
                                                : "unsent: '\(text)' would make a plan of \(days) days; a plan is at most 3650. Nothing was changed.")
                    throw ExitCode(64)
                }
            }
            (key, stored) = ("plan_length", String(days))
        case "start":
            guard let day = PastDay.read(text, today: today) ?? Day(text).flatMap({ $0 > today && $0.ordinal - today.ordinal <= 366 ? $0 : nil }) else {
                ErrorOutput.write("unsent: '\(text)' is not a day for the plan to start. Try today, yesterday, 3 weeks ago, monday, or a date like \(today.adding(days: -7)). Nothing was changed.")
                throw ExitCode(64)
            }
            (key, stored) = ("plan_start", day.description)
        case "reason":
            (key, stored) = ("plan_statement", text)
        case "people":
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            (key, stored) = ("support_people", names.isEmpty ? nil : names.joined(separator: ", "))
        default:
            (key, stored) = ("region", RegionCode.code(text))
        }
        // Free text is saved first, so broken content never loses it, then checked like every line written.
        let loadingSafety = ["plan_statement", "support_people"].contains(key) && stored != nil ? ContentLoading.safetyMeanwhile(content) : nil
        try StoreOpening.call { () throws(StoreError) in
            try opened.setSetting(key, stored)
            if ["plan_start", "plan_length"].contains(key) {
                // As the questionnaire records it, so the plan's history stays whole.
                let fields: [EventField: String] = [
                    .start: try opened.setting("plan_start") ?? "", .type: try opened.setting("plan_type") ?? "",
                    .reason: try opened.setting("plan_reason") ?? "", .length: try opened.setting("plan_length") ?? "0",
                    .afraid: try opened.setting("afraid") ?? "no", .source: "plan set"]
                _ = try opened.recordEvent(sessionId: nil, at: now, kind: EventKind.planSet.rawValue, fields: EventField.named(fields))
            }
        }
        let lines = try StoreOpening.call { () throws(StoreError) in try PlanSummary.lines(opened, now: now) }
        let label = ["plan_length": "Length", "plan_start": "Started", "plan_statement": "Your reason", "support_people": "People", "region": "Region"][key] ?? ""
        print(lines.first { $0.hasPrefix("  " + label + " ") } .map { "Changed. " + $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: #"\s{2,}"#, with: ": ", options: .regularExpression) } ?? "Changed.")
        if ["plan_start", "plan_length"].contains(key),
           let facts = try? PlanFacts.load(opened, now: now), let streaks = facts.streaks, facts.length > 0, streaks.dayNumber > facts.length {
            // A start moved back past the plan's end (drive-35: status then read "Day 129 of 30.").
            print("That makes today day \(streaks.dayNumber), past the end of a \(facts.length)-day plan, so it counts as complete. To keep counting toward an end, make it longer: `unsent plan set length \(streaks.dayNumber + 30)`.")
        }
        if try StoreOpening.call({ () throws(StoreError) in try opened.setting("plan_start") }) == nil {
            print("There is no start day yet, so no plan to count: `unsent plan set start today` (or the day it began).")
        }
        fflush(nil)
        guard let loadingSafety, let stored else { return }
        let safety = try loadingSafety()
        guard let category = safety.classify(Sanitizer.removingControlSequences(stored)) else { return }
        _ = try StoreOpening.call { () throws(StoreError) in
            try opened.recordEvent(sessionId: nil, at: Date(), kind: EventKind.safety(category).rawValue,
                                   fields: EventField.named([.category: category.rawValue, .flow: "plan", .node: "plan.set"]))
        }
        try Conversation.run(flow: category == .ambiguous ? "check-in" : "crisis",
                              settings: SessionSettings(store: plan.options.store, content: content, durable: plan.options.durable),
                              extra: ["crisis_category": .text(category.rawValue), "from_quick_log": .bool(true)])
    }
}

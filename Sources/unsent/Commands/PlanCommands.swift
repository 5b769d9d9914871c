import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Set up your plan: when no contact started, how long it runs, your reason, who you can reach instead, and your region.",
        discussion: CommandHelp.discussion(
            examples: [("unsent start", "answer a few questions to set up your plan")],
            exits: CommandHelp.conversationExits))

    @OptionGroup var options: SessionOptions

    func run() throws { try Conversation.run(flow: "plan", options: options) }
}

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show your plan. Change one part of it with `unsent plan set`, or go through all of it again with --again.",
        discussion: CommandHelp.discussion(
            examples: [("unsent plan", "show it"),
                       ("unsent plan set length 60", "60 days (or open, or reach-out)"),
                       ("unsent plan set start 2026-11-01", "also: yesterday, 3 weeks ago"),
                       ("unsent plan set reason \"I deserve some peace\"", "why you are doing this"),
                       ("unsent plan set region uk", "where your help lines are"),
                       ("unsent plan --again", "all the questions again; nothing you've logged is lost")],
            exits: CommandHelp.conversationExits),
        subcommands: [PlanSetCommand.self])

    @Flag(help: "Go through the whole plan again, one question at a time. Nothing you've logged is lost.")
    var again = false

    @OptionGroup var options: SessionOptions

    func run() throws {
        if again { return try Conversation.run(flow: "plan", options: options) }
        let store = try StoreOpening.open(options)
        try StoreOpening.call { () throws(StoreError) in
            for line in try PlanSummary.lines(store, now: Date()) { print(line) }
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print where you are in your plan: the day, your current and longest streaks, and total days without contact.",
        discussion: CommandHelp.discussion(
            "With --json, the same figures are printed as JSON (version 1; see README.md, \"JSON output\").",
            examples: [("unsent status", "the day of your plan and your streaks"),
                       ("unsent status --json | jq .streaks.current", "the current streak, for a script"),
                       ("unsent status --line", "one short line for a prompt or a status bar")],
            exits: CommandHelp.readingExits))

    @Flag(help: "One short line for a shell prompt or a status bar, such as \"day 12 · check-in open\": no colour, one newline.")
    var line = false

    @Flag(help: "Print the figures as JSON (version 1).")
    var json = false

    @OptionGroup var options: StoreOptions

    func run() throws {
        if line { return try StatusLine.print(store: options.store, durable: false) }
        let store = try StoreOpening.open(options)
        let facts = try StoreOpening.call { () throws(StoreError) in try PlanFacts.load(store, now: Date()) }
        if json {
            print(StatusJSON.document(facts).text(pretty: true))
            return
        }
        guard let streaks = facts.streaks, let start = facts.start else {
            print("No plan yet. Set one up with `unsent start`.")
            return
        }
        if let ahead = PlanFacts.notYetStarted(start: start, today: facts.today) {
            print(ahead)
            return
        }
        print(PlanStanding.dayLine(streaks, length: facts.length))
        print("Current streak: \(DraftAge.plural(streaks.currentStreak, "day")). Longest streak: \(DraftAge.plural(streaks.longestStreak, "day")).")
        // Read here, not in `PlanFacts`, which every conversation's start loads.
        let lowContact = try StoreOpening.call { () throws(StoreError) in try store.setting("plan_type") } == "low-contact"
        print(PlanStanding.totalsLine(streaks, lowContact: lowContact))
        if !facts.reflectedDays.contains(facts.today) { print("Today's check-in isn't done yet: `unsent reflect`.") }
    }
}

/// One-line logging, like a command-line journal: no conversation.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log something in one line, without a conversation: your mood, an urge, contact, or a note.",
        discussion: CommandHelp.discussion(
            examples: [("unsent log mood 6", "today's mood"), ("unsent log urge 7 --trigger night", "an urge you resisted")],
            exits: CommandHelp.writingExits),
        subcommands: [LogMood.self, LogUrge.self, LogContact.self, LogNote.self])
}

/// Writes one event for today and prints one confirmation line.
enum QuickLog {
    /// - Returns: the store it wrote to, for a caller with more to record.
    @discardableResult
    /// - Parameter dayText: the day it happened, when not today ("yesterday", "2026-11-01"), read as `PastDay` reads it.
    static func write(kind: EventKind, fields: [EventField: String], options: SessionSettings, dayText: String? = nil,
                      confirmation: (Day) -> String) throws -> Store {
        let store = try StoreOpening.open(options)
        let now = Date()
        let today = try StoreOpening.call { () throws(StoreError) in try PlanFacts.dayClock(store).day(of: now) }
        var day = today
        if let dayText {
            guard let past = PastDay.read(dayText, today: today) else {
                ErrorOutput.write("unsent: '\(dayText)' is not a day up to today. --day takes today, yesterday, 3 days ago, monday or a date like \(today.adding(days: -1)). Nothing was logged.")
                throw ExitCode(64)
            }
            day = past
        }
        var values = fields
        values[.day] = day.description
        values[.source] = "log"
        _ = try StoreOpening.call { () throws(StoreError) in try store.recordEvent(sessionId: nil, at: now, kind: kind.rawValue, fields: EventField.named(values)) }
        print(confirmation(day))
        fflush(nil)
        return store
    }

    /// What may set an urge off, for `log urge --trigger`.
    static let triggers = ["lonely", "night", "saw-post", "date", "memory", "friends", "bored", "fight", "other"]
    /// Whether `mood` is one `log mood` takes.
    static func isMood(_ mood: Int) -> Bool { (1...10).contains(mood) }
    /// Whether `strength` is one `log urge` takes.
    static func isStrength(_ strength: Int) -> Bool { (0...10).contains(strength) }
    /// Whether `text` is a note `log note` takes.
    static func isNote(_ text: String) -> Bool { !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    static func mood(_ mood: Int, settings: SessionSettings) throws {
        try write(kind: .mood, fields: [.mood: String(mood)], options: settings) { "Mood \(mood) logged for \($0)." }
    }

    /// - Parameter outcome: resisted, deciding or sent.
    static func urge(strength: Int, trigger: String, outcome: String, settings: SessionSettings) throws {
        try write(kind: .urgeEnded, fields: [.before: String(strength), .trigger: trigger, .outcome: outcome],
                  options: settings) { "Urge of \(strength) (\(trigger), \(outcome)) logged for \($0)." }
    }

    /// - Parameter direction: fromThem, fromMe or planned.
    static func contact(direction: String, settings: SessionSettings, day: String? = nil) throws {
        let stored = ["fromThem": "they", "fromMe": "me", "planned": "planned"][direction] ?? "they"
        try write(kind: .contact, fields: [.direction: stored], options: settings, dayText: day) { day in
            switch direction {
            case "fromMe": "Contact from you logged for \(day). A slip, not a failure: your totals and longest streak stay."
            case "planned": "Planned contact logged for \(day)."
            default: "Contact from them logged for \(day). You don't owe them an answer; `unsent reply` can help you decide."
            }
        }
    }

    static func note(_ text: String, settings options: SessionSettings) throws {
        // The note is saved first, so broken content never loses it; then it passes the crisis
        // check like every other line a person writes. The rules load meanwhile.
        let loadingSafety = ContentLoading.safetyMeanwhile(options.content)
        let store = try write(kind: .note, fields: [.text: text], options: options) { "Note logged for \($0)." }
        let safety = try loadingSafety()
        guard let category = safety.classify(Sanitizer.removingControlSequences(text)) else { return }
        // The note is kept and its words are not shown again; the same safety steps follow as
        // in any conversation, and the event says where it came from.
        _ = try StoreOpening.call { () throws(StoreError) in
            try store.recordEvent(sessionId: nil, at: Date(), kind: EventKind.safety(category).rawValue,
                                  fields: EventField.named([.category: category.rawValue, .flow: "log", .node: "log.note"]))
        }
        try Conversation.run(flow: category == .ambiguous ? "check-in" : "crisis", settings: options,
                              extra: ["crisis_category": .text(category.rawValue), "crisis_words": .text(text),
                                      "from_quick_log": .bool(true)])
    }
}

struct LogMood: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mood", abstract: "Log your mood today, from 1 to 10.",
        discussion: CommandHelp.discussion(examples: [("unsent log mood 6", "a middling day")], exits: CommandHelp.writingExits))

    @Argument(help: ArgumentHelp("Your mood from 1 (the worst it gets) to 10 (really good), in digits or words.", valueName: "mood"))
    var said: String

    @OptionGroup var options: DurableStoreOptions

    /// The mood in digits, or in words as the conversation takes them ("seven"; drive-36: `log mood seven` got
    /// ArgumentParser's "The value 'seven' is invalid"). A number outside 1 to 10 is said as one.
    var mood: Int? {
        if let number = Int(said) { return number }
        return AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
            .read(said, as: .scale(1...10), choices: [], now: Date())?.number
    }

    func validate() throws {
        guard let mood else { throw ValidationError("A mood is a number from 1 to 10, like 6 or six; '\(said)' is not one.") }
        guard QuickLog.isMood(mood) else { throw ValidationError("A mood is a number from 1 to 10; \(mood) is outside that.") }
    }

    func run() throws {
        guard let mood else { return }
        try QuickLog.mood(mood, settings: options.settings)
    }
}

struct LogUrge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "urge", abstract: "Log an urge to contact your ex, how strong it was, and what you did.",
        discussion: CommandHelp.discussion(
            examples: [("unsent log urge 7 --trigger night", "a strong urge late at night, resisted"),
                       ("unsent log urge 4 --trigger saw-post --sent", "a message sent after seeing their post")],
            exits: CommandHelp.writingExits))

    enum Outcome: String, EnumerableFlag {
        case resisted, deciding, sent

        static func help(for value: Outcome) -> ArgumentHelp? {
            switch value {
            case .resisted: "You didn't send anything."
            case .deciding: "You haven't decided yet."
            case .sent: "You sent a message anyway."
            }
        }
    }

    @Argument(help: "How strong the urge was, from 0 to 10.")
    var strength: Int

    @Option(help: ArgumentHelp("What set it off: lonely, night, saw-post, date, memory, friends, bored, fight or other.", valueName: "trigger"))
    var trigger: String = "other"

    @Flag(help: "What you did about it (resisted if you say nothing).")
    var outcome: Outcome = .resisted

    @OptionGroup var options: DurableStoreOptions

    static let triggers = QuickLog.triggers

    func validate() throws {
        guard QuickLog.isStrength(strength) else { throw ValidationError("An urge's strength is a number from 0 to 10; \(strength) is outside that.") }
        guard Self.triggers.contains(trigger) else {
            throw ValidationError("'\(trigger)' is not a trigger. " + (Suggestion.note(for: trigger, in: Self.triggers).map { $0.prefix(1).uppercased() + $0.dropFirst() + " " } ?? "")
                                  + "Triggers: \(Self.triggers.joined(separator: ", ")).")
        }
    }

    func run() throws {
        try QuickLog.urge(strength: strength, trigger: trigger, outcome: outcome.rawValue, settings: options.settings)
    }
}

struct LogContact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Log contact with your ex: from them, from you, or planned practical contact.",
        discussion: CommandHelp.discussion(
            examples: [("unsent log contact --from-them", "they reached out"),
                       ("unsent log contact --from-me", "you reached out: a slip, and your totals stay"),
                       ("unsent log contact --from-me --day yesterday", "a slip on an earlier day: that day's streak restarts")],
            exits: CommandHelp.writingExits))

    enum Direction: String, EnumerableFlag {
        case fromThem, fromMe, planned

        static func help(for value: Direction) -> ArgumentHelp? {
            switch value {
            case .fromThem: "They contacted you."
            case .fromMe: "You contacted them (a slip: your streak restarts, your totals stay)."
            case .planned: "Planned practical contact, as part of low contact."
            }
        }
    }

    @Flag(help: "Who made contact.")
    var direction: Direction

    @Option(help: ArgumentHelp("The day it happened, when not today: yesterday, 3 days ago, monday or a date like 2026-11-01.", valueName: "day"))
    var day: String?

    @OptionGroup var options: DurableStoreOptions

    func run() throws {
        try QuickLog.contact(direction: direction.rawValue, settings: options.settings, day: day)
    }
}

struct LogNote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Log a short note for today.",
        discussion: CommandHelp.discussion(
            "The words may come with or without quotes. Without any, the note is read from standard input (its first "
                + "line), so it never shows in the list of running programs other users can see: `unsent log note`, "
                + "then type it and press Enter.",
            examples: [("unsent log note went for a walk", "a note, quotes optional"), ("unsent log note", "type the note, then Enter"),
                       ("echo 'went for a walk' | unsent log note", "a note from a pipe")],
            exits: [(0, "Logged.")] + Array(CommandHelp.conversationExits.dropFirst())))

    @Argument(help: "The note (quotes are optional). Without it, the note is the first line of standard input.")
    var words: [String] = []

    /// The words given on the command line, as one note; nil when none were given.
    var text: String? { words.isEmpty ? nil : words.joined(separator: " ") }

    @OptionGroup var options: SessionOptions

    func validate() throws {
        if let text, !QuickLog.isNote(text) { throw ValidationError("The note is empty.") }
    }

    /// The note given in quotes, or else the first line of standard input (after a prompt on a
    /// terminal). The rest of the input is left for the questions that may follow.
    func note() throws -> String {
        if let text { return text }
        if TerminalChoice.stdinIsTTY { StandardStream.writeError("Your note (Enter to save it): ") }
        let line = try StandardStream.readLine(limit: 1 << 20) ?? ""
        guard !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("The note is empty. Type it after `unsent log note` and press Enter, or pipe it in.")
        }
        return line
    }

    func run() throws {
        try QuickLog.note(try note(), settings: options.settings)
    }
}

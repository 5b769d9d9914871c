import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// The unsent drawer: messages written instead of sent.
struct Drafts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drafts",
        abstract: "List the messages in your unsent drawer, with their age.",
        discussion: CommandHelp.discussion(
            "Nothing in the drawer is ever sent. Use 'show', 'seal' and 'delete' with a draft's number.",
            examples: [("unsent drafts", "the drawer"), ("unsent drafts seal 3 --for 3d", "keep draft 3 closed for three days")],
            exits: CommandHelp.readingExits),
        subcommands: [DraftsList.self, DraftsShow.self, DraftsSeal.self, DraftsDelete.self],
        defaultSubcommand: DraftsList.self)
}

struct DraftsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the messages in your unsent drawer, with their age.",
        discussion: CommandHelp.discussion(
            "A sealed draft shows how long it stays sealed, not its words. With --json, the drawer is printed as JSON (version 1; see README.md, \"JSON output\").",
            examples: [("unsent drafts", "the drawer, newest last"),
                       ("unsent drafts --json", "every draft's number, age and text (none for a sealed one)")],
            exits: CommandHelp.readingExits))

    @Flag(help: "Print the drawer as JSON (version 1).")
    var json = false

    @OptionGroup var options: StoreOptions
    @OptionGroup var pagerOption: PagerOption

    func run() throws {
        let store = try StoreOpening.open(options)
        let now = Date()
        let drafts = try StoreOpening.call { () throws(StoreError) in
            try store.settleSeals(at: now)
            return try store.drafts()
        }
        let pager = pagerOption.start()
        defer { pager?.finish() }
        if json {
            print(DraftsJSON.drawer(drafts, now: now).text(pretty: true))
            return
        }
        guard !drafts.isEmpty else {
            print("Your drawer is empty. When you write a message in `unsent urge`, it's kept here, unsent.")
            return
        }
        let window = TerminalChoice.stdoutIsTTY ? Style.terminalWidth() : nil
        for draft in drafts {
            let firstLine = Sanitizer.clean(draft.text.split(separator: "\n").first.map(String.init) ?? "")
            let lead = "\(draft.id). \(DraftAge.describe(draft.createdAt, now: now)) — "
            if let until = draft.sealedUntil, until > now {
                let row = lead + "sealed for \(DraftAge.remaining(until, now: now))"
                for line in window.map({ DisplayWidth.wrapped(row, columns: $0 - 1, indent: "   ") }) ?? [row] { print(line) }
            } else {
                print(lead + Self.shorten(firstLine, after: lead, window: window))
            }
        }
    }

    /// A draft's first line cut to 60 columns, or to what is left of the window after `lead` (at least 10).
    static func shorten(_ text: String, after lead: String, window: Int?) -> String {
        let room = window.map { max(10, min(60, $0 - 1 - DisplayWidth.of(lead))) } ?? 60
        return DisplayWidth.truncated(text, to: room)
    }
}

struct DraftsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one draft in full and talk about how it reads now.",
        discussion: CommandHelp.discussion(
            examples: [("unsent drafts show 3", "read draft 3 again, and decide what to do with it")],
            exits: CommandHelp.conversationExits))

    @Argument(help: "The draft's number, as 'unsent drafts' lists it.")
    var number: Int64

    @OptionGroup var options: SessionOptions

    func run() throws {
        let store = try StoreOpening.open(options)
        let now = Date()
        let draft = try DraftsShow.find(number, in: store, now: now)
        if let until = draft.sealedUntil, until > now {
            print("Draft \(number) is sealed for \(DraftAge.remaining(until, now: now)). You sealed it to give yourself time; it will open after that.")
            return
        }
        try Conversation.run(flow: "revisit", options: options, extra: [
            "draft_text": .text(draft.text),
            "draft_age": .text(DraftAge.describe(draft.createdAt, now: now)),
            "draft_id": .number(Int(draft.id)),
        ])
    }

    /// The draft numbered `number`, after any seal set while the clock ran ahead is brought back within its limit.
    static func find(_ number: Int64, in store: Store, now: Date = Date()) throws -> DraftRecord {
        let drafts = try StoreOpening.call { () throws(StoreError) in
            try store.settleSeals(at: now)
            return try store.drafts()
        }
        guard let draft = drafts.first(where: { $0.id == number }) else {
            let known = drafts.map { String($0.id) }.joined(separator: ", ")
            throw ValidationError("There is no draft \(number) in your drawer." + (known.isEmpty ? " The drawer is empty." : " Drafts: \(known)."))
        }
        return draft
    }
}

struct DraftsSeal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal a draft for a cooling-off time (1 hour to 7 days); it opens again after that.",
        discussion: CommandHelp.discussion(
            examples: [("unsent drafts seal 3", "seal draft 3 for 24 hours"), ("unsent drafts seal 3 --for 7d", "for a week")],
            exits: CommandHelp.writingExits))

    @Argument(help: "The draft's number, as 'unsent drafts' lists it.")
    var number: Int64

    @Option(name: .customLong("for"), help: ArgumentHelp("How long to keep it sealed, from 1h to 7d, such as 24h or 3 days.", valueName: "duration"))
    var duration: String = "24h"

    @OptionGroup var options: DurableStoreOptions

    func run() throws {
        let reader = AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
        guard let seconds = reader.read(duration, as: .duration, choices: [], now: Date()).flatMap(\.number),
              (3600...Int(DraftRecord.longestSeal)).contains(seconds) else {
            throw ValidationError("--for takes a time from 1 hour to 7 days, such as 24h or 3 days; '\(duration)' is not one.")
        }
        let store = try StoreOpening.open(options)
        let now = Date()
        let draft = try DraftsShow.find(number, in: store, now: now)
        let until = now.addingTimeInterval(TimeInterval(seconds))
        // A seal is a promise made to a later self: it can be made longer, never shorter (drive-32: "--for 2h"
        // undid a day's seal without a word).
        if let sealed = draft.sealedUntil, sealed > until {
            throw ValidationError("Draft \(number) is already sealed for \(DraftAge.remaining(sealed, now: now)). A seal can be made longer, not shorter.")
        }
        try StoreOpening.call { () throws(StoreError) in try store.sealDraft(number, until: until) }
        print("Draft \(number) is sealed for \(DraftAge.remaining(until, now: Date())). Unsent will offer to read it with you when it opens.")
    }
}

struct DraftsDelete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a draft from your drawer.",
        discussion: CommandHelp.discussion(
            "Its text is deleted for real, with the conversation lines it was typed in; its number stays, empty.",
            examples: [("unsent drafts delete 3", "delete draft 3 (on a terminal, after you confirm)"),
                       ("unsent drafts delete 3 --yes", "without asking")],
            exits: CommandHelp.writingExits))

    @Argument(help: "The draft's number, as 'unsent drafts' lists it.")
    var number: Int64

    @Flag(name: [.short, .long], help: "Delete without asking first (a terminal asks; a script does not).")
    var yes = false

    @OptionGroup var options: DurableStoreOptions

    func run() throws {
        let store = try StoreOpening.open(options)
        let draft = try DraftsShow.find(number, in: store)
        // On a terminal, a draft is not gone on one mistyped number: it is named, and asked about.
        if !yes, TerminalChoice.stdinIsTTY, TerminalChoice.stdoutIsTTY {
            let firstLine = draft.text.split(separator: "\n").first.map(String.init) ?? ""
            let lead = "Draft \(number), \(DraftAge.describe(draft.createdAt, now: Date())): "
            print(lead + DraftsList.shorten(Sanitizer.clean(firstLine), after: lead, window: Style.terminalWidth()))
            print("Delete it for real? It can't be undone. [y/N] ", terminator: "")
            fflush(nil)
            let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard ["y", "yes"].contains(answer) else {
                print("Kept. Nothing was deleted.")
                return
            }
        }
        try StoreOpening.call { () throws(StoreError) in try store.deleteDraft(number, at: Date()) }
        print("Draft \(number) is deleted.")
    }
}

/// Plain-language ages: "just now", "3 hours ago", "2 days ago".
enum DraftAge {
    static func describe(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return plural(seconds / 60, "minute") + " ago"
        case ..<86400: return plural(seconds / 3600, "hour") + " ago"
        case ..<(86400 * 60): return plural(seconds / 86400, "day") + " ago"
        default: return plural(seconds / (86400 * 30), "month") + " ago"
        }
    }

    static func remaining(_ until: Date, now: Date) -> String {
        // Rounded, not cut: the store keeps milliseconds, so a seal of a day read back at once is 86,399.9995 s.
        let seconds = max(0, Int(until.timeIntervalSince(now).rounded()))
        // "another day", not "another 1 day" (drive-32).
        func another(_ count: Int, _ word: String) -> String { count == 1 ? "another \(word)" : "another \(count) \(word)s" }
        if seconds >= 86400 { return another((seconds + 43200) / 86400, "day") }
        if seconds >= 2700 { return another((seconds + 1800) / 3600, "hour") }
        return another(max(1, seconds / 60), "minute")
    }

    static func plural(_ count: Int, _ word: String) -> String { count == 1 ? "1 \(word)" : "\(count) \(word)s" }
}

import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent history`: past conversations, newest first.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List your past conversations, newest first: when, which, how each ended, and how long it took.",
        discussion: CommandHelp.discussion(
            "Replay one with 'unsent show' and its number. With --json, the list is printed as JSON (version 1; see README.md, \"JSON output\").",
            examples: [("unsent history --limit 5", "the last five conversations"),
                       ("unsent history --json | jq '.conversations[0].id'", "the newest one's number")],
            exits: CommandHelp.readingExits))

    @Option(help: "How many conversations to list.")
    var limit: Int = 20

    @Flag(help: "Print the list as JSON (version 1).")
    var json = false

    @OptionGroup var options: StoreOptions
    @OptionGroup var pagerOption: PagerOption

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit takes a number above 0; \(limit) is not one.") }
    }

    func run() throws {
        let store = try StoreOpening.open(options)
        let sessions = try StoreOpening.call { () throws(StoreError) in try store.sessions(limit: limit) }
        let pager = pagerOption.start()
        defer { pager?.finish() }
        if json {
            print(SessionJSON.history(sessions).text(pretty: true))
            return
        }
        guard !sessions.isEmpty else {
            print("No conversations yet. They're listed here once you've had one, such as `unsent urge`.")
            return
        }
        let numberWidth = sessions.map { String($0.id).count }.max() ?? 1
        let flowWidth = min(12, sessions.map { DisplayWidth.of(Sanitizer.clean($0.flow)) }.max() ?? 0)
        let endingWidth = sessions.map { DisplayWidth.of(SessionText.ending($0)) }.max() ?? 0
        // In a narrow window a row goes on under its date, between words (not cut mid-word by the terminal).
        let window = TerminalChoice.stdoutIsTTY ? Style.terminalWidth() : nil
        let indent = String(repeating: " ", count: numberWidth + 2)
        for session in sessions {
            let number = DisplayWidth.padded(leading: String(session.id), to: numberWidth)
            let flow = DisplayWidth.padded(String(DisplayWidth.prefix(Sanitizer.clean(session.flow), columns: 12)), to: flowWidth)
            let ending = DisplayWidth.padded(SessionText.ending(session), to: max(12, endingWidth))
            let row = "\(number)  \(SessionText.when(session.startedAt))  \(flow)  \(ending)  \(SessionText.length(session))"
            guard let window, DisplayWidth.of(row) >= window else {
                print(row)
                continue
            }
            let trimmed = row.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            for line in DisplayWidth.wrapped(trimmed, columns: window - 1, indent: indent) { print(line) }
        }
    }
}

/// `unsent show ID`: one conversation replayed.
struct ShowSession: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Replay one past conversation: the bot's lines as they were said, yours after '> '.",
        discussion: CommandHelp.discussion(
            "With --json, the conversation and its lines are printed as JSON (version 1; see README.md, \"JSON output\").",
            examples: [("unsent show 12", "conversation 12, as 'unsent history' numbers it"),
                       ("unsent show 12 --json", "the same, for a script")],
            exits: CommandHelp.readingExits))

    @Argument(help: "The conversation's number, as 'unsent history' lists it.")
    var number: Int64

    @Flag(help: "Print the conversation as JSON (version 1).")
    var json = false

    @OptionGroup var options: StoreOptions
    @OptionGroup var pagerOption: PagerOption

    func run() throws {
        let store = try StoreOpening.open(options)
        guard let session = try StoreOpening.call({ () throws(StoreError) in try store.session(number) }) else {
            throw ValidationError("There is no conversation \(number). 'unsent history' lists them with their numbers.")
        }
        let turns = try StoreOpening.call { () throws(StoreError) in try store.turns(sessionId: number) }
        let pager = pagerOption.start()
        defer { pager?.finish() }
        if json {
            print(SessionJSON.conversation(session, turns: turns).text(pretty: true))
            return
        }
        print(SessionText.title(session))
        print("")
        for turn in turns {
            let text = Sanitizer.clean(Sanitizer.removingControlSequences(turn.text), keepNewlines: true)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            switch turn.speaker {
            case .bot: print(lines.joined(separator: "\n"))
            case .person: print(lines.map { "> " + $0 }.joined(separator: "\n"))
            }
        }
    }
}

/// How sessions are described in history, show and search: local times, endings and lengths in words.
enum SessionText {
    /// "Sun 2026-03-01 23:40", in local time.
    static func when(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][((parts.weekday ?? 1) - 1) % 7]
        return weekday + " " + String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                                      parts.hour ?? 0, parts.minute ?? 0)
    }

    /// How a conversation ended, in words: never the store's code for it ("eof").
    static func ending(_ session: SessionRecord) -> String {
        ending(code: session.ending)
    }

    static func ending(code: String?) -> String {
        switch code {
        case nil: "not finished"
        case "finished": "finished"
        case "quit": "you left"
        case "interrupted": "you left"
        case "eof": "input ended"
        case "terminal-failed": "cut off"
        case "loop": "stopped"
        case "unknown-flow": "not started"
        case let other?: Sanitizer.clean(other.replacingOccurrences(of: "-", with: " "))
        }
    }

    /// "6 min", "1 h 5 min", "under a minute"; "-" when it has no end.
    static func length(_ session: SessionRecord) -> String {
        guard let end = session.endedAt else { return "-" }
        let minutes = max(0, Int(end.timeIntervalSince(session.startedAt))) / 60
        switch minutes {
        case 0: return "under a minute"
        case ..<60: return "\(minutes) min"
        default: return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
        }
    }

    /// "Conversation 12: urge, Sun 2026-03-01 23:40, finished, 6 min."
    static func title(_ session: SessionRecord) -> String {
        let length = session.endedAt == nil ? "" : ", " + length(session)
        return "Conversation \(session.id): \(Sanitizer.clean(session.flow)), \(when(session.startedAt)), \(ending(session))\(length)."
    }
}

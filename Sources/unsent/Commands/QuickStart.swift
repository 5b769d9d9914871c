import ArgumentParser
import Foundation
import UnsentCore

/// The commands a person starts most, read from `argv` by hand: the bare home menu, `--version`, `sos`
/// and `log …`. ArgumentParser costs about a millisecond at every start (it reflects over every command's
/// properties, and the Swift runtime looks up each generic type it meets); these starts skip it.
///
/// Only arguments that are plainly valid are read here: anything else — `--help`, an unknown or repeated
/// option, a value out of range, `--` — gives nil, and ArgumentParser reads the arguments as before, so
/// every message and exit status stays its own. `QuickStartTests` runs a table of argument lists both ways
/// (`UNSENT_QUICK_START=off` turns this path off) and compares output, status and what was stored.
enum QuickStart: Equatable {
    case version
    case home(SessionSettings)
    case sos(SessionSettings)
    case logMood(Int, SessionSettings)
    case logUrge(strength: Int, trigger: String, outcome: String, SessionSettings)
    case logContact(direction: String, SessionSettings)
    case logNote(String, SessionSettings)
    case statusLine(store: String?)
    case shellNudge

    /// Reads `arguments` (without the program's name); nil when ArgumentParser must read them.
    init?(_ arguments: [String]) {
        guard let first = arguments.first else {
            self = .home(SessionSettings())
            return
        }
        if arguments == ["--version"] {
            self = .version
            return
        }
        if first.hasPrefix("-") {
            guard let read = Reading(arguments[...]), read.positionals.isEmpty, read.others.isEmpty else { return nil }
            self = .home(read.settings)
            return
        }
        if first == "sos" {
            guard let read = Reading(arguments.dropFirst()), read.positionals.isEmpty, read.others.isEmpty else { return nil }
            self = .sos(read.settings)
            return
        }
        if arguments == ["shell-hook", "--nudge"] {
            // What the shell hook's snippet runs in a new shell.
            self = .shellNudge
            return
        }
        if first == "status", arguments.contains("--line") {
            // For a prompt or a status bar, at every prompt: `status --line`, with --store at most.
            guard let read = Reading(arguments.dropFirst(), flags: ["--line"]), read.positionals.isEmpty, read.others.count == 1,
                  read.settings == SessionSettings(store: read.settings.store) else { return nil }
            self = .statusLine(store: read.settings.store)
            return
        }
        guard first == "log", arguments.count > 2 else { return nil }
        let rest = arguments.dropFirst(2)
        switch arguments[1] {
        case "mood":
            guard let read = Reading(rest, settings: Reading.storeOnly), read.others.isEmpty, read.positionals.count == 1,
                  let mood = Int(read.positionals[0]), QuickLog.isMood(mood) else { return nil }
            self = .logMood(mood, read.settings)
        case "urge":
            guard let read = Reading(rest, settings: Reading.storeOnly, options: ["--trigger"], flags: ["--resisted", "--deciding", "--sent"]),
                  read.positionals.count == 1, let strength = Int(read.positionals[0]), QuickLog.isStrength(strength),
                  read.others.count <= 1 + (read.others["--trigger"] == nil ? 0 : 1) else { return nil }
            let trigger = read.others["--trigger"] ?? "other"
            let outcomes = ["--resisted", "--deciding", "--sent"].filter { read.others[$0] != nil }
            guard QuickLog.triggers.contains(trigger), outcomes.count <= 1 else { return nil }
            self = .logUrge(strength: strength, trigger: trigger, outcome: outcomes.first.map { String($0.dropFirst(2)) } ?? "resisted",
                            read.settings)
        case "contact":
            let directions = ["--from-them": "fromThem", "--from-me": "fromMe", "--planned": "planned"]
            guard let read = Reading(rest, settings: Reading.storeOnly, flags: Set(directions.keys)), read.positionals.isEmpty, read.others.count == 1,
                  let flag = read.others.keys.first, let direction = directions[flag] else { return nil }
            self = .logContact(direction: direction, read.settings)
        case "note":
            // The words may come with or without quotes, as `LogNote` takes them.
            let text = (Reading(rest)?.positionals ?? []).joined(separator: " ")
            guard let read = Reading(rest), read.others.isEmpty, QuickLog.isNote(text) else { return nil }
            self = .logNote(text, read.settings)
        default:
            return nil
        }
    }

    /// Whether the person turned this path off (`UNSENT_QUICK_START=off`), so ArgumentParser reads everything.
    static var isTurnedOff: Bool {
        getenv("UNSENT_QUICK_START").map { String(cString: $0) } == "off"
    }

    func run() throws {
        switch self {
        case .version:
            print(Unsent.version)
        case .home(let settings):
            try Conversation.run(flow: "home", settings: settings)
        case .sos(let settings):
            try Conversation.run(flow: "sos", settings: settings, extra: ["from_command": .bool(true)])
        case .logMood(let mood, let settings):
            try QuickLog.mood(mood, settings: settings)
        case .logUrge(let strength, let trigger, let outcome, let settings):
            try QuickLog.urge(strength: strength, trigger: trigger, outcome: outcome, settings: settings)
        case .logContact(let direction, let settings):
            try QuickLog.contact(direction: direction, settings: settings)
        case .logNote(let text, let settings):
            try QuickLog.note(text, settings: settings)
        case .statusLine(let store):
            try StatusLine.print(store: store, durable: false)
        case .shellNudge:
            try ShellNudge(environment: ProcessInfo.processInfo.environment, now: Date()).run(store: nil)
        }
    }

    /// The session options (`SessionOptions`, or only `--store` for a quick log that never converses), the
    /// command's own options and flags, and the positional arguments, in any order; nil at anything unknown,
    /// repeated or missing its value.
    private struct Reading {
        /// The options of every conversation command (`--durable` is left to ArgumentParser).
        static let conversation: Set<String> = ["--store", "--content", "--seed", "--wait", "--region", "--color"]
        /// The option of `log mood`, `log urge` and `log contact` (`DurableStoreOptions`, less `--durable`).
        static let storeOnly: Set<String> = ["--store"]

        var settings = SessionSettings()
        /// The command's own options (with their values) and flags (with an empty value).
        var others: [String: String] = [:]
        var positionals: [String] = []

        init?(_ arguments: ArraySlice<String>, settings sessionOptions: Set<String> = conversation,
              options: Set<String> = [], flags: Set<String> = []) {
            var seen: Set<String> = []
            var index = arguments.startIndex
            while index < arguments.endIndex {
                let argument = arguments[index]
                index += 1
                guard argument.hasPrefix("-") else {
                    positionals.append(argument)
                    continue
                }
                let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0])
                guard seen.insert(name).inserted else { return nil }
                if flags.contains(name) {
                    guard parts.count == 1 else { return nil }
                    others[name] = ""
                    continue
                }
                guard sessionOptions.contains(name) || options.contains(name) else { return nil }
                let value: String
                if parts.count == 2 {
                    value = String(parts[1])
                } else {
                    guard index < arguments.endIndex, !arguments[index].hasPrefix("-") else { return nil }
                    value = arguments[index]
                    index += 1
                }
                guard !value.isEmpty else { return nil }
                switch name {
                case "--store": settings.store = value
                case "--content": settings.content = value
                case "--seed":
                    guard let seed = UInt64(value) else { return nil }
                    settings.seed = seed
                case "--wait":
                    guard SessionSettings.seconds(of: value) != nil else { return nil }
                    settings.wait = value
                case "--region": settings.region = value
                case "--color":
                    guard let color = ColorChoice(rawValue: value) else { return nil }
                    settings.color = color
                default: others[name] = value
                }
            }
        }
    }
}

import Foundation
import UnsentCore
import UnsentStore

/// `unsent status --line`: one short line for a shell prompt or a status bar ("day 12 · check-in open"),
/// without colour, ending in one newline. A store that doesn't exist yet is not made for it.
enum StatusLine {
    static func print(store explicit: String?, durable: Bool) throws {
        let path = try StoreOpening.call { () throws(StoreError) in
            try StoreLocation.resolve(explicitPath: explicit, environment: ProcessInfo.processInfo.environment)
        }
        guard access(path, F_OK) == 0 else { return try write("no plan yet") }
        let store = try StoreOpening.open(explicit, durable: durable)
        let facts = try StoreOpening.call { () throws(StoreError) in try PlanFacts.load(store, now: Date()) }
        try write(text(facts, separator: separator(ProcessInfo.processInfo.environment)))
    }

    /// The line for the facts: "day 12 · check-in open", "day 12 · checked in", "plan starts in 3 days", "no plan yet".
    static func text(_ facts: PlanFacts, separator: String) -> String {
        guard let start = facts.start, let streaks = facts.streaks else { return "no plan yet" }
        let ahead = start.ordinal - facts.today.ordinal
        if ahead > 0 { return ahead == 1 ? "plan starts tomorrow" : "plan starts in \(ahead) days" }
        let checkIn = facts.reflectedDays.contains(facts.today) ? "checked in" : "check-in open"
        return "day \(streaks.dayNumber)" + separator + checkIn
    }

    /// " · " where the locale is UTF-8, " - " elsewhere (a prompt under LANG=C would show mojibake).
    static func separator(_ environment: [String: String]) -> String {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8") ? " · " : " - "
    }

    private static func write(_ line: String) throws {
        try StandardStream.writeOutput(line + "\n")
    }
}

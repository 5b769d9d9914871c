import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// Runs one conversation from the command line: content, store and terminal, then the flow, logged to
/// the store, with clear messages when one of them fails.
enum Conversation {
    /// The content of the conversation under way, kept to the end of the process: the process is
    /// about to exit when a conversation ends, and taking a hundred thousand small values apart
    /// one by one only to hand the memory back a moment later is work nobody waits for gladly.
    nonisolated(unsafe) private static var contentInUse: Content?

    /// A pause's length as the urge flow says it ("10 minutes", "about 2 minutes", "45 seconds"), so the person
    /// knows how long the timer runs (drive-27: a 10-minute timer started without a word of its length).
    static func spoken(seconds: Int) -> String {
        guard seconds > 0 else { return "" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = (seconds + 30) / 60
        let words = minutes == 1 ? "a minute" : "\(minutes) minutes"
        return seconds % 60 == 0 ? words : "about " + words
    }

    static func run(flow: String, options: SessionOptions, logged: Bool = true, extra: [String: Value] = [:]) throws {
        try run(flow: flow, settings: options.settings, logged: logged, extra: extra)
    }

    static func run(flow: String, settings options: SessionSettings, logged: Bool = true, extra: [String: Value] = [:]) throws {
        // Content known good (from its snapshot): the store opens on another thread while the
        // snapshot is read, the two being most of a start. Content that must be parsed may have
        // errors, and then the store is not touched: it opens after.
        var opening: (() throws -> (Store, [DraftRecord]?))?
        let content = try ContentLoading.load(options.content) {
            if logged { opening = StoreOpening.openMeanwhile(options, drafts: flow == "home") }
        }
        contentInUse = content
        let opened = logged ? try opening?() : nil
        let store = logged ? try opened?.0 ?? StoreOpening.open(options) : nil
        let isTTY = TerminalChoice.stdinIsTTY && TerminalChoice.stdoutIsTTY
        let wait = try options.waitSeconds(isTTY: isTTY, stored: try StoreOpening.setting(.wait, in: store))
        // --color wins; without it (auto), the color setting.
        let stored = try StoreOpening.setting(.color, in: store).flatMap(ColorChoice.init(rawValue:)) ?? .auto
        let terminal = TerminalChoice.make(waitRequested: options.wait != nil, color: options.color != .auto ? options.color : stored)
        let seed = options.seed ?? UInt64.random(in: 1...UInt64.max)
        // Gregorian in the local time zone, as `Calendar.current` would be here, without bringing up
        // ICU for the locale's week rules, which nothing in a conversation reads.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let runner = SessionRunner(engine: Engine(content: content, calendar: calendar), store: store, terminal: terminal)
        var variables: [String: Value] = ["wait_seconds": .number(wait), "wait_words": .text(Self.spoken(seconds: wait))]
        variables.merge(extra) { _, new in new }
        if flow == "home", let store { variables.merge(try OpenedDrafts.variables(store, found: opened?.1)) { _, new in new } }
        if let region = options.region {
            // An unknown region is never a reason to show nothing: it gets the international help.
            let known = RegionCode.code(region)
            let code = known ?? "other"
            if known == nil {
                ErrorOutput.write("unsent: there are no help lines for '\(region.lowercased())' here yet, so you'll see the international ones. "
                                  + "--region takes \(RegionCode.all.dropLast().joined(separator: ", ")) or other.")
            }
            variables["region"] = .text(code)
            try StoreOpening.call { () throws(StoreError) in try store?.setSetting("region", code) }
        }
        let ending: String
        do {
            ending = try runner.run(flow: flow, seed: seed, variables: variables)
        } catch {
            (terminal as? PipeTerminal)?.flush()
            ErrorOutput.write("unsent: " + error.description)
            throw ExitCode(3)
        }
        (terminal as? PipeTerminal)?.flush()
        if let failure = terminal.failure {
            ErrorOutput.write("unsent: " + failure.description)
            throw ExitCode(TerminalFailure.status)
        }
        // Left with Ctrl-C: everything is saved and the goodbye said, and the status says it was
        // interrupted (128 + SIGINT), as shells and scripts expect of a program stopped that way.
        if ending == "interrupted" { throw ExitCode(Int32(CommandHelp.interrupted.0)) }
    }
}

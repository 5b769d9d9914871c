import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// The tone check on its own, for a reply written somewhere else.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the tone of a reply you've written elsewhere: begging, guilt, blame, reopening, too intimate, ultimatums, over-apologising, jealousy, shouting, too long.",
        discussion: CommandHelp.discussion(
            "Give the draft in quotes, or pipe it in. Nothing is sent anywhere.",
            examples: [("unsent check \"Can you drop the kids at 5?\"", "check a short reply"),
                       ("unsent check --for logistics < draft.txt", "check a longer one, as an answer about logistics")],
            exits: [(0, "The draft reads calm."),
                    (1, "Something stands out in its tone, it has crisis language, or it is not in English (which the check cannot read)."),
                    CommandHelp.content, CommandHelp.usage, CommandHelp.stream]))

    @Argument(help: "The draft reply, in quotes. Without it, the draft is read from standard input.")
    var draft: String?

    @Option(name: .customLong("for"), help: ArgumentHelp(
        "The kind of message it answers (such as logistics, children or miss-you), so length and warmth are judged for it.",
        valueName: "kind"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("A content folder to use instead of the bundled content.", valueName: "folder"))
    var content: String?

    // Every other command takes --store; here it only says whose region the help lines are for.
    @Option(name: .long, help: ArgumentHelp(
        "The session store whose region the help lines are for, instead of $UNSENT_STORE or the default. It is only read, never made or changed.",
        valueName: "path"), completion: .file())
    var store: String?

    func run() throws {
        let loaded = try ContentLoading.load(content)
        var text = draft ?? ""
        if draft == nil {
            // On a terminal, say what is awaited (drive-31, drive-32: a blank screen read as a hang).
            if TerminalChoice.stdinIsTTY {
                StandardStream.writeError("Type or paste your draft, then press Ctrl-D on a new line to check it.\n")
            }
            text = String(decoding: try StandardStream.readAll(limit: 1 << 20), as: UTF8.self)
        }
        text = Sanitizer.removingControlSequences(text)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("There is no draft to check. Give it in quotes, or pipe it in: unsent check < draft.txt")
        }
        // A kind said in a word, as the reply flow invites ("kids", "money"), reads as its category.
        // Read as the reply flow reads a correction (drive-35: "house" and "legal" were refused though the hint
        // invites such words); not by the reader of whole messages, which takes any word ("banana") for some kind.
        var kind = self.kind
        if let said = kind, !loaded.tone.categoryIDs.contains(said),
           case .sure(let reading) = loaded.read(said, in: "reply-kinds").decision, loaded.tone.categoryIDs.contains(reading.id) {
            kind = reading.id
        }
        if let kind, !loaded.tone.categoryIDs.isEmpty, !loaded.tone.categoryIDs.contains(kind) {
            throw ValidationError("'\(kind)' is not a kind of message. "
                + (Suggestion.note(for: kind, in: loaded.tone.categoryIDs).map { $0.prefix(1).uppercased() + $0.dropFirst() + " " } ?? "")
                + "Kinds: \(loaded.tone.categoryIDs.joined(separator: ", ")).")
        }
        // Long advice lines wrap at spaces on a terminal, like the conversations do.
        let style = Style.detect(isTTY: TerminalChoice.stdoutIsTTY, environment: ProcessInfo.processInfo.environment)
        func print(_ text: String) { for line in style.wrap(text, indent: "  ") { Swift.print(line) } }
        // Crisis language comes first, even here: the help lines, and no advice on wording a
        // message that carries a threat or a goodbye.
        let verdict = loaded.safety.verdict(text)
        let crisis = verdict?.category
        if let category = crisis, category != .ambiguous {
            // Something already taken, a plan with the means or a time, someone at the door
            // (safety/urgent.rules): now, not today.
            let urgent = loaded.ruleSets["urgent"] != nil && {
                if case .sure = loaded.read(text, in: "urgent").decision { true } else { false }
            }()
            // Someone at the door is danger now, not something taken (drive-19: "hes banging on the door"
            // got the words about pills).
            let warningName = category == .danger ? "check-crisis-danger" : urgent ? "check-crisis-urgent" : "check-crisis"
            if let warning = loaded.text(warningName) ?? loaded.text("check-crisis") { print(warning) }
            for line in loaded.resources.helpLines(region: Self.savedRegion(store), kinds: category.helpKinds) { print(line) }
            throw ExitCode(1)
        }
        // Worrying but unclear words ("i want to die lol", "kms lol"): a gentle word and the lines,
        // and no advice on wording (drive-20: they were read as baiting, with no lines at all).
        // Only the model's or the reader's unsure band heard something ("whats even the point lol", drive-28): the
        // lines, said lightly, and then the tone check the person asked for.
        if crisis == .ambiguous, verdict?.unsure == true {
            if let worry = loaded.text("check-crisis-maybe") { print(worry) }
            for line in loaded.resources.helpLines(region: Self.savedRegion(store), kinds: ["crisis"]) { print(line) }
        } else if crisis == .ambiguous {
            if let worry = loaded.text("check-crisis-unsure") { print(worry) }
            for line in loaded.resources.helpLines(region: Self.savedRegion(store), kinds: ["crisis"]) { print(line) }
            throw ExitCode(1)
        }
        let flags = loaded.checkTone(text, category: kind)
        if flags.isEmpty, !LanguageGuess.readsAsEnglish(text, normalizer: loaded.normalizer) {
            print(loaded.text("tone-not-english") ?? "")
            throw ExitCode(1)
        }
        guard !flags.isEmpty else {
            print(loaded.text("check-clean") ?? "")
            return
        }
        if let intro = loaded.text("tone-intro") { print(intro) }
        for flag in flags {
            let values = ["tone_quote": Sanitizer.clean(flag.quote), "tone_advice": flag.advice, "tone_template": flag.template ?? ""]
            print("- " + (loaded.text("tone-flag", values) ?? flag.id) + " [\(flag.id)]")
            if let template = flag.template, !template.isEmpty, let example = loaded.text("tone-example", values) { print("  " + example) }
        }
        // Without --for, the suggestions are for a message nobody has to send; a co-parent has to reply.
        if kind == nil, let hint = loaded.text("check-for-hint") { print(hint) }
        if let kept = loaded.keptWords(of: text, flags: flags, category: kind), let line = loaded.text("tone-kept", ["tone_kept": Sanitizer.clean(kept)]) {
            print(line)
        }
        throw ExitCode(1)
    }
}

extension Check {
    /// The region saved in the person's store, if there is a store already (a check never makes one).
    static func savedRegion(_ explicitPath: String? = nil) -> String? {
        guard let path = try? StoreLocation.resolve(explicitPath: explicitPath, environment: ProcessInfo.processInfo.environment),
              FileManager.default.fileExists(atPath: path), let store = try? Store(path: path) else { return nil }
        return try? store.setting("region")
    }
}

struct ContentTone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tone",
        abstract: "Read one draft per line from standard input and print, for each, the tone flags it raises (comma-separated, sorted) or '-'.",
        discussion: CommandHelp.discussion(
            examples: [("unsent content tone < drafts.txt", "the flags of each draft"),
                       ("unsent content tone --for logistics < drafts.txt", "the same, judged as answers about logistics")],
            exits: [(0, "Done."), CommandHelp.content, CommandHelp.usage, CommandHelp.stream]))

    @Option(name: .customLong("for"), help: ArgumentHelp("The kind of message the drafts answer, such as logistics.", valueName: "kind"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("A content folder to use instead of the bundled content.", valueName: "folder"))
    var content: String?

    func run() throws {
        let loaded = try ContentLoading.load(content)
        var output = ""
        while let line = readLine(strippingNewline: true) {
            let flags = loaded.checkTone(Sanitizer.removingControlSequences(line), category: kind).map(\.id).sorted()
            output += (flags.isEmpty ? "-" : flags.joined(separator: ",")) + "\n"
            if output.utf8.count > 1 << 16 { try StandardStream.writeOutput(output); output = "" }
        }
        try StandardStream.writeOutput(output)
    }
}

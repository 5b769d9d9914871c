import ArgumentParser
import Foundation
import UnsentCore

/// Tools for people who write Unsent's dialogue scripts.
struct ContentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Check, test and try dialogue content (for content authors).",
        discussion: CommandHelp.discussion(
            "See Content/README.md for the format.",
            examples: [("unsent content check ~/my-content", "lint a content folder"),
                       ("unsent content play urge --content ~/my-content --seed 7", "try a flow without touching your store")],
            exits: [(0, "Done."), (1, "A check, test or walk found a problem."), CommandHelp.content, CommandHelp.usage]),
        subcommands: [ContentCheck.self, ContentTest.self, ContentMatch.self, ContentTone.self, ContentPlay.self, ContentExplore.self])
}

struct ContentCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a content folder for mistakes: syntax, unknown names, duplicates, unreachable nodes, dead ends, empty nodes, shadowed rules and samples that do not match their rule.",
        discussion: CommandHelp.discussion(
            "Warnings are printed but do not fail the check.",
            examples: [("unsent content check", "the bundled content"), ("unsent content check ~/my-content", "a folder of your own")],
            exits: [(0, "No errors."), (1, "There are errors."), (2, "The folder can't be read."), CommandHelp.usage]))

    @Argument(help: ArgumentHelp("The content folder to check. Without it, the bundled content is checked.", valueName: "folder"))
    var folder: String?

    func run() throws {
        let source: ContentSource
        do {
            source = try ContentSource.resolve(contentDirectory: folder, environment: ProcessInfo.processInfo.environment)
        } catch let failure as ValidationFailure {
            ErrorOutput.write("unsent: " + failure.description)
            throw ExitCode(2)
        }
        let content: Content
        do {
            content = try source.load()
        } catch {
            print(error.description)
            print("\(error.diagnostics.count) error(s) in \(source.scripts.count) file(s).")
            throw ExitCode(1)
        }
        var diagnostics = Linter.check(content)
        diagnostics += content.safety.lint().map { ContentLoader.attachSource($0, content.sources) }
        diagnostics += content.tone.lint().map { ContentLoader.attachSource($0, content.sources) }
        for diagnostic in diagnostics { print(diagnostic.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        print("\(errors) error(s), \(warnings) warning(s) in \(content.files.count) file(s).")
        if errors > 0 { throw ExitCode(1) }
    }
}

struct ContentTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Replay every transcript (.transcript file) in a content folder against the engine and show a line diff for each one that differs.",
        discussion: CommandHelp.discussion("""
            To re-record transcripts on purpose after changing \
            dialogue, set UNSENT_RECORD_TRANSCRIPTS=1 and name the folder: each file keeps its header and \
            person lines, and gets the bot lines the engine says now.
            """,
            examples: [("unsent content test", "the bundled transcripts"),
                       ("UNSENT_RECORD_TRANSCRIPTS=1 unsent content test ~/my-content", "re-record a folder's transcripts")],
            exits: [(0, "Every transcript passed."), (1, "A transcript failed."), CommandHelp.content, CommandHelp.usage]))

    @Argument(help: ArgumentHelp("The content folder whose transcripts to replay. Without it, the bundled content and transcripts are used.", valueName: "folder"))
    var folder: String?

    func run() throws {
        let source = try ContentSource.resolve(contentDirectory: folder, environment: ProcessInfo.processInfo.environment)
        let content = try ContentLoading.load(folder)
        let runner = TranscriptRunner(engine: Engine(content: content))
        var failed = 0
        for file in source.transcripts {
            do {
                let transcript = try Transcript.parse(path: file.path, text: file.text)
                if ProcessInfo.processInfo.environment["UNSENT_RECORD_TRANSCRIPTS"] == "1", folder != nil {
                    let header = file.text.split(separator: "\n", omittingEmptySubsequences: false)
                        .prefix { line in !(line.hasPrefix(">") || !(line.isEmpty || line.hasPrefix("#") || line.contains(":") && ["flow", "seed", "now", "set"].contains(String(line.prefix { $0 != ":" })))) }
                    let text = header.joined(separator: "\n") + "\n" + runner.play(transcript).joined(separator: "\n") + "\n"
                    try text.write(toFile: file.path, atomically: true, encoding: .utf8)
                    print("recorded \(file.path)")
                    continue
                }
                if let failure = runner.run(transcript) {
                    failed += 1
                    print("FAIL " + failure.description)
                } else {
                    print("ok   \(file.path)")
                }
            } catch let error as ContentError {
                failed += 1
                print("FAIL " + error.description)
            }
        }
        print("\(source.transcripts.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}

struct ContentMatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Read one input per line from standard input and print, for each, the id of the best card (a rule that fires, else the trained reader's best reading), a tab, and the captured words reflected back; or '-' when nothing fits.",
        discussion: CommandHelp.discussion(
            "COLLECTION is a rule set such as 'reframes', or 'safety' for the crisis check (which prints a category id, 'ambiguous' or '-').",
            examples: [("echo 'I just need closure' | unsent content match reframes", "the card a line gets"),
                       ("unsent content match safety --why < lines.txt", "the crisis check of each line, and the rule that decided")],
            exits: [(0, "Done."), CommandHelp.content, CommandHelp.usage, CommandHelp.stream]))

    @Argument(help: ArgumentHelp("The rule set to match against, or 'safety'.", valueName: "collection"))
    var collection: String

    @Option(name: .long, help: ArgumentHelp("A content folder to use instead of the bundled content.", valueName: "folder"))
    var content: String?

    @Option(name: .long, help: ArgumentHelp("Print up to this many card ids, best first and separated by commas: what the conversation would offer (one when a rule fires or the reader is sure; two or three when it would ask).", valueName: "n"))
    var top: Int?

    @Flag(name: .long, help: "For 'safety': after the category, a tab and the id of the rule that decided it ('model (0.83)' for the model), to see which rule fires. For a rule set: a third column, 'rule' when a card's own rule chose it, 'reader' when the trained reader did.")
    var why = false

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top takes 1 or more; \(top) is not.") }
    }

    func run() throws {
        let loaded = try ContentLoading.load(content)
        guard collection == "safety" || loaded.ruleSets[collection] != nil else {
            let names = ["safety"] + loaded.ruleSets.keys.sorted()
            ErrorOutput.write("unsent content match: there is no collection called '\(collection)'. "
                + (Suggestion.note(for: collection, in: names).map { $0.prefix(1).uppercased() + $0.dropFirst() + " " } ?? "")
                + "Collections: \(names.joined(separator: ", ")).")
            throw ExitCode.validationFailure
        }
        let reflector = loaded.reflector
        var output = ""
        while let typed = readLine(strippingNewline: true) {
            let line = Sanitizer.removingControlSequences(typed)
            if collection == "safety" {
                if why {
                    output += loaded.safety.explain(line).map { $0.category.rawValue + "\t" + $0.rule } ?? "-"
                    output += "\n"
                } else {
                    output += (loaded.safety.classify(line)?.rawValue ?? "-") + "\n"
                }
            } else {
                let (decision, match) = loaded.read(line, in: collection, most: top ?? 1)
                let offered = decision.offered.map(\.id)
                let captured = (match?.captures ?? []).map { Sanitizer.clean(reflector.reflect($0)) }.filter { !$0.isEmpty }
                let chooser = why ? "\t" + (match.map { $0.byReader ? "reader" : "rule" } ?? "") : ""
                if offered.isEmpty {
                    output += "-" + chooser + "\n"
                } else if top != nil {
                    output += offered.joined(separator: ",") + "\t" + captured.joined(separator: " | ") + chooser + "\n"
                } else {
                    output += offered[0] + "\t" + captured.joined(separator: " | ") + chooser + "\n"
                }
            }
            if output.utf8.count > 1 << 16 { try StandardStream.writeOutput(output); output = "" }
        }
        try StandardStream.writeOutput(output)
    }
}

struct ContentPlay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play one flow from a content folder, for authors. Nothing is written to your session store.",
        discussion: CommandHelp.discussion(
            examples: [("unsent content play urge --seed 7", "the bundled urge flow"),
                       ("unsent content play reply --content ~/my-content", "a flow of your own content")],
            exits: CommandHelp.conversationExits.filter { $0.0 != 3 }))

    @Argument(help: ArgumentHelp("The flow (or flow.node) to start.", valueName: "flow"))
    var flow: String

    @OptionGroup var options: ConversationOptions

    func run() throws {
        let content = try ContentLoading.load(options.content)
        guard ContentLinker.resolveTarget(flow, flow: nil, content: content) != nil else {
            throw ValidationError("There is no flow or node called '\(flow)'. "
                + "Flows: \(content.flowOrder.joined(separator: ", ")).")
        }
        try Conversation.run(flow: flow, settings: options.settings(store: nil, durable: false), logged: false)
    }
}

struct ContentExplore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Play many random conversations through every flow to find loops, stalls and flows that never end.",
        discussion: CommandHelp.discussion(
            examples: [("unsent content explore", "500 random walks through each bundled flow"),
                       ("unsent content explore ~/my-content --walks 2000 --seed 3", "more walks through a folder of your own")],
            exits: [(0, "No problem found."), (1, "A walk found a problem."), CommandHelp.content, CommandHelp.usage]))

    @Argument(help: ArgumentHelp("The content folder to explore. Without it, the bundled content is explored.", valueName: "folder"))
    var folder: String?

    @Option(name: .long, help: "How many random conversations to play through each flow.")
    var walks: Int = 500

    @Option(name: .long, help: "A number that fixes the random answers, so a run can be repeated.")
    var seed: UInt64 = 1

    func run() throws {
        let content = try ContentLoading.load(folder)
        let report = Explorer(engine: Engine(content: content)).explore(walks: walks, seed: seed)
        for finding in report.findings.prefix(20) { print("problem: " + finding.description) }
        let endings = report.endings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("\(report.walks) walks, \(report.steps) steps, \(report.nodesVisited.count) of \(content.nodes.count) nodes visited; endings: \(endings)")
        print("\(report.findings.count) problem(s) found.")
        if !report.findings.isEmpty { throw ExitCode(1) }
    }
}

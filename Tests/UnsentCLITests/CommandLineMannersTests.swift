import Foundation
import Testing

/// Issue 19, "Help and errors": a mistyped command gets the nearest one, each command takes only the
/// options it uses, every help has examples and exit statuses, and `unsent help COMMAND` opens the manual.
@Suite("Help and errors")
struct CommandLineMannersTests {
    /// Commands that read the store and print: `--store` only, of the session options.
    static let readingCommands: [[String]] = [["history"], ["show"], ["search"], ["export"], ["stats"], ["status"], ["drafts", "list"]]
    /// Commands that write without a conversation: `--store` and `--durable`.
    static let writingCommands: [[String]] = [["forget"], ["import"], ["drafts", "seal"], ["drafts", "delete"],
                                              ["log", "mood"], ["log", "urge"], ["log", "contact"]]
    /// Conversations: every session option.
    static let conversationCommands: [[String]] = [["home"], ["urge"], ["reply"], ["reflect"], ["start"], ["plan"], ["sos"],
                                                   ["review"], ["drafts", "show"], ["log", "note"]]
    static let conversationOptions = ["--content", "--seed", "--wait", "--region"]
    /// For content authors and exact replays: listed by --help-hidden, not by --help.
    static let authorOptions: Set<String> = ["--content", "--seed"]

    private func help(_ command: [String], flag: String = "--help") throws -> String {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(command + [flag], environment: sandbox.environment())
        try #require(run.status == 0, "stderr: \(run.errors)")
        return run.output
    }

    /// The options a command's help lists; with `hidden`, also those only --help-hidden lists.
    private func optionNames(_ command: [String], hidden: Bool = true) throws -> Set<String> {
        Set(HelpText.entries(in: try help(command, flag: hidden ? "--help-hidden" : "--help"), sections: ["OPTIONS:"]).compactMap { entry in
            entry.name.split(separator: " ").first { $0.hasPrefix("--") }.map { String($0.split(separator: "=")[0]) }
        })
    }

    @Test(arguments: [["histroy"], ["hisotry", "--limit", "3"], ["statz"], ["drafts", "shwo", "3"], ["log", "mod", "7"]])
    func aMistypedCommandNamesTheNearestOne(_ arguments: [String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let expected = ["histroy": "history", "hisotry": "history", "statz": "stats", "shwo": "drafts show", "mod": "log mood"]
        let typo = arguments.count > 1 && !arguments[1].hasPrefix("-") ? arguments[1] : arguments[0]
        let run = try BinaryRun.run(arguments, environment: sandbox.environment())
        #expect(run.status == 64)
        #expect(run.errors.contains("is not an unsent command. Did you mean '\(expected[typo] ?? "")'?"), "\(run.errors)")
        #expect(!run.errors.contains("Unexpected argument"))
        #expect(!run.errors.contains("unsent home"))
        #expect(run.output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.defaultStoreFolder))
    }

    @Test func helpForAMistypedCommandNamesTheNearestOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["help", "log", "urg"], environment: sandbox.environment())
        #expect(run.status == 64)
        #expect(run.errors.contains("'log urg' is not an unsent command. Did you mean 'log urge'?"), "\(run.errors)")
        #expect(run.output.isEmpty)
    }

    /// "foo" shares one letter with "log" (drive-36: 'Did you mean log?'): a short word gets a guess only one slip away.
    @Test(arguments: ["xyzzy", "foo"])
    func aWordNearNoCommandListsTheCommandsWithoutAGuess(_ word: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run([word], environment: sandbox.environment())
        #expect(run.status == 64)
        #expect(run.errors == "Error: '\(word)' is not an unsent command.\nSee 'unsent --help' for the commands.\n")
        // The hidden developer commands are never offered.
        #expect(!(try BinaryRun.run(["deb"], environment: sandbox.environment()).errors.contains("'dev'")))
    }

    @Test(arguments: readingCommands)
    func aCommandThatReadsTakesOnlyTheStore(_ command: [String]) throws {
        let options = try optionNames(command)
        #expect(options.contains("--store"))
        #expect(options.isDisjoint(with: Self.conversationOptions + ["--durable"]), "\(command): \(options.sorted())")
    }

    @Test(arguments: writingCommands)
    func aCommandThatWritesTakesTheStoreAndDurable(_ command: [String]) throws {
        let options = try optionNames(command)
        #expect(options.isSuperset(of: ["--store", "--durable"]))
        #expect(options.isDisjoint(with: Self.conversationOptions), "\(command): \(options.sorted())")
    }

    @Test(arguments: conversationCommands)
    func aConversationTakesEverySessionOption(_ command: [String]) throws {
        let options = try optionNames(command)
        #expect(options.isSuperset(of: Self.conversationOptions + ["--store", "--durable", "--color"]), "\(command): \(options.sorted())")
        // The plain help leaves out what only authors and replays use.
        let shown = try optionNames(command, hidden: false)
        #expect(shown.isDisjoint(with: Self.authorOptions), "\(command): \(shown.sorted())")
        #expect(shown.isSuperset(of: ["--wait", "--region", "--store"]), "\(command): \(shown.sorted())")
    }

    /// `check --for` takes the words the reply flow's corrections take (drive-35: "house", "housing" and "legal"
    /// were refused with exit 64 though the hint invites a word like "money"); a word of no kind is still refused.
    @Test(arguments: [("house", Int32(0)), ("housing", 0), ("legal", 0), ("kids", 0), ("money", 0), ("banana", 64)])
    func checkTakesAKindInAWord(_ word: String, _ status: Int32) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["check", "--for", word, "I'll pick up the papers on Friday at 5."], stdin: Data(),
                                    environment: sandbox.environment())
        #expect(run.status == status, "\(word): \(run.errors)")
    }

    @Test func anOptionACommandDoesNotUseIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["history", "--seed", "1", "--store", sandbox.store], environment: sandbox.environment())
        #expect(run.status == 64)
        #expect(run.errors.contains("--seed"))
        let play = try help(["content", "play"])
        #expect(!play.contains("--store"), "content play never writes to the store")
    }

    @Test(arguments: HelpTests.commands)
    func everyHelpHasExamplesAndExitStatuses(_ command: [String]) throws {
        let text = try help(command)
        #expect(text.contains("\nEXAMPLES:\n  ") && text.contains("unsent \(command.joined(separator: " "))"), "`unsent \(command.joined(separator: " ")) --help` has no examples")
        let statuses = text.components(separatedBy: "\nEXIT STATUS:\n").dropFirst().first ?? ""
        #expect(statuses.hasPrefix("  0    "), "`unsent \(command.joined(separator: " ")) --help` has no exit statuses")
    }

    /// A stand-in for `man` that finds the page (or not, with `found: false`) and writes its arguments to a file.
    private func fakeMan(in sandbox: Sandbox, found: Bool) throws -> (path: String, log: String) {
        let folder = sandbox.file("bin")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let log = sandbox.file("man-arguments")
        let script = """
            #!/bin/sh
            if [ "$1" = "-w" ]; then \(found ? "echo /usr/share/man/man1/unsent.1; exit 0" : "exit 16"); fi
            printf '%s\\n' "$@" > '\(log)'
            echo 'the manual'
            """
        try script.write(toFile: folder + "/man", atomically: true, encoding: .utf8)
        chmod(folder + "/man", 0o755)
        return (folder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), log)
    }

    @Test func helpOpensTheManualAtTheCommandOnATerminal() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let man = try fakeMan(in: sandbox, found: true)
        let terminal = try PseudoTerminal(["help", "log", "urge"], environment: sandbox.environment(["PATH": man.path, "TERM": "xterm"]))
        try terminal.waitFor("the manual")
        #expect(try terminal.waitForExit() == 0)
        let arguments = try String(contentsOfFile: man.log, encoding: .utf8)
        #expect(arguments == "-P\nless -R -p '^ {13}urge( |$)'\nunsent\n")

        let top = try PseudoTerminal(["help", "urge"], environment: sandbox.environment(["PATH": man.path, "TERM": "xterm"]))
        try top.waitFor("the manual")
        #expect(try top.waitForExit() == 0)
        #expect(try String(contentsOfFile: man.log, encoding: .utf8).contains("'^ {5}urge( |$)'"))
    }

    @Test func helpPrintsTheCommandsHelpWithoutTheManualOrInAPipe() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let missing = try fakeMan(in: sandbox, found: false)
        let terminal = try PseudoTerminal(["help", "urge"], environment: sandbox.environment(["PATH": missing.path, "TERM": "xterm"]))
        try terminal.waitFor("USAGE: unsent urge")
        #expect(try terminal.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: missing.log))

        let found = try fakeMan(in: sandbox, found: true)
        let piped = try BinaryRun.run(["help", "urge"], environment: sandbox.environment(["PATH": found.path]))
        #expect(piped.status == 0)
        #expect(piped.output.contains("USAGE: unsent urge"))
        #expect(piped.output.contains("EXAMPLES:"))
        #expect(!FileManager.default.fileExists(atPath: found.log))
    }
}

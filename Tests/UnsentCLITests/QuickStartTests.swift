import Foundation
import Testing

/// The most used commands are read from argv by hand (`QuickStart`), everything else by ArgumentParser.
/// For each argument list here the binary runs both ways (`UNSENT_QUICK_START=off` turns the hand-read
/// path off), each in a fresh home, and must print the same, exit the same and store the same events.
@Suite("Quick start reads arguments as ArgumentParser does")
struct QuickStartTests {
    static let quit = Data("quit\n".utf8)

    /// Argument lists the quick path takes, and near misses it must hand to ArgumentParser.
    static let cases: [[String]] = [
        ["--version"], ["--version", "--seed", "1"], ["--help"], ["-h"],
        ["--seed", "1"], ["--seed=1", "--region", "uk"], ["--seed", "x"], ["--seed", "1", "--seed", "2"],
        ["--seed", "1", "--wait", "90s"], ["--seed", "1", "--wait", "forever"], ["--seed"], ["--", "--seed", "1"],
        ["--seed", "1", "urge"], ["--colour"],
        ["sos", "--seed", "1", "--region", "uk"], ["sos", "--region=nz", "--seed=3"], ["sos", "extra"], ["sos", "--help"],
        ["log", "mood", "7"], ["log", "mood", "+7"], ["log", "mood", "11"], ["log", "mood", "seven"], ["log", "mood"],
        ["log", "mood", "-3"], ["log", "mood", "7", "8"],
        ["log", "urge", "5", "--trigger", "night", "--sent"], ["log", "urge", "--deciding", "0"], ["log", "urge", "5"],
        ["log", "urge", "5", "--trigger", "nite"], ["log", "urge", "5", "--sent", "--resisted"], ["log", "urge", "12"],
        ["log", "urge", "5", "--trigger=bored"], ["log", "urge", "5", "--trigger"],
        ["log", "contact", "--from-them"], ["log", "contact", "--from-me"], ["log", "contact", "--planned"],
        ["log", "contact"], ["log", "contact", "--from-me", "--planned"], ["log", "contact", "--from-me", "--from-me"],
        ["log", "note", "a quiet day"], ["log", "note", "--seed", "1", "a quiet day"], ["log", "note", "   "],
        ["log", "note", "a", "b"], ["log", "note", "--", "-dash"], ["log", "note", "I want to end it all", "--seed", "1"],
        ["log", "note", "went", "for", "a", "walk", "--seed", "1"], ["log", "note", "i", "took", "all", "my", "pills"],
        ["log"], ["log", "note", "--help"], ["log", "sleep", "8"],
        ["status", "--line"], ["status", "--line", "--seed", "1"], ["status", "--line", "--line"], ["status", "--line", "extra"],
        ["shell-hook", "--nudge"], ["shell-hook", "--nudge", "bash"],
        // --color on the conversations; the quick logs take --store alone of the session options.
        ["--seed", "1", "--color=never"], ["--color", "always", "--seed", "1"], ["--color", "sometimes"],
        ["sos", "--color=never", "--seed", "1"], ["log", "note", "a quiet day", "--color", "never"],
        ["log", "mood", "7", "--seed", "1"], ["log", "urge", "5", "--region", "uk"], ["log", "contact", "--from-me", "--color=never"],
        ["log", "mood", "7", "--durable"],
    ]

    struct Outcome: Equatable {
        var status: Int32
        var output: String
        var errors: String
        var events: [String]
    }

    private func outcome(_ arguments: [String], quick: Bool) throws -> Outcome {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let environment = sandbox.environment(quick ? [:] : ["UNSENT_QUICK_START": "off"])
        let run = try BinaryRun.run(arguments, stdin: Self.quit, environment: environment)
        #expect(!run.timedOut)
        let store = sandbox.defaultStoreFolder + "/unsent.sqlite"
        let events = FileManager.default.fileExists(atPath: store)
            ? try StoreQuery.column("SELECT kind || ' ' || fields FROM event ORDER BY id", in: store).map { $0 ?? "" }
            : []
        // The store's path names the sandbox; the rest must match.
        func clean(_ text: String) -> String { text.replacingOccurrences(of: sandbox.path, with: "HOME") }
        return Outcome(status: run.status, output: clean(run.output), errors: clean(run.errors), events: events)
    }

    @Test(arguments: cases)
    func bothPathsPrintExitAndStoreTheSame(_ arguments: [String]) throws {
        let quick = try outcome(arguments, quick: true)
        let parsed = try outcome(arguments, quick: false)
        #expect(quick == parsed)
    }

    /// The comparison above is only worth something if the runs did something: the lists the quick path
    /// takes must log or converse.
    @Test func theQuickPathsDoTheirWork() throws {
        #expect(try outcome(["log", "mood", "7"], quick: true).events.first?.hasPrefix("mood ") == true)
        #expect(try outcome(["log", "contact", "--planned"], quick: true).events.first?.contains("planned") == true)
        #expect(try outcome(["--version"], quick: true).output.contains("."))
        #expect(try outcome(["log", "note", "went", "for", "a", "walk"], quick: true).events.first?.contains("went for a walk") == true)
        // A mood in words is logged as the conversation would take it (drive-36: "seven" was a parser error).
        let inWords = try outcome(["log", "mood", "seven"], quick: true)
        #expect(inWords.status == 0)
        #expect(inWords.output.hasPrefix("Mood 7 logged"), "\(inWords.output)")
        #expect(try outcome(["log", "mood", "a few"], quick: true).status == 64)
        let home = try outcome(["--seed", "1"], quick: true)
        #expect(home.status == 0)
        #expect(!home.output.isEmpty)
    }
}

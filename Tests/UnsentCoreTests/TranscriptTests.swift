import Foundation
import Testing
@testable import UnsentCore

/// Transcripts: parsing the plain format, replaying it with a line diff on failure, and every
/// transcript in the bundled content replayed against the bundled content.
struct TranscriptTests {
    // MARK: Parsing

    @Test func parsesHeadersPersonLinesAndBotLines() throws {
        let transcript = try Transcript.parse(path: "t.transcript", text: """
            # A comment at the top
            flow: main
            seed: 7
            now: 2026-11-23T23:40:00Z
            set: wait_seconds = 0
            set: name = "Sam"
            set: label = plain words

            Hello.
            > hi there
            >
            # a comment in the middle
            Note: flow: is not a header any more
            How are you?\r
            """)
        #expect(transcript.path == "t.transcript")
        #expect(transcript.flow == "main")
        #expect(transcript.seed == 7)
        #expect(transcript.now == Chat.now)
        #expect(transcript.variables == ["wait_seconds": .number(0), "name": .text("Sam"), "label": .text("plain words")])
        #expect(transcript.entries == [
            .bot("Hello.", line: 9),
            .person("hi there", line: 10),
            .person("", line: 11),
            .bot("Note: flow: is not a header any more", line: 13),
            .bot("How are you?", line: 14),
        ])
    }

    @Test func aCrlfTranscriptParsesLikeAnLfOne() throws {
        let lf = "flow: main\nseed: 3\nHello.\n> hi\n>\nBye.\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try Transcript.parse(path: "t.transcript", text: lf)
        let b = try Transcript.parse(path: "t.transcript", text: crlf)
        #expect(b.flow == "main")
        #expect(b.seed == 3)
        #expect(b.entries == a.entries)
    }

    @Test func aHeaderAfterTheFirstBotLineIsABotLine() throws {
        let transcript = try Transcript.parse(path: "t.transcript", text: "Hi.\nflow: other\n")
        #expect(transcript.flow == "home")
        #expect(transcript.seed == 1)
        #expect(transcript.entries == [.bot("Hi.", line: 1), .bot("flow: other", line: 2)])
    }

    @Test(arguments: [
        ("seed: soon", "t.transcript:1:1: error: the seed must be a whole number"),
        ("seed: -1", "t.transcript:1:1: error: the seed must be a whole number"),
        ("now: yesterday", "t.transcript:1:1: error: write the time as 2026-11-23T23:40:00Z"),
        ("set: nothing", "t.transcript:1:1: error: write 'set: name = value'"),
    ])
    func aBadHeaderIsAnError(_ header: String, _ expected: String) {
        do throws(ContentError) {
            _ = try Transcript.parse(path: "t.transcript", text: header + "\nHello.\n")
            Issue.record("'\(header)' was accepted")
        } catch {
            #expect(error.description == expected)
        }
    }

    // MARK: Replaying

    static let script = TestScript.lines(
        "var wait_seconds = 10",
        "var name = \"you\"",
        "flow main",
        "  node start",
        "    say: Hello {name}.",
        "    ask mood as scale: How are you, from 0 to 10?",
        "    if mood < 5: say: Sorry to hear that.",
        "    wait wait_seconds",
        "    say: Done waiting.",
        "    ask note as lines: Anything else?",
        "    say: Bye.",
        "    end")

    static let passing = """
        flow: main
        set: name = "Sam"
        Hello Sam.
        How are you, from 0 to 10?
        > 3
        Sorry to hear that.
        Done waiting.
        Anything else?
        <lines-hint>
        > one
        > two
        >
        Bye.
        """

    static func runner() throws -> TranscriptRunner {
        TranscriptRunner(engine: Engine(content: try TestScript.load(script)))
    }

    @Test func aMatchingTranscriptPasses() throws {
        let transcript = try Transcript.parse(path: "t.transcript", text: Self.passing)
        let runner = try Self.runner()
        #expect(runner.run(transcript) == nil)
        #expect(runner.play(transcript).last == "Bye.")
    }

    @Test func aDifferentLineFailsWithALineDiff() throws {
        let text = Self.passing.replacingOccurrences(of: "Sorry to hear that.", with: "That's great.")
        let failure = try #require(try Self.runner().run(try Transcript.parse(path: "t.transcript", text: text)))
        #expect(failure.path == "t.transcript")
        #expect(failure.line == 6)
        let lines = failure.description.split(separator: "\n").map(String.init)
        #expect(lines.first == "t.transcript:6: the conversation went differently")
        #expect(lines.contains("- That's great."))
        #expect(lines.contains("+ Sorry to hear that."))
        #expect(lines.contains("  Hello Sam."))
        #expect(lines.contains("  Bye."))
        #expect(lines.count == 13)
    }

    @Test func aTranscriptThatStopsEarlyFails() throws {
        let text = Self.passing.replacingOccurrences(of: "\nBye.", with: "")
        let failure = try #require(try Self.runner().run(try Transcript.parse(path: "t.transcript", text: text)))
        #expect(failure.description.hasSuffix("  >\n+ Bye."))
        #expect(failure.line == 12)
    }

    @Test func aTranscriptExpectingMoreFails() throws {
        let failure = try #require(try Self.runner().run(try Transcript.parse(path: "t.transcript", text: Self.passing + "\nSee you.")))
        #expect(failure.description.hasSuffix("  Bye.\n- See you."))
        #expect(failure.expected.last == "See you.")
        #expect(failure.actual.last == "Bye.")
    }

    struct Diff: Sendable {
        var expected: [String]
        var actual: [String]
        var rendered: String
    }

    @Test(arguments: [
        Diff(expected: [], actual: [], rendered: ""),
        Diff(expected: ["a", "b"], actual: ["a", "b"], rendered: "  a\n  b"),
        Diff(expected: ["a", "b"], actual: ["a", "c"], rendered: "  a\n+ c\n- b"),
        Diff(expected: ["a"], actual: ["a", "b"], rendered: "  a\n+ b"),
        Diff(expected: ["a", "b"], actual: ["a"], rendered: "  a\n- b"),
        Diff(expected: ["x", "a"], actual: ["a"], rendered: "- x\n  a"),
    ])
    func lineDiff(_ diff: Diff) {
        #expect(LineDiff.render(expected: diff.expected, actual: diff.actual) == diff.rendered)
    }

    @Test func theElizaTranscriptReplays() throws {
        let content = try TestScript.load(try Repository.fixture("eliza/eliza.unsent"), file: "eliza.unsent")
        let transcript = try Transcript.parse(path: "eliza.transcript", text: try Repository.fixture("eliza/eliza.transcript"))
        let failure = TranscriptRunner(engine: Engine(content: content)).run(transcript)
        #expect(failure == nil, "\(failure?.description ?? "")")
    }

    // MARK: The bundled transcripts

    static let bundled: Result<Content, any Error> = Result { try Repository.loadContent() }

    @Test(arguments: Repository.transcriptPaths())
    func bundledTranscriptReplays(_ path: String) throws {
        let content = try Self.bundled.get()
        let transcript = try Transcript.parse(path: path, text: try Repository.read(path))
        let failure = TranscriptRunner(engine: Engine(content: content)).run(transcript)
        #expect(failure == nil, "\(failure?.description ?? "")")
    }

    @Test func everyBundledTranscriptIsReplayed() throws {
        let paths = Repository.transcriptPaths()
        let onDisk = try Repository.contentFiles().filter { $0.path.hasSuffix(".transcript") }
        #expect(paths.count == onDisk.count)
        var replayed = 0
        var failures: [String] = []
        for path in paths {
            let content = try Self.bundled.get()
            let transcript = try Transcript.parse(path: path, text: try Repository.read(path))
            if let failure = TranscriptRunner(engine: Engine(content: content)).run(transcript) {
                failures.append(failure.description)
            }
            replayed += 1
        }
        #expect(replayed == paths.count)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }
}

import Foundation
import Testing

/// `unsent content check|test|match`, and starting a conversation with broken content.
@Suite("Content commands")
struct ContentCommandTests {
    /// A copy of the repository's content folder with one extra file holding a misspelt statement.
    struct BrokenContent {
        let sandbox: Sandbox
        var folder: String { sandbox.file("content") }
        var brokenFile: String { folder + "/flows/zz-broken.flow" }

        init(_ sandbox: Sandbox) throws {
            self.sandbox = sandbox
            try FileManager.default.copyItem(atPath: UnsentBinary.contentFolder, toPath: sandbox.file("content"))
            let text = """
                # A flow with a typo on line 4.
                flow zz-broken
                  node start
                    sya: hello
                    end

                """
            try text.write(toFile: brokenFile, atomically: true, encoding: .utf8)
        }

        /// The diagnostic every command must show: location, the source line, a caret under the column.
        var expectedDiagnostic: String {
            """
            \(brokenFile):4:5: error: unknown statement 'sya'
                sya: hello
                ^
            """
        }
    }

    @Test func checkPassesOnTheBundledContent() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["content", "check"], environment: sandbox.environment())
        #expect(run.status == 0, "output: \(run.output)")
        #expect(run.lines.last?.hasPrefix("0 error(s)") == true, "output: \(run.output)")
    }

    @Test func checkFailsOnABrokenFileWithItsLocationAndACaret() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let broken = try BrokenContent(sandbox)

        let run = try BinaryRun.run(["content", "check", broken.folder], environment: sandbox.environment())

        #expect(run.status == 1)
        let all = run.output + run.errors
        #expect(all.contains(broken.expectedDiagnostic), "output: \(all)")
        #expect(all.contains(/error\(s\)/))
    }

    @Test func checkOnAMissingFolderSaysSo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let missing = sandbox.file("no-such-folder")
        let run = try BinaryRun.run(["content", "check", missing], environment: sandbox.environment())
        #expect(run.status != 0)
        #expect(run.errors.contains(missing))
    }

    @Test func startingAConversationWithBrokenContentExitsTwoWithTheLocatedError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let broken = try BrokenContent(sandbox)

        let run = try BinaryRun.run(
            ["urge", "--content", broken.folder, "--store", sandbox.store], stdin: Data("7\n".utf8),
            environment: sandbox.environment())

        #expect(run.status == 2)
        #expect(run.errors.contains(broken.expectedDiagnostic), "stderr: \(run.errors)")
        #expect(run.output.isEmpty, "stdout: \(run.output)")
        // Nothing was started, so nothing was stored.
        #expect(!FileManager.default.fileExists(atPath: sandbox.store))
    }

    @Test func transcriptsPassOnTheBundledContent() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["content", "test"], environment: sandbox.environment(), timeout: 300)
        #expect(run.status == 0, "output: \(run.output)")
        #expect(run.lines.last?.hasSuffix(" 0 failed") == true, "output: \(run.output)")
        #expect(!run.lines.contains { $0.hasPrefix("FAIL") })
    }

    @Test func aFailingTranscriptExitsOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.file("content")
        try FileManager.default.copyItem(atPath: UnsentBinary.contentFolder, toPath: folder)
        // The first flow's opening question, answered, then a bot line the engine never says.
        let transcript = """
            flow: urge
            seed: 1
            set: wait_seconds = 0
            This line is not what the bot says.

            """
        try transcript.write(toFile: folder + "/tests/zz-wrong.transcript", atomically: true, encoding: .utf8)

        let run = try BinaryRun.run(["content", "test", folder], environment: sandbox.environment(), timeout: 300)

        #expect(run.status == 1)
        #expect(run.output.contains("FAIL \(folder)/tests/zz-wrong.transcript"), "output: \(run.output)")
    }

    @Test func matchPrintsOneLinePerInputLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let inputs = ["I miss him so much", "banana", "", "i just need closure", "what is the weather like"]

        let run = try BinaryRun.run(
            ["content", "match", "reframes"], stdin: Data((inputs.joined(separator: "\n") + "\n").utf8),
            environment: sandbox.environment())

        #expect(run.status == 0, "stderr: \(run.errors)")
        try #require(run.lines.count == inputs.count, "output: \(run.output.debugDescription)")
        for line in run.lines {
            #expect(line == "-" || line.wholeMatch(of: /[a-z0-9][a-z0-9-]*\t.*/) != nil, "Not an id and captures: \(line.debugDescription)")
        }
        #expect(run.lines[0].hasPrefix("miss-them\t"))
        #expect(run.lines[0].contains("so much"))
        // Nothing the readers know: no card. An ordinary question gets the reader's best guess.
        #expect(run.lines[1] == "-")
        #expect(run.lines[2] == "-")
        #expect(run.lines[3].hasPrefix("closure\t"))
        #expect(run.lines[4] != "")
    }

    @Test func matchTopListsWhatTheConversationWouldOffer() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // A rule that fires and a card the reader is sure of give one id; a draft holding two
        // thoughts, two or three; nothing known, '-'.
        let inputs = ["i just need closure", "I miss you\rI hate you", "banana"]
        let run = try BinaryRun.run(
            ["content", "match", "reframes", "--top", "3"], stdin: Data((inputs.joined(separator: "\n") + "\n").utf8),
            environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        try #require(run.lines.count == inputs.count, "output: \(run.output.debugDescription)")
        #expect(run.lines[0].hasPrefix("closure\t"))
        let offered = try #require(run.lines[1].split(separator: "\t").first).split(separator: ",")
        #expect((2...3).contains(offered.count), "\(run.lines[1])")
        #expect(offered.contains("miss-them") && offered.contains("angry"))
        #expect(run.lines[2] == "-")
        let refused = try BinaryRun.run(["content", "match", "reframes", "--top", "0"], stdin: Data(), environment: sandbox.environment())
        #expect(refused.status == 64)
        #expect(refused.errors.contains("--top takes 1 or more"))
    }

    @Test func matchWithNoTrailingNewlineStillAnswersTheLastLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(
            ["content", "match", "reframes"], stdin: Data("banana\nI miss him".utf8), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.lines.count == 2)
        #expect(run.lines.last?.hasPrefix("miss-them\t") == true)
    }

    @Test func anUnknownCollectionGivesAHelpfulError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let run = try BinaryRun.run(["content", "match", "reframez"], stdin: Data("hi\n".utf8), environment: sandbox.environment())

        #expect(run.status != 0)
        #expect(run.status != 1, "status 1 is for content errors")
        #expect(run.errors.contains("'reframez'"), "stderr: \(run.errors)")
        #expect(run.errors.contains("Did you mean 'reframes'?"), "stderr: \(run.errors)")
        #expect(run.errors.contains("reframes"))
        #expect(run.output.isEmpty)
        // The usage shown is the match command's own, not the root's.
        #expect(run.errors.contains("unsent content match"), "stderr: \(run.errors)")
    }
}

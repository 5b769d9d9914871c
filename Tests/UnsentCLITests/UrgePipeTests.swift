import Foundation
import Testing

/// The urge flow end to end through pipes: exact output for a fixed seed, and what the store keeps.
@Suite("Urge through a pipe")
struct UrgePipeTests {
    /// The README's pipe example, read from the README, runs the flow to its end.
    @Test func theReadmePipeExampleRunsTheFlowToItsEnd() throws {
        let readme = try String(contentsOfFile: UnsentBinary.repositoryRoot + "/README.md", encoding: .utf8)
        let example = try #require(readme.split(separator: "\n").first { $0.hasPrefix("printf '") && $0.contains("| unsent urge") })
        let quoted = try #require(example.split(separator: "'", omittingEmptySubsequences: false).dropFirst().first)
        let input = quoted.replacingOccurrences(of: "\\n", with: "\n")
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["urge", "--store", sandbox.store], stdin: Data(input.utf8), environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(!run.lines.contains { $0.hasPrefix("Write at least one line") || $0.hasPrefix("A number") || $0.hasPrefix("Pick one") },
                "an answer did not fit its question:\n\(run.output)")
        #expect(run.lines.contains("Where do you land?"))
        #expect(try StoreQuery.sessions(in: sandbox.store).only?.ending == "finished")
    }

    /// A second urge the same night knows the first: its opening names the return, and the trigger is asked as
    /// An urge talked through to its end with a strength of 6, their post as the trigger, nothing added, `draft` as the
    /// message, not sealed, nothing under it, and a landing.
    static func urgeTalkedThrough(_ sandbox: Sandbox, draft: String = "hey") throws -> BinaryRun {
        try BinaryRun.run(["urge", "--store", sandbox.store, "--wait", "1s"], stdin: Data("6\n3\n\n\(draft)\n\nno\n\nno\n5\n1\n".utf8),
                          environment: sandbox.environment())
    }

    /// "the same thing?" (drive-32: the second session started from nothing and asked again what had been said).
    @Test func aSecondUrgeTheSameNightKnowsTheFirst() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try Self.urgeTalkedThrough(sandbox)
        #expect(first.status == 0, "stderr: \(first.errors)")
        #expect(!first.output.contains("You're back"))
        #expect(try StoreQuery.column("SELECT json_extract(fields, '$.trigger') FROM event WHERE kind = 'urge-ended'", in: sandbox.store) == ["saw-post"])

        let second = try BinaryRun.run(["urge", "--store", sandbox.store, "--wait", "1s"], stdin: Data("7\nyes\n".utf8),
                                       environment: sandbox.environment())
        #expect(second.lines.first == "You're back, and that's fine. Coming here instead of to them is the whole idea.", "\(second.output)")
        #expect(second.output.contains("Is it the same thing that set it off earlier?"))
        #expect(second.output.contains("A post is a highlight") || second.output.contains("What they post is the part they picked"), "\(second.output)")
    }

    /// The check-in the same day knows how strong the urge was: it says so, and does not ask again (drive-36: "9 i
    /// already told u earlier"). The store keeps it with the check-in.
    @Test func theCheckInAfterAnUrgeDoesNotAskItsStrengthAgain() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let urge = try Self.urgeTalkedThrough(sandbox)
        #expect(urge.status == 0, "stderr: \(urge.errors)")
        let reflect = try BinaryRun.run(["reflect", "--store", sandbox.store], stdin: Data("1\n5\n2\nnot much\n\n".utf8),
                                        environment: sandbox.environment())
        #expect(reflect.output.contains("You rated one a 6 with me earlier today"), "\(reflect.output)")
        #expect(!reflect.output.contains("How strong was the strongest one"))
        #expect(try StoreQuery.column("SELECT json_extract(fields, '$.strongest') FROM event WHERE kind = 'reflection'", in: sandbox.store) == ["6"])
    }

    /// A draft written on several lines is read back on them (drive-36: `drafts show` joined them into one).
    @Test func aDraftIsReadBackLineByLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let urge = try Self.urgeTalkedThrough(sandbox, draft: "line one of it\nline two here")
        #expect(urge.status == 0, "stderr: \(urge.errors)")
        let show = try BinaryRun.run(["drafts", "show", "1", "--store", sandbox.store], environment: sandbox.environment())
        let lines = show.lines
        let first = try #require(lines.firstIndex(of: "line one of it"), "\(show.output)")
        #expect(lines[first + 1] == "line two here")
    }

    @Test func theWholeFlowPrintsTheExpectedLinesAndStoresTheSession() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let golden = try GoldenTranscript("urge-seed-1.transcript")

        let run = try BinaryRun.run(
            ["urge", "--store", sandbox.store, "--seed", "1"], stdin: golden.input, environment: sandbox.environment())

        #expect(!run.timedOut)
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.errors.isEmpty)
        let session = try #require(try StoreQuery.sessions(in: sandbox.store).only)
        let turns = try StoreQuery.turns(session: session.id, in: sandbox.store)
        if Golden.recording {
            try (GoldenTranscript.render(turns: turns).joined(separator: "\n") + "\n")
                .write(toFile: Golden.folder + "/" + golden.name, atomically: true, encoding: .utf8)
            return
        }
        try Golden.expect(run.lines, matchesLines: golden.botLines, name: golden.name)

        #expect(session.flow == "urge")
        #expect(session.ending == "finished")
        #expect(session.endedAt != nil)
        #expect(session.seed == "1")
        // Turns: every bot line and every person line, in the order they happened.
        #expect(GoldenTranscript.render(turns: turns) == golden.lines,
                "Stored turns differ from the golden transcript:\n\(Golden.diff(golden.lines, GoldenTranscript.render(turns: turns)))")
        #expect(turns.filter { $0.speaker == "person" }.map(\.text) == golden.personLines)
        #expect(Set(turns.map(\.speaker)) == ["bot", "person"])

        let events = try StoreQuery.events(session: session.id, in: sandbox.store)
        #expect(events.map(\.kind) == ["urge-started", "draft-kept", "urge-ended"])
        #expect(events.first?.fields == ["intensity": "7"])
        #expect(events.dropFirst().first?.fields == ["flow": "urge"])
        let ended = try #require(events.last?.fields)
        #expect(ended["outcome"] == "resisted")
        #expect(ended["before"] == "7")
        #expect(ended["after"] == "3")
        #expect(ended["card"] == "miss-them")
        #expect(ended["trigger"] == "lonely")
        #expect(ended["practical"] == "no")
        #expect(ended.keys.contains("waited"))

        let drafts = try StoreQuery.rows("SELECT sessionId, text, deletedAt FROM draft", in: sandbox.store)
        #expect(drafts.count == 1)
        #expect(drafts.first?["text"] == "I miss you\nso much")
        #expect(drafts.first?["sessionId"] == session.id)
        #expect(drafts.first?["deletedAt"] == .some(nil))
    }

    @Test func sameSeedSameOutput() throws {
        let golden = try GoldenTranscript("urge-seed-1.transcript")
        var outputs: [[String]] = []
        for _ in 0..<2 {
            let sandbox = try Sandbox()
            defer { sandbox.remove() }
            let run = try BinaryRun.run(
                ["urge", "--store", sandbox.store, "--seed", "1"], stdin: golden.input, environment: sandbox.environment())
            #expect(run.status == 0)
            outputs.append(run.lines)
        }
        #expect(outputs[0] == outputs[1])
        #expect(!outputs[0].isEmpty)
    }

    @Test func quitMidFlowEndsWithQuit() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let run = try BinaryRun.run(
            ["urge", "--store", sandbox.store, "--seed", "1"], stdin: Data("7\nquit\n".utf8),
            environment: sandbox.environment())

        #expect(!run.timedOut)
        #expect(run.status == 0, "stderr: \(run.errors)")
        let session = try #require(try StoreQuery.sessions(in: sandbox.store).only)
        #expect(session.ending == "quit")
        #expect(session.endedAt != nil)
        let kinds = try StoreQuery.events(session: session.id, in: sandbox.store).map(\.kind)
        #expect(kinds == ["urge-started"])
        let turns = try StoreQuery.turns(session: session.id, in: sandbox.store)
        #expect(turns.filter { $0.speaker == "person" }.map(\.text) == ["7", "quit"])
        // Something was said after "quit" (a goodbye), and it was both printed and stored.
        let lastTurn = try #require(turns.last)
        #expect(lastTurn.speaker == "bot")
        #expect(run.lines.last == lastTurn.text.components(separatedBy: "\n").last)
    }

    @Test func endOfInputMidFlowEndsWithEOF() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let run = try BinaryRun.run(
            ["urge", "--store", sandbox.store, "--seed", "1"], stdin: Data("7\n".utf8), environment: sandbox.environment())

        #expect(!run.timedOut)
        #expect(run.status == 0, "stderr: \(run.errors)")
        let session = try #require(try StoreQuery.sessions(in: sandbox.store).only)
        #expect(session.ending == "eof")
        #expect(session.endedAt != nil)
        // The output is the golden run's up to the second question, nothing more.
        let golden = try GoldenTranscript("urge-seed-1.transcript")
        let secondAnswer = try #require(golden.lines.indices.filter { GoldenTranscript.isPersonLine(golden.lines[$0]) }.dropFirst().first)
        #expect(run.lines == golden.lines[..<secondAnswer].filter { !GoldenTranscript.isPersonLine($0) })
    }

    /// drive-26: `back` at the seal question returned to the message but left the first one in the
    /// drawer, beside the one written again; drive-28: taking it out lost the letter, and only the line
    /// added after `back` was kept. Its lines come back to carry on from, and one message is saved, whole.
    /// The end of input at the seal question said nothing of the seal.
    @Test func backOverASavedMessageCarriesOnFromItsLines() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = "7\n1\n\nfirst line, too angry\nsecond line\n\nback\nthird line, calmer\n\n"
        let run = try BinaryRun.run(["urge", "--store", sandbox.store, "--seed", "1"], stdin: Data(input.utf8),
                                    environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.lines.contains("What you'd written is still here. Carry on from where you were, or leave an empty line to finish."))
        let drafts = try StoreQuery.rows("SELECT id, text FROM draft", in: sandbox.store)
        #expect(drafts.map { $0["text"] ?? nil } == ["first line, too angry\nsecond line\nthird line, calmer"], "one message, whole: \(drafts)")
        #expect(drafts.map { $0["id"] ?? nil } == ["1"], "the message keeps its number (drive-29: 'There is no draft 1')")
        // Every line typed stays in the conversation's log.
        let said = try StoreQuery.column("SELECT text FROM turn WHERE speaker = 'person' ORDER BY sequence", in: sandbox.store)
        #expect(said == ["7", "1", "", "first line, too angry", "second line", "", "back", "third line, calmer", ""], "\(said)")
        // The input ended at the seal question: the person is told the message is kept, not sealed.
        #expect(run.lines.last == "Your message is in the drawer, not sealed. `unsent drafts` shows it whenever you want it.",
                "\(run.lines.suffix(3))")
    }

    @Test func emptyInputStillEndsCleanly() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let run = try BinaryRun.run(["urge", "--store", sandbox.store, "--seed", "1"], stdin: Data(), environment: sandbox.environment())

        #expect(!run.timedOut)
        #expect(run.status == 0)
        #expect(try StoreQuery.sessions(in: sandbox.store).only?.ending == "eof")
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

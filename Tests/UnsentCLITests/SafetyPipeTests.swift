import Foundation
import Testing

/// Crisis language is handled the same way when the conversation arrives through a pipe: the
/// script stops, help lines for the region are shown, the event is recorded without the words,
/// and the person chooses whether to go on.
@Suite struct SafetyPipeTests {
    /// `unsent urge` in the UK with a fixed seed, the lines of `input` typed into it.
    static func runUrge(_ input: String, in sandbox: Sandbox) throws -> BinaryRun {
        try BinaryRun.run(["urge", "--store", sandbox.store, "--region", "uk", "--seed", "3"],
                          stdin: Data(input.utf8), environment: sandbox.environment())
    }

    @Test func crisisLanguageInAPipedDraftStopsTheScript() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = "6\n1\n\ni want to kill myself\nno\n1\n"
        let run = try Self.runUrge(input, in: sandbox)
        #expect(run.status == 0)
        #expect(run.output.contains("Are you safe right now?"))
        #expect(run.output.contains("Samaritans: call 116 123"))
        #expect(run.output.contains("Emergency: call 999"))
        // The person chose to stop: the urge flow's next question never came.
        #expect(!run.output.contains("Would you like to seal it"))
        let events = try StoreQuery.column("SELECT kind || ' ' || fields FROM event WHERE kind = 'crisis'", in: sandbox.store)
        #expect(events.count == 1)
        let fields = try #require(events.first ?? nil)
        #expect(fields.contains("\"category\":\"suicide\""))
        #expect(fields.contains("\"node\":\"urge.write\""))
        // The event names the category, flow and node, never the words.
        #expect(!fields.contains("kill myself"))
        let ending = try StoreQuery.column("SELECT ending FROM session", in: sandbox.store)
        #expect(ending == ["finished"])
    }

    @Test func withoutARegionNoCountrysNumbersAreShown() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["reflect", "--store", sandbox.store], stdin: Data("sos\n".utf8), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.contains("findahelpline.com"))
        #expect(!run.output.contains("911"))
        #expect(!run.output.contains("116 123"))
    }

    @Test func sosShowsTheRegionsLinesAtOnce() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["sos", "--store", sandbox.store, "--region", "us"], stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.contains("988"))
        #expect(run.output.contains("1-800-799-7233"))
    }

    @Test func aThreatPastedFromTheExGoesToTheSafetyPath() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = "if you dont answer me ill come over and you'll regret it\n\nyes\n1\n"
        let run = try BinaryRun.run(["reply", "--store", sandbox.store, "--region", "ca"], stdin: Data(input.utf8), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.contains("Are you safe right now?"))
        #expect(!run.output.contains("Now write the reply you'd send"))
    }

    // MARK: A quick note passes the check too

    @Test func aQuickNoteWithCrisisWordsIsKeptAndAnsweredWithTheSafetySteps() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try BinaryRun.run(["sos", "--store", sandbox.store, "--region", "uk"], stdin: Data(), environment: sandbox.environment())
        let run = try BinaryRun.run(["log", "note", "i dont want to wake up tomorrow", "--store", sandbox.store],
                                    stdin: Data("no\n".utf8), environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Note logged for") == true, "output: \(run.output)")
        #expect(run.output.contains("Are you safe right now?"))
        #expect(run.output.contains("Samaritans: call 116 123"))
        #expect(!run.output.contains("Would you like to go back"), "a quick note has nothing to go back to")
        let notes = try StoreQuery.column("SELECT fields FROM event WHERE kind = 'note'", in: sandbox.store)
        #expect(notes.count == 1 && notes[0]?.contains("wake up tomorrow") == true, "the note itself is kept")
        let crisis = try StoreQuery.column("SELECT fields FROM event WHERE kind = 'crisis'", in: sandbox.store)
        #expect(crisis.count == 1)
        let fields = try #require(crisis.first ?? nil)
        #expect(fields.contains("\"category\":\"suicide\"") && fields.contains("\"node\":\"log.note\""))
        #expect(!fields.contains("wake up"))
    }

    @Test func aWorryingButUnclearNoteGetsTheGentleCheckIn() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["log", "note", "kms lol this exam", "--store", sandbox.store],
                                    stdin: Data("no\n".utf8), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.contains("Are you having any thoughts of hurting yourself"))
        #expect(try StoreQuery.column("SELECT kind FROM event WHERE kind = 'check-in'", in: sandbox.store).count == 1)
    }

    @Test func anOrdinaryNoteIsJustLogged() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["log", "note", "this song is killing me but I didn't text him", "--store", sandbox.store],
                                    stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.split(separator: "\n").count == 1, "output: \(run.output)")
        #expect(try StoreQuery.column("SELECT kind FROM event", in: sandbox.store) == ["note"])
    }

    @Test func inputEndingAtTheSafetyQuestionStillShowsWhoToReach() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // The ex threatens the person; the input ends before any answer to "are you safe?".
        let run = try BinaryRun.run(["log", "note", "he showed up outside my work again and wouldn't leave", "--store", sandbox.store,
                                     "--region", "us"], stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.contains("Are you safe right now?"))
        #expect(run.output.contains("Before you go, here is who you can reach"))
        #expect(run.output.contains("1-800-799-7233"), "the abuse line, for danger: \(run.output)")
        #expect(run.output.contains("911"))
    }

    @Test func helpLinesAlreadyShownAreNotRepeatedWhenTheInputEnds() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try Self.runUrge("6\n1\n\ni want to kill myself\nno\n", in: sandbox)
        #expect(run.status == 0)
        #expect(run.output.components(separatedBy: "Samaritans: call 116 123").count == 2, "shown once: \(run.output)")
        #expect(!run.output.contains("Before you go"))
    }

    // MARK: Found by trying it as a newcomer

    @Test func quittingAtTheSafetyQuestionStillShowsWhoToReach() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["log", "note", "I want to kill myself", "--store", sandbox.store, "--region", "uk"],
                                    stdin: Data("quit\n".utf8), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.contains("Before you go, here is who you can reach"), "output: \(run.output)")
        #expect(run.output.contains("Samaritans: call 116 123"))
    }

    @Test func theToneCheckOfADraftWithCrisisWordsGivesHelpLinesAndNoRewording() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["check", "please answer me or I'll kill myself"], stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 1, "a draft like this should never look ready to send")
        #expect(run.output.contains("findahelpline.com"), "output: \(run.output)")
        #expect(!run.output.contains("Something like:"), "no rewording of a threat: \(run.output)")
    }

    /// drive-20: worrying words said half as a joke ("i want to die lol") got tone advice as if they
    /// were a "u up" text, with no lines; they get a gentle word and the lines, and no rewording.
    @Test(arguments: ["i want to die lol", "kms lol", "i have the pills right here"])
    func theToneCheckOfWorryingButUnclearWordsGivesTheLinesAndNoAdvice(draft: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["check", draft], stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 1)
        #expect(run.output.contains("check on you") && run.output.contains("findahelpline.com"), "output: \(run.output)")
        #expect(!run.output.contains("stands out") && !run.output.contains("calm and clear"), "output: \(run.output)")
    }

    /// drive-28: words only the model's unsure band hears ("whats even the point lol") got the crisis text and no
    /// tone check; they get the lines, said lightly, and then the tone check that was asked for.
    @Test func wordsOnlyTheUnsureBandHearsGetTheLinesAndTheToneCheck() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let draft = "whats even the point lol"
        let why = try BinaryRun.run(["content", "match", "safety", "--why"], stdin: Data((draft + "\n").utf8), environment: sandbox.environment())
        try #require(why.output.contains("unsure"), "the premise: only the unsure band hears it (\(why.output))")
        let run = try BinaryRun.run(["check", draft], stdin: Data(), environment: sandbox.environment())
        #expect(run.output.contains("in case any of this comes from a heavier place") && run.output.contains("findahelpline.com"), "\(run.output)")
        #expect(run.output.contains("stands out") || run.output.contains("calm and clear"), "no tone check: \(run.output)")
    }

    /// drive-18: `check` takes --store like every other command; the help lines are for that store's region.
    @Test func theToneCheckReadsTheRegionOfTheStoreItIsGiven() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let set = try BinaryRun.run(["settings", "set", "region", "uk", "--store", sandbox.store], stdin: Data(), environment: sandbox.environment())
        #expect(set.status == 0, "\(set.errors)")
        let run = try BinaryRun.run(["check", "--store", sandbox.store, "please answer me or I'll kill myself"], stdin: Data(),
                                    environment: sandbox.environment())
        #expect(run.status == 1)
        #expect(run.output.contains("Samaritans"), "output: \(run.output)")
        let tone = try BinaryRun.run(["check", "--store", sandbox.store,
                                      "But dont you dare use Emma against me, I am NOT the one who makes things difficult and you know it."],
                                     stdin: Data(), environment: sandbox.environment())
        #expect(tone.status == 1, "hostility and blame should stand out: \(tone.output)")
        #expect(tone.output.contains("[hostility]") && tone.output.contains("[blame]"), "output: \(tone.output)")
    }

    @Test func anUnknownRegionStillGetsHelpLines() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["sos", "--store", sandbox.store, "--region", "de"], stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.output.contains("findahelpline.com"))
        #expect(run.errors.contains("'de'"))
        #expect(!run.output.contains("where we were"), "unsent sos on its own has nothing to go back to: \(run.output)")
    }

    @Test func theFollowUpAsksOnceAndThenLetsItRest() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try BinaryRun.run(["log", "note", "I want to kill myself", "--store", sandbox.store],
                              stdin: Data("yes\n".utf8), environment: sandbox.environment())
        let second = try BinaryRun.run(["--store", sandbox.store], stdin: Data("yes\nquit\n".utf8), environment: sandbox.environment())
        #expect(second.output.contains("Are you still safe right now?"))
        let third = try BinaryRun.run(["--store", sandbox.store], stdin: Data("quit\n".utf8), environment: sandbox.environment())
        #expect(!third.output.contains("Are you still safe right now?"), "asked again: \(third.output)")
    }

    /// "Not safe", or leaving at the safety question, brings the follow-up next time, as "safe" always
    /// did (drive-22: only the paths that ended "safe" asked again).
    @Test(arguments: ["no\n1\n", "menu\nquit\n", ""])
    func theNextSessionFollowsUpHoweverTheSafetyStepsEnded(answers: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try Self.runUrge("6\n1\n\ni dont want to be here anymore\n" + answers, in: sandbox)
        #expect(first.output.contains("Are you safe right now?"))
        let second = try BinaryRun.run(["--store", sandbox.store], stdin: Data("yes\nquit\n".utf8), environment: sandbox.environment())
        #expect(second.output.contains("Are you still safe right now?"), "no follow-up after \(answers.debugDescription): \(second.output)")
    }

    /// A message cut off by the safety steps is kept in the drawer when the person stops there, as it
    /// was written, the line that set them off included (drive-22: the message never reached the
    /// drawer; drive-24: a false alarm took a line out of what was written).
    @Test func aMessageCutOffByTheSafetyStepsIsKeptWhenThePersonStops() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = "6\n1\n\nplease stop coming to my work\ni dont want to be here anymore\nno\n1\n"
        let run = try Self.runUrge(input, in: sandbox)
        #expect(run.output.contains("Are you safe right now?"))
        let drafts = try StoreQuery.column("SELECT text FROM draft", in: sandbox.store)
        #expect(drafts == ["please stop coming to my work\ni dont want to be here anymore"])
    }
}

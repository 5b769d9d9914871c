import Foundation
import Testing
@testable import UnsentCore

/// A check-in cut off before it is saved (stopped at a safety check, Ctrl-C, the end of the input)
/// keeps what was answered: the reflect flow's `on-leave` node records it (the bundled flows,
/// through the real engine).
struct LeaveNodeTests {
    static func reflections(_ chat: Chat) -> [[String: String]] {
        chat.events.compactMap {
            if case .event(let kind, let fields) = $0, kind == "reflection" { fields } else { nil }
        }
    }

    static func answered(_ content: Content) -> Chat {
        var chat = SaidInPassingTests.reflect(content)
        chat.send("no")     // contact
        chat.send("4")      // mood
        chat.send("12")     // urges
        chat.send("9")      // strongest
        return chat
    }

    @Test func aCheckInStoppedAtASafetyCheckKeepsWhatWasAnswered() throws {
        var chat = Self.answered(try Repository.loadContent())
        chat.send("rough day at work")
        chat.send("gave my cat to my sister today. i wont need her where im going")
        #expect(chat.lines.contains { $0.contains("Are you safe right now?") })
        chat.send("idk")
        // No region is known: where the person is comes before the local lines (drive-22).
        #expect(chat.lines.contains { $0.contains("If you tell me where you are") })
        chat.send("somewhere else")
        chat.send("stop")
        #expect(chat.ended != nil)
        let saved = Self.reflections(chat)
        #expect(saved.count == 1)
        #expect(saved.first?["mood"] == "4")
        #expect(saved.first?["cravings"] == "12")
        #expect(saved.first?["strongest"] == "9")
        // The entry keeps every line written, the one that set the safety steps off included: the
        // words are the person's (drive-24: a false alarm took a line out of a journal entry).
        #expect(saved.first?["entry"] == "rough day at work\ngave my cat to my sister today. i wont need her where im going")
    }

    @Test func leavingMidCheckInKeepsItOnceAndAFinishedOneIsNotSavedTwice() throws {
        let content = try Repository.loadContent()
        var cut = Self.answered(content)
        cut.step(.leave(reason: "interrupted"))
        #expect(Self.reflections(cut).map { $0["mood"] } == ["4"])

        var finished = Self.answered(content)
        finished.send("a quiet day")
        finished.send("")
        #expect(Self.reflections(finished).count == 1)
        finished.step(.leave(reason: "interrupted"))     // at "one small thing for tomorrow?", after the save
        #expect(Self.reflections(finished).count == 1)
    }

    /// drive-29: a check-in left with `quit` lost its mood, urges and strongest craving, though the goodbye says
    /// everything written stays. `quit` keeps what was answered, as the end of the input does.
    @Test(arguments: ["quit", "exit"])
    func quittingMidCheckInKeepsWhatWasAnswered(command: String) throws {
        var chat = Self.answered(try Repository.loadContent())
        chat.send(command)
        #expect(chat.ended == "quit")
        let saved = Self.reflections(chat)
        #expect(saved.map { $0["mood"] } == ["4"])
        #expect(saved.first?["cravings"] == "12")
        #expect(saved.first?["strongest"] == "9")
    }

    @Test func nothingAnsweredNothingSaved() throws {
        var chat = SaidInPassingTests.reflect(try Repository.loadContent())
        chat.step(.leave(reason: "eof"))
        #expect(Self.reflections(chat).isEmpty)
    }

    @Test func anOnLeaveNodeThatAsksIsAnError() throws {
        let problems = try LinterTests.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as text: Hello?",
            "    end",
            "  node on-leave",
            "    say: bye",
            "    ask y as text: Are you sure?",
            "    end"))
        #expect(problems.contains { $0.contains("error: the node 'main.on-leave' holds 'ask'") })
        #expect(!problems.contains { $0.contains("holds 'say'") }, "a last line is allowed: \(problems)")
        #expect(!problems.contains { $0.contains("never reached") })
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// The conversation state machine: conditions, jumps, sub-flows, actions, rules, the commands
/// that work in any question, and determinism.
struct EngineTests {
    // MARK: Variables and conditions

    static let conditionVariables = TestScript.lines(
        "var a = 3",
        "var b = 7",
        "var name = \"Sam\"",
        "var flag = true",
        "var nothing")

    @Test(arguments: [
        ("a < b", true), ("a > b", false), ("a <= 3", true), ("a >= 4", false),
        ("a == 3", true), ("a != 3", false), ("a is 3", true), ("a is not 3", false),
        ("name is \"sam\"", true), ("name is not \"Sam\"", false), ("name", true),
        ("a + b == 10", true), ("b - a is 4", true), ("b - a - 1 == 3", true), ("a - 5 < 0", true),
        ("a > 1 and b > 1", true), ("a > 5 and b > 5", false), ("a > 5 or b > 5", true), ("a > 5 or b > 9", false),
        ("not flag", false), ("not not flag", true), ("flag and a is 3", true), ("a > 1 and not (b < 1)", true),
        ("nothing", false), ("nothing is none", true), ("not nothing", true), ("flag is true", true),
        ("(a > 5 or b > 5) and name is \"Sam\"", true),
    ])
    func condition(_ condition: String, _ holds: Bool) throws {
        let chat = try Chat(Self.conditionVariables + TestScript.lines(
            "flow main",
            "  node start",
            "    if \(condition): say: yes",
            "    else: say: no",
            "    end"))
        #expect(chat.lines == [holds ? "yes" : "no"])
    }

    @Test(arguments: [(1, "one"), (2, "two or three"), (3, "two or three"), (9, "many")])
    func ifElseIfElse(_ value: Int, _ branch: String) throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask n as number: How many?",
            "    if n is 1:",
            "      say: one",
            "    else if n is 2 or n is 3:",
            "      say: two or three",
            "    else:",
            "      say: many",
            "    say: after",
            "    end"))
        #expect(chat.send(String(value)) == [branch, "after"])
    }

    @Test func setComputesFromOtherVariables() throws {
        let chat = try Chat(Self.conditionVariables + TestScript.lines(
            "flow main",
            "  node start",
            "    set total = a + b",
            "    set total = total - 1",
            "    set label = name",
            "    say: {total} {label} {flag} {nothing}.",
            "    end"))
        #expect(chat.lines == ["9 Sam yes ."])
        #expect(chat.variable("total") == .number(9))
    }

    @Test func variablesFromOutsideOverrideDefaults() throws {
        let chat = try Chat(Self.conditionVariables + TestScript.lines(
            "flow main",
            "  node start",
            "    say: {name} {a}",
            "    end"), variables: ["name": .text("Ana")])
        #expect(chat.lines == ["Ana 3"])
    }

    @Test func defaultsMayUseEarlierDefaults() throws {
        let chat = try Chat(TestScript.lines(
            "var a = 1",
            "var b = a + 1",
            "var c = b + 1",
            "var d = c + 1",
            "var e = d + 1",
            "flow main",
            "  node start",
            "    say: {a} {b} {c} {d} {e}",
            "    end"))
        #expect(chat.lines == ["1 2 3 4 5"])
    }

    @Test func aVariableShownBackIsMadeSafeForTheTerminal() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as text: Say something.",
            "    say: You said {x}.",
            "    end"))
        // Escape sequences typed by the person are dropped whole before anything reads the line.
        #expect(chat.send("\u{1B}[31mred") == ["You said red."])
        // A lone control character that is not part of a sequence is shown as a visible mark.
        var other = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as text: Say something.",
            "    say: You said {x}.",
            "    end"))
        #expect(other.send("bell\u{07}ring") == ["You said bell\u{FFFD}ring."])
    }

    // MARK: Jumps and sub-flows

    static let callScript = TestScript.lines(
        "flow main",
        "  node start",
        "    say: before",
        "    call breathe",
        "    say: after",
        "    call breathe.again",
        "    say: done",
        "    end",
        "flow breathe",
        "  node start",
        "    say: in",
        "    ask ready as yesno: Ready?",
        "    if not ready: goto again",
        "    return",
        "  node again",
        "    say: once more",
        "    return")

    @Test func callRunsASubFlowAndComesBack() throws {
        var chat = try Chat(Self.callScript)
        #expect(chat.lines == ["before", "in", "Ready?"])
        #expect(chat.state.node == "breathe.start")
        #expect(chat.send("yes") == ["after", "once more", "done"])
        #expect(chat.ended == "finished")
    }

    @Test func aGotoInsideASubFlowStillReturnsToTheCaller() throws {
        var chat = try Chat(Self.callScript)
        #expect(chat.send("no") == ["once more", "after", "once more", "done"])
    }

    @Test func gotoReachesNodesAndOtherFlows() throws {
        let chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    say: main",
            "    goto other",
            "  node last",
            "    say: back in main",
            "    end",
            "flow other",
            "  node first",
            "    say: other first",
            "    go to other.third",
            "  node second",
            "    say: never",
            "    end",
            "  node third",
            "    say: other third",
            "    goto main.last"))
        #expect(chat.lines == ["main", "other first", "other third", "back in main"])
        #expect(chat.state.node == "main.last")
    }

    @Test func endFinishesAndLaterInputDoesNothing() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    say: bye",
            "    end",
            "    say: never"))
        #expect(chat.lines == ["bye"])
        #expect(chat.ended == "finished")
        #expect(chat.state.ended)
        #expect(chat.send("hello") == [])
        #expect(chat.outputs.isEmpty)
    }

    @Test func runningOffTheEndOfTheLastFrameFinishes() throws {
        let chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    say: just this"))
        #expect(chat.lines == ["just this"])
        #expect(chat.ended == "finished")
    }

    @Test func aConversationCanStartAtANode() throws {
        let chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    say: start",
            "    end",
            "  node later",
            "    say: later",
            "    end"), flow: "main.later")
        #expect(chat.lines == ["later"])
    }

    @Test func returnOutsideACallFinishes() throws {
        let chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    say: one",
            "    return",
            "    say: never"))
        #expect(chat.lines == ["one"])
        #expect(chat.ended == "finished")
    }

    @Test func anUnknownStartFlowEndsAtOnce() throws {
        let chat = try Chat(TestScript.lines("flow main", "  node start", "    end"), flow: "nowhere")
        #expect(chat.ended == "unknown-flow")
    }

    @Test func anInfiniteLoopEndsWithReasonLoop() throws {
        let chat = try Chat(TestScript.lines(
            "flow main",
            "  node a",
            "    set n = 1",
            "    goto b",
            "  node b",
            "    if n > 0: goto a",
            "    end"))
        #expect(chat.ended == "loop")
        #expect(chat.state.ended)
    }

    // MARK: Actions

    @Test func recordProducesAnEventWithItsFields() throws {
        var chat = try Chat(TestScript.lines(
            "event urge: level, note, late",
            "event ping",
            "flow main",
            "  node start",
            "    ask level as scale: How strong?",
            "    record urge level = level, note = \"at night\", late = level > 5",
            "    record ping",
            "    end"))
        chat.send("7")
        #expect(chat.events == [
            .event(kind: "urge", fields: ["level": "7", "note": "at night", "late": "yes"]),
            .event(kind: "ping", fields: [:]),
        ])
    }

    @Test func saveDraftKeepsTheText() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask message as text: What would you send?",
            "    save draft message",
            "    save draft \"\"",
            "    end"))
        chat.send("I miss you")
        #expect(chat.drafts == ["I miss you"])
    }

    static let waitScript = TestScript.lines(
        "var wait_seconds = 30",
        "flow main",
        "  node start",
        "    say: breathe",
        "    wait wait_seconds",
        "    say: waited {waited}, skipped {wait_skipped}",
        "    end")

    @Test func waitPausesUntilTheTimerEnds() throws {
        var chat = try Chat(Self.waitScript)
        #expect(chat.lines == ["breathe"])
        #expect(chat.outputs.contains(.wait(seconds: 30)))
        #expect(chat.state.isWaitingForTimer)
        #expect(chat.state.prompt == nil)
        #expect(chat.step(.waited(seconds: 30, skipped: false)) == ["waited 30, skipped no"])
        #expect(chat.ended == "finished")
    }

    @Test func aLineDuringAWaitSkipsIt() throws {
        var chat = try Chat(Self.waitScript)
        #expect(chat.send("") == ["waited 0, skipped yes"])
    }

    @Test func quitWorksDuringAWaitToo() throws {
        var chat = try Chat(Self.waitScript)
        #expect(chat.send("quit") == ["<goodbye>"])
        #expect(chat.ended == "quit")
    }

    @Test func waitedWithoutAWaitIsIgnored() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as text: Hi?",
            "    end"))
        #expect(chat.step(.waited(seconds: 5, skipped: false)) == [])
        #expect(chat.state.prompt?.text == "Hi?")
    }

    @Test func leaveEndsWithItsReason() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as text: Hi?",
            "    end"))
        chat.step(.leave(reason: "end-of-input"))
        #expect(chat.ended == "end-of-input")
        #expect(chat.state.ended)
    }

    // MARK: Rules

    static let matchScript = TestScript.lines(
        "flow main",
        "  node feel",
        "    ask line as text: How do you feel?",
        "    match line with talk",
        "    say: matched {matched}",
        "    goto other",
        "  node other",
        "    ask line as text: Anything else?",
        "    match line with talk",
        "    say: matched {matched}",
        "    goto other",
        "rules talk",
        "  rule low",
        "    when: * miss *",
        "    say: low",
        "  rule high",
        "    rank: 5",
        "    when: * miss him *",
        "    say: high",
        "  rule first-tie",
        "    rank: 2",
        "    when: * sorry *",
        "    say: first tie",
        "  rule second-tie",
        "    rank: 2",
        "    when: * [sorry|apologise] *",
        "    say: second tie",
        "  rule tired-here",
        "    rank: 9",
        "    after: main.feel",
        "    when: * tired *",
        "    say: tired, right after the first question",
        "  rule leave",
        "    when: * goodbye *",
        "    say: leaving",
        "    goto bye",
        "  fallback",
        "    say: fallback",
        "flow bye",
        "  node start",
        "    end")

    @Test(arguments: [
        ("I miss him so much", ["high", "matched high"]),
        ("I miss her", ["low", "matched low"]),
        ("sorry", ["first tie", "matched first-tie"]),
        ("I apologise", ["second tie", "matched second-tie"]),
        ("the weather is nice", ["fallback", "matched fallback"]),
        ("so tired", ["tired, right after the first question", "matched tired-here"]),
    ])
    func matchPicksTheBestRule(_ input: String, _ expected: [String]) throws {
        var chat = try Chat(Self.matchScript)
        #expect(chat.send(input) == expected + ["Anything else?"])
    }

    @Test func anAfterRuleAppliesOnlyAfterItsQuestion() throws {
        var chat = try Chat(Self.matchScript)
        chat.send("hello")
        #expect(chat.send("so tired") == ["fallback", "matched fallback", "Anything else?"])
    }

    @Test func aGotoInARuleLeavesTheNodeThatMatched() throws {
        var chat = try Chat(Self.matchScript)
        #expect(chat.send("goodbye then") == ["leaving"])
        #expect(chat.ended == "finished")
        #expect(chat.state.node == "bye.start")
    }

    // MARK: Commands in any question

    static let twoQuestions = TestScript.lines(
        "flow main",
        "  node start",
        "    ask a as scale: First?",
        "    set total = a",
        "    ask b as scale: Second?",
        "      hint: Just a number.",
        "    set total = total + b",
        "    say: total {total}",
        "    end",
        "flow home",
        "  node menu",
        "    say: home menu",
        "    ask pick as yesno: Start again?",
        "    end")

    @Test func helpSaysHelpAndTheHintAndAsksAgain() throws {
        var chat = try Chat(Self.twoQuestions)
        #expect(chat.send("help") == ["<help>", "<hint-scale>", "First?"])
        chat.send("3")
        #expect(chat.send("HELP") == ["<help>", "Just a number.", "Second?"])
        #expect(chat.send("?") == ["<help>", "Just a number.", "Second?"])
    }

    @Test func helpDoesNotUseUpARetry() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask a as scale: First?",
            "      retries: 1",
            "    end"))
        chat.send("x")
        chat.send("help")
        chat.send("help")
        #expect(chat.send("y") == ["<retry-limit>"])
    }

    @Test func backReturnsToThePreviousQuestionAndRestoresVariables() throws {
        var chat = try Chat(Self.twoQuestions)
        #expect(chat.send("3") == ["Second?"])
        #expect(chat.variable("total") == .number(3))
        #expect(chat.send("back") == ["First?"])
        #expect(chat.variable("a") == nil)
        #expect(chat.variable("total") == nil)
        #expect(chat.send("5") == ["Second?"])
        #expect(chat.send("4") == ["total 9"])
    }

    @Test func backWithNothingBeforeSaysSo() throws {
        var chat = try Chat(Self.twoQuestions)
        #expect(chat.send("back") == ["<back-none>", "First?"])
    }

    @Test func backTwiceGoesTwoQuestionsBack() throws {
        var chat = try Chat(Self.twoQuestions + TestScript.lines(
            "flow three",
            "  node start",
            "    ask a as text: One?",
            "    ask b as text: Two?",
            "    ask c as text: Three?",
            "    end"), flow: "three")
        chat.send("x")
        chat.send("y")
        #expect(chat.send("back") == ["Two?"])
        #expect(chat.send("back") == ["One?"])
        #expect(chat.send("back") == ["<back-none>", "One?"])
    }

    @Test func menuGoesHome() throws {
        var chat = try Chat(Self.twoQuestions)
        chat.send("3")
        #expect(chat.send("menu") == ["home menu", "Start again?"])
        #expect(chat.state.node == "home.menu")
    }

    @Test func menuWithoutAHomeFlowSaysSo() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask a as scale: First?",
            "    end"))
        #expect(chat.send("menu") == ["<menu-missing>", "First?"])
    }

    @Test(arguments: ["quit", "QUIT", "exit", " quit "])
    func quitLeavesInTheMiddleOfAFlow(_ command: String) throws {
        var chat = try Chat(Self.twoQuestions)
        chat.send("3")
        #expect(chat.send(command) == ["<goodbye>"])
        #expect(chat.ended == "quit")
        #expect(chat.state.ended)
        #expect(chat.state.prompt == nil)
        #expect(chat.send("4") == [])
    }

    @Test func aQuestionInsideARuleIsAnsweredThere() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask line as text: Say?",
            "    match line with talk",
            "    say: back in the node with {followup}",
            "    end",
            "rules talk",
            "  rule hi",
            "    when: hi *",
            "    ask followup as yesno: Hi. Good day?",
            "  fallback",
            "    set followup = \"nothing\""))
        #expect(chat.send("hi there") == ["Hi. Good day?"])
        #expect(chat.send("yes") == ["back in the node with yes"])
    }

    @Test func sosRunsTheSosFlowAndAsksAgain() throws {
        var chat = try Chat(Self.twoQuestions)
        #expect(chat.send("sos") == ["<sos>", "First?"])
        #expect(chat.send("2") == ["Second?"])
    }

    // MARK: Determinism

    static let shuffleScript = TestScript.lines(
        "flow main",
        "  node start",
        "    say shuffle:",
        "      - one",
        "      - two",
        "      - three",
        "      - four",
        "      - five",
        "    ask x as text: Again?",
        "    goto start")

    static func play(seed: UInt64) throws -> [Output] {
        var chat = try Chat(shuffleScript, seed: seed)
        for input in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"] { chat.send(input) }
        return chat.history
    }

    @Test func theSameSeedAndInputsGiveTheSameConversation() throws {
        for seed: UInt64 in [1, 7, 42, 1234567] {
            #expect(try Self.play(seed: seed) == Self.play(seed: seed))
        }
    }

    @Test func differentSeedsGiveDifferentOrders() throws {
        let conversations = try (1...6).map { try Self.play(seed: UInt64($0)) }
        #expect(Set(conversations.map { Chat.render($0) }).count > 1)
    }

    @Test func theEngineDoesNotChangeThePreviousState() throws {
        var chat = try Chat(Self.twoQuestions)
        let before = chat.state
        chat.send("3")
        let (again, outputs) = chat.engine.step(before, .line("3"), now: Chat.now)
        #expect(Chat.render(outputs) == ["Second?"])
        #expect(again.variables == chat.state.variables)
    }
}

import Foundation
import Testing

/// The readline path: the binary on a pseudo-terminal, typed at like a person would.
/// What the bot should say is taken from a pipe run with the same seed, so these tests check the
/// terminal behaviour, not the dialogue.
@Suite("On a terminal", .serialized)
struct TerminalTests {
    static let prompt = "› "
    static var colourSequences: Regex<Substring> { /\x1B\[[0-9;]*m/ }

    /// A terminal run of `unsent` with TERM set and a store in the sandbox.
    static func start(_ arguments: [String], sandbox: Sandbox, extra: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal(
            arguments + ["--store", sandbox.store, "--seed", "1"],
            environment: sandbox.environment(["TERM": "xterm-256color"].merging(extra) { _, new in new }))
    }

    /// What a pipe run prints for the same flow and seed after typing `typed` (in a fresh store).
    static func pipeLines(_ arguments: [String], typed: [String]) throws -> [String] {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = typed.isEmpty ? Data() : Data((typed.joined(separator: "\n") + "\n").utf8)
        let run = try BinaryRun.run(
            arguments + ["--store", sandbox.store, "--seed", "1"], stdin: input, environment: sandbox.environment())
        return run.lines
    }

    /// The lines a pipe run adds when `line` is typed at the first question.
    static func linesAfterFirstAnswer(_ arguments: [String], answer: String) throws -> [String] {
        let before = try pipeLines(arguments, typed: [])
        let after = try pipeLines(arguments, typed: [answer])
        try #require(after.count > before.count && Array(after.prefix(before.count)) == before)
        return Array(after.dropFirst(before.count))
    }

    /// Terminal output with escape sequences and carriage returns removed and all whitespace
    /// (including line breaks from wrapping) collapsed, for comparing with pipe output.
    static func flattened(_ text: String) -> String {
        // Work on scalars: in a String, "\r\n" is one Character and escapes sit inside words.
        let plain = withoutEscapes(text)
        var result = String.UnicodeScalarView()
        for scalar in plain.unicodeScalars {
            if scalar.properties.isWhitespace {
                if result.last != " " { result.append(" ") }
            } else {
                result.append(scalar)
            }
        }
        return String(result).trimmingCharacters(in: .whitespaces)
    }

    /// Text with CSI escape sequences (colour, cursor, bracketed-paste mode) removed.
    static func withoutEscapes(_ text: String) -> String {
        text.replacing(/\x1B\[[0-9;?]*[A-Za-z]/.matchingSemantics(.unicodeScalar), with: "")
    }

    static func session(_ sandbox: Sandbox) throws -> StoreQuery.Session {
        try #require(try StoreQuery.sessions(in: sandbox.store).only)
    }

    /// What the person typed in the sandbox's only session, in order.
    static func personTurns(_ sandbox: Sandbox) throws -> [String] {
        try StoreQuery.turns(session: try session(sandbox).id, in: sandbox.store).filter { $0.speaker == "person" }.map(\.text)
    }

    /// An urge conversation with a 60-second timer, answered up to the timer and waiting at its countdown.
    /// An urge conversation at the draft: the strength, a trigger and nothing added are answered.
    static func startInALetter(_ sandbox: Sandbox) throws -> PseudoTerminal {
        let terminal = try start(["urge", "--wait", "1s"], sandbox: sandbox)
        try terminal.waitFor(prompt)
        try terminal.type("6\r")
        try terminal.waitFor("Something else")
        try terminal.type("1\r")
        try terminal.waitFor("Or just Enter")
        try terminal.type("\r")
        try terminal.waitFor("Leave an empty line")
        return terminal
    }

    /// In a letter whose first line is "first line of my letter", `cleared` typed on the next line and cleared with Ctrl-C.
    static func startInALetterWithALineCleared(_ cleared: String, _ sandbox: Sandbox) throws -> PseudoTerminal {
        let terminal = try startInALetter(sandbox)
        try terminal.type("first line of my letter\r")
        terminal.settle(0.3)
        try terminal.type(cleared)
        try terminal.waitFor(String(cleared.suffix(8)))
        try pressControlCToClearTheLine(terminal)
        try terminal.waitFor("Up arrow brings it back")
        terminal.settle(0.3)
        return terminal
    }

    static func startAtTheTimer(_ sandbox: Sandbox) throws -> PseudoTerminal {
        let terminal = try start(["urge", "--wait", "60s"], sandbox: sandbox)
        for answer in ["5", "1", "", "hey i miss you", "", "no", "", "no"] {
            try terminal.waitFor(prompt)
            try terminal.type(answer + "\r")
        }
        return terminal
    }

    /// Presses Ctrl-C with text on the line and waits for the binary to act on it (it echoes "^C").
    static func pressControlCToClearTheLine(_ terminal: PseudoTerminal) throws {
        try terminal.type("\u{03}")
        do {
            try terminal.waitFor("^C", timeout: 3)
        } catch {
            throw PseudoTerminal.Failure(description: "Ctrl-C was not acted on within 3 s (the binary should clear the line "
                + "at once, not only when the next key arrives). \(error)")
        }
    }

    @Test func answeringTheFirstQuestionShowsTheNextOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let expected = try Self.linesAfterFirstAnswer(["urge"], answer: "7")
        let terminal = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox)

        try terminal.waitFor(Self.prompt)
        try terminal.type("7\r")
        let shown = try terminal.waitFor(Self.prompt)

        let flat = Self.flattened(shown)
        #expect(flat.contains(Self.flattened(expected.joined(separator: "\n"))), "Shown: \(shown.debugDescription)\nExpected: \(expected)")
        // Everything fits the 80-column window.
        for line in Self.withoutEscapes(terminal.text).components(separatedBy: "\r\n") {
            #expect(line.count <= 80, "Line wider than the terminal: \(line.debugDescription)")
        }
        try terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        // Ctrl-D at a terminal leaves with the goodbye, as quit and Ctrl-C twice do (drive-18: a silent
        // exit read as a crash); the end of a pipe only closes (UrgePipeTests).
        #expect(Self.flattened(Self.withoutEscapes(terminal.text)).contains("Everything you wrote stays here on this computer. Go gently."))
    }

    @Test func upArrowRecallsTheLastLineInThisRunAndTheNext() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        do {
            let first = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox)
            try first.waitFor(Self.prompt)
            try first.type("help\r")
            try first.waitFor("help")
            try first.waitFor(Self.prompt)
            first.settle(0.3)
            try first.type("\u{1B}[A")
            // Readline redraws the prompt line with the recalled text.
            try first.waitFor("help", timeout: 5)
            try Self.pressControlCToClearTheLine(first)
            try first.type("\u{04}")
            #expect(try first.waitForExit() == 0)
        }
        let history = try StoreQuery.column("SELECT line FROM history ORDER BY id", in: sandbox.store)
        #expect(history == ["help"])

        let second = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox)
        try second.waitFor(Self.prompt)
        second.settle(0.3)
        try second.type("\u{1B}[A")
        let recalled = try second.waitFor("help", timeout: 5)
        #expect(!recalled.contains("\u{07}"), "The terminal rang the bell: no history to recall")
        try second.type("\r")
        try second.waitFor(Self.prompt)
        try second.type("\u{04}")
        #expect(try second.waitForExit() == 0)
        // The recalled line was submitted as typed.
        let sessions = try StoreQuery.sessions(in: sandbox.store)
        let turns = try StoreQuery.turns(session: try #require(sessions.last).id, in: sandbox.store)
        #expect(turns.filter { $0.speaker == "person" }.map(\.text) == ["help"])
    }

    /// Words typed during the urge timer are shown as they are typed, and Enter takes them to the question
    /// after it, where they are read (and checked) like any answer and kept (drive-25: they were thrown away).
    @Test func wordsTypedDuringTheTimerAnswerTheQuestionAfterIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.startAtTheTimer(sandbox)
        // The timer's length is said before it starts (drive-27).
        try terminal.waitFor("a minute on the timer")
        try terminal.waitFor("breathe in")
        try terminal.type("its like a 4x")
        try terminal.type("\u{7F} now")
        try terminal.waitFor("a 4 now")
        try terminal.type("\r")
        try terminal.waitFor("From 5 to 4")
        try terminal.waitFor(Self.prompt)
        try terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try Self.personTurns(sandbox).contains("its like a 4 now"))
    }

    /// Words typed during the timer that do not answer the question after it are kept and said so, and the
    /// question is asked as it is, without "A number is enough" (drive-27).
    @Test func wordsTypedDuringTheTimerThatAnswerNothingAreKept() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.startAtTheTimer(sandbox)
        try terminal.waitFor("breathe in")
        try terminal.type("it is hard. I think he has a new girl\r")
        try terminal.waitFor("I've kept what you wrote while the timer ran.")
        try terminal.waitFor(Self.prompt)
        try terminal.type("4\r")
        try terminal.waitFor("From 5 to 4")
        try terminal.waitFor(Self.prompt)
        try terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(!Self.flattened(Self.withoutEscapes(terminal.text)).contains("A number is enough"))
        #expect(try Self.personTurns(sandbox).contains("it is hard. I think he has a new girl"))
    }

    @Test func controlDAtAnEmptyPromptLeavesCleanly() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox)

        try terminal.waitFor(Self.prompt)
        try terminal.type("\u{04}")

        #expect(try terminal.waitForExit() == 0)
        let session = try Self.session(sandbox)
        #expect(session.ending == "eof")
        #expect(session.endedAt != nil)
        // The terminal is left on a fresh line.
        #expect(terminal.text.unicodeScalars.last == "\n", "Output ends: \(String(terminal.text.suffix(40)).debugDescription)")
    }

    @Test func controlCClearsTheLineThenTwiceAtAnEmptyPromptLeaves() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let expected = try Self.linesAfterFirstAnswer(["urge"], answer: "7")
        let terminal = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox)

        try terminal.waitFor(Self.prompt)
        try terminal.type("some text")
        try terminal.waitFor("some text")
        try Self.pressControlCToClearTheLine(terminal)
        try terminal.waitFor(Self.prompt)
        terminal.settle(0.5)
        #expect(kill(terminal.pid, 0) == 0, "The binary left after one Ctrl-C")
        // The line was cleared: what is typed next is the whole answer.
        try terminal.type("7\r")
        let shown = try terminal.waitFor(Self.prompt)
        #expect(Self.flattened(shown).contains(Self.flattened(expected.joined(separator: "\n"))), "Shown: \(shown.debugDescription)")

        terminal.settle(0.3)
        try terminal.type("\u{03}")
        try terminal.waitFor("Ctrl-C")
        terminal.settle(0.3)
        #expect(kill(terminal.pid, 0) == 0, "The binary left after one Ctrl-C at an empty prompt")
        try terminal.type("\u{03}")
        #expect(try terminal.waitForExit() == 130, "Ctrl-C twice leaves with 128 + SIGINT, as an interrupted program does")

        let session = try Self.session(sandbox)
        #expect(session.ending == "interrupted")
        #expect(terminal.text.contains("Go gently."), "no goodbye after Ctrl-C twice: \(terminal.text.suffix(300).debugDescription)")
        let turns = try StoreQuery.turns(session: session.id, in: sandbox.store)
        #expect(turns.filter { $0.speaker == "person" }.map(\.text) == ["7"])
    }

    /// drive-20: leaving with Ctrl-C in the middle of a message lost its lines, though the goodbye
    /// says the session is saved; they are kept in the drawer as a draft, as at the end of input.
    @Test func controlCTwiceInTheMiddleOfAMessageKeepsItsLines() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.startInALetter(sandbox)
        try terminal.type("first line of my letter to u\r")
        terminal.settle(0.3)
        try terminal.type("\u{03}")
        try terminal.waitFor("Ctrl-C")
        terminal.settle(0.3)
        try terminal.type("\u{03}")
        #expect(try terminal.waitForExit() == 130)
        let drafts = try StoreQuery.column("SELECT text FROM draft", in: sandbox.store)
        #expect(drafts.contains { $0?.contains("first line of my letter to u") == true }, "drafts: \(drafts)")
        #expect(try Self.session(sandbox).ending == "interrupted")
    }

    /// drive-36: in a letter, the first Ctrl-C silently lost the line being typed, and on the way out a seal question
    /// was shown that was never waited for. The cleared line is said, can come back with Up, and is kept in the
    /// draft when the presses after it leave; nothing is asked on the way out.
    @Test func aLineClearedWithControlCIsKeptWhenTheConversationIsLeft() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.startInALetterWithALineCleared("i was gonna say sorry abt the", sandbox)
        #expect(kill(terminal.pid, 0) == 0, "one Ctrl-C on a typed line left")
        try terminal.type("\u{03}")
        try terminal.waitFor("Ctrl-C again")
        try terminal.type("\u{03}")
        #expect(try terminal.waitForExit() == 130)
        let drafts = try StoreQuery.column("SELECT text FROM draft", in: sandbox.store).compactMap { $0 }
        #expect(drafts == ["first line of my letter\ni was gonna say sorry abt the"], "drafts: \(drafts)")
        #expect(!terminal.textSinceMark.contains("seal it"), "asked on the way out: \(terminal.textSinceMark.debugDescription)")
    }

    /// drive-37: Up after a cleared line brought the line before it (and Down the cleared one), so a letter got a
    /// line twice. Up brings the cleared line back.
    @Test func upBringsTheClearedLineBack() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.startInALetterWithALineCleared("like do u even think abt", sandbox)
        try terminal.type("\u{1b}[A")
        terminal.settle(0.3)
        try terminal.type(" me\r")
        terminal.settle(0.3)
        try terminal.type("\u{03}")
        try terminal.waitFor("Ctrl-C again")
        try terminal.type("\u{03}")
        #expect(try terminal.waitForExit() == 130)
        let drafts = try StoreQuery.column("SELECT text FROM draft", in: sandbox.store).compactMap { $0 }
        #expect(drafts == ["first line of my letter\nlike do u even think abt me"], "drafts: \(drafts)")
    }

    /// A message pasted without bracketed paste keeps its paragraphs: a blank line with the next one already
    /// arriving is a break inside the paste; the Enter typed after it ends the answer (drive-32: the message
    /// was cut at its first blank line, and the rest answered the questions after it).
    @Test func aPastedMessageKeepsItsBlankLines() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.start(["reply"], sandbox: sandbox)
        try terminal.waitFor("Leave an empty line")
        try terminal.type("Ken, I am so sick of this. You were late again.\r\rI am not doing this anymore.\r\rAlso the conference is on the 14th at 4:15.\r")
        terminal.settle(1)
        #expect(!Self.flattened(terminal.text).contains("tell me in a word or two"), "the paste was ended early: \(Self.flattened(terminal.text))")
        try terminal.type("\r")
        // The message is read: its kind is said, or asked about.
        terminal.settle(1.5)
        let read = Self.flattened(terminal.text)
        #expect(read.contains("tell me in a word or two") || read.contains("closest to"), "\(read)")
        try terminal.type("\u{04}")
        _ = try terminal.waitForExit()
        let said = try Self.personTurns(sandbox).joined(separator: "\n")
        #expect(said.contains("You were late again.\n\nI am not doing this anymore.\n\nAlso the conference is on the 14th at 4:15."), "\(said)")
    }

    @Test func controlCAfterClearingALineDoesNotLeaveAtOnce() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox)

        try terminal.waitFor(Self.prompt)
        try terminal.type("some text")
        try terminal.waitFor("some text")
        try Self.pressControlCToClearTheLine(terminal)
        try terminal.waitFor(Self.prompt)
        terminal.settle(0.3)
        // One Ctrl-C at the now-empty prompt: the first of the two that leave, so it only warns.
        try terminal.type("\u{03}")
        terminal.settle(0.8)
        #expect(kill(terminal.pid, 0) == 0, "One Ctrl-C at an empty prompt left the conversation")
        #expect(terminal.textSinceMark.contains("Ctrl-C again"), "Output: \(terminal.textSinceMark.debugDescription)")
        try terminal.type("\u{04}")
        _ = try terminal.waitForExit()
    }

    @Test func tabCompletesTheHomeMenuChoices() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.start([], sandbox: sandbox)

        // A first run offers to set up a plan; say no to reach the menu.
        try terminal.waitFor(Self.prompt)
        try terminal.type("no\r")
        try terminal.waitFor("What would help right now?")
        try terminal.waitFor(Self.prompt)
        try terminal.type("ref")
        try terminal.waitFor("ref")
        try terminal.type("\t")
        try terminal.waitFor("lect", timeout: 5)
        try terminal.type("\r")
        try terminal.waitFor(Self.prompt)
        try terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        let session = try Self.session(sandbox)
        let typed = try StoreQuery.turns(session: session.id, in: sandbox.store).filter { $0.speaker == "person" }.map(\.text)
        #expect(typed.map { $0.trimmingCharacters(in: .whitespaces) }.prefix(2) == ["no", "reflect"])
    }

    @Test func colourOnATerminal() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox)

        try terminal.waitFor(Self.prompt)
        try terminal.type("\u{04}")
        _ = try terminal.waitForExit()

        #expect(terminal.text.contains("\u{1B}[1m") || terminal.text.contains("\u{1B}[36m"), "No colour: \(terminal.text.debugDescription)")
    }

    @Test func aNarrowWindowWrapsMenusAtWordsWithTheirNumbers() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try PseudoTerminal(["home", "--store", sandbox.store, "--seed", "1"],
                                          environment: sandbox.environment(["TERM": "xterm-256color", "NO_COLOR": "1"]), columns: 40)
        try terminal.waitFor(Self.prompt)
        // The hint after a first Ctrl-C wraps too (at 50 columns it broke mid-word: "save / d.").
        try terminal.type("\u{03}")
        try terminal.waitFor("Ctrl-C again")
        try terminal.waitFor(Self.prompt)
        try terminal.type("n\r")
        try terminal.waitFor("Nothing for now")
        try terminal.waitFor(Self.prompt)
        try terminal.type("\u{04}")
        _ = try terminal.waitForExit()

        // What the window shows: without the terminal's own control sequences (readline's, not ours).
        let shown = terminal.text.replacing(/\x1B\[[0-9;?]*[A-Za-z]/, with: "").replacingOccurrences(of: "\r", with: "")
        let lines = shown.components(separatedBy: "\n")
        let wide = lines.filter { $0.count > 39 }
        #expect(wide.isEmpty, "lines wider than the window: \(wide)")
        // The long choice breaks between words, and its second line lines up under the text.
        let first = try #require(lines.firstIndex { $0.hasPrefix("  2. They reached out") })
        #expect(lines[first + 1].hasPrefix("     ") && !lines[first + 1].hasPrefix("      "), "\(lines[first...].prefix(2))")
        #expect(!lines[first].hasSuffix(" ") && lines[first + 1].dropFirst(5).first?.isLetter == true, "\(lines[first...].prefix(2))")
    }

    @Test(arguments: [["NO_COLOR": "1"], ["TERM": "dumb"]])
    func noColourWhenAskedNotTo(_ extra: [String: String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try Self.start(["urge", "--wait", "1s"], sandbox: sandbox, extra: extra)

        try terminal.waitFor(Self.prompt)
        try terminal.type("7\r")
        try terminal.waitFor(Self.prompt)
        try terminal.type("\u{04}")
        _ = try terminal.waitForExit()

        let colours = terminal.text.matches(of: Self.colourSequences).map { String(terminal.text[$0.range]) }
        #expect(colours.isEmpty, "Colour sequences with \(extra): \(colours)")
        #expect(!terminal.text.contains("\u{1B}[36m") && !terminal.text.contains("\u{1B}[1m"))
    }
}

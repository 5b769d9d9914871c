import Foundation
import Testing

/// Whatever bytes are typed or pasted, the binary neither crashes nor writes escape sequences.
@Suite("Odd input")
struct OddInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var draft: [UInt8]
        var testDescription: String { name }
    }

    static let escape: UInt8 = 0x1B

    static let cases: [Case] = [
        Case(name: "invalid UTF-8", draft: Array("I miss ".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80] + Array(" you".utf8)),
        Case(name: "NUL bytes", draft: Array("I miss".utf8) + [0x00] + Array(" you".utf8) + [0x00]),
        Case(name: "1 MiB line", draft: Array("I miss ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 1 << 20)),
        Case(name: "SGR colour", draft: Array("I miss \u{1B}[31myou\u{1B}[0m so much".utf8)),
        Case(name: "OSC title", draft: Array("I miss \u{1B}]0;owned\u{07}you".utf8)),
        Case(name: "cursor movement and clear screen", draft: Array("I miss you\u{1B}[2J\u{1B}[H\u{1B}[10A".utf8)),
        Case(name: "C1 control and bell", draft: Array("I miss \u{9B}31m you\u{07}\u{08}\u{08}".utf8)),
        // (One thought on both sides of the return: two ("I miss you", "I hate you") would have the
        // reader ask which is closer, and the golden conversation's answers would no longer line up.)
        Case(name: "carriage return overwrite", draft: Array("I miss you\rI need you".utf8)),
    ]

    @Test(arguments: cases)
    func typedAsTheDraftNoCrashAndNoEscapeBytes(_ odd: Case) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // The golden conversation, with the odd bytes as the whole draft.
        let golden = try GoldenTranscript("urge-seed-1.transcript")
        let typed = golden.personLines
        let draftStart = try #require(typed.firstIndex(of: "I miss you"), "The golden transcript's draft starts with 'I miss you'.")
        try #require(typed[draftStart + 1] == "so much" && typed[draftStart + 2] == "")
        let before = typed[..<draftStart].map { Array(($0 + "\n").utf8) }.joined()
        let after = typed[(draftStart + 2)...].map { Array(($0 + "\n").utf8) }.joined()
        let input = Array(before) + odd.draft + Array("\n".utf8) + Array(after)

        let run = try BinaryRun.run(
            ["urge", "--store", sandbox.store, "--seed", "1"], stdin: Data(input), environment: sandbox.environment(),
            timeout: 120)

        #expect(!run.timedOut)
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(!run.stdout.contains(Self.escape), "stdout has an ESC byte: \(run.output.debugDescription)")
        #expect(!run.output.unicodeScalars.contains("\u{9B}"), "stdout has a C1 CSI")
        #expect(!run.stdout.contains(0x07), "stdout has a bell")
        #expect(!run.stdout.contains(0x00), "stdout has a NUL")
        // The conversation went all the way through.
        let session = try #require(try StoreQuery.sessions(in: sandbox.store).only)
        #expect(session.ending == "finished")
        #expect(try StoreQuery.column("SELECT count(*) FROM draft", in: sandbox.store) == ["1"])
    }

    @Test func escapesInTheMatchCommandAreNeutralisedToo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = "I miss \u{1B}[31mhim\u{1B}[0m\nI miss \u{1B}]0;owned\u{07}him\n"

        let run = try BinaryRun.run(["content", "match", "reframes"], stdin: Data(input.utf8), environment: sandbox.environment())

        #expect(run.status == 0)
        #expect(run.lines.count == 2)
        #expect(!run.stdout.contains(Self.escape), "stdout: \(run.output.debugDescription)")
        #expect(!run.stdout.contains(0x07))
    }

    @Test func escapeSequencesAreRemovedWholeNotLeftAsDebris() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let run = try BinaryRun.run(
            ["content", "match", "reframes"], stdin: Data("I miss \u{1B}[31mhim\u{1B}[0m\n".utf8),
            environment: sandbox.environment())

        #expect(run.status == 0)
        // The person typed "him" in red; what is reflected back is the word (as for plain "I miss him"), not "31mhim 0m".
        #expect(run.lines == ["miss-them\thim"], "output: \(run.output.debugDescription)")
    }

    @Test(arguments: [["NO_COLOR": "1"], ["NO_COLOR": "1", "TERM": "xterm-256color"], ["TERM": "xterm-256color"]])
    func noColourInAPipe(_ extra: [String: String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let golden = try GoldenTranscript("urge-seed-1.transcript")

        let run = try BinaryRun.run(
            ["urge", "--store", sandbox.store, "--seed", "1"], stdin: golden.input, environment: sandbox.environment(extra))

        #expect(run.status == 0)
        #expect(!run.stdout.contains(Self.escape))
        #expect(!run.stderr.contains(Self.escape))
        try Golden.expect(run.lines, matchesLines: golden.botLines, name: golden.name)
    }
}

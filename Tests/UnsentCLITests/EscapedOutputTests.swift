import Foundation
import Testing

/// Text the person (or the ex, pasted) wrote, and values typed on the command line, never reach
/// the terminal as control sequences: not in an export of any format, not in an error message.
@Suite("Escaped output")
struct EscapedOutputTests {
    /// A clipboard write (OSC 52), a title change, a screen clear, a C1 CSI, a C1 NEL and a
    /// right-to-left override, around ordinary words.
    static let payload = "calm \u{1B}]52;c;aGVsbG8=\u{07}\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m\u{85}\u{202E}words"

    /// Every byte or character that would act on a terminal or reorder text, found in `text`.
    static func hidden(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x0A && value != 0x0D && value != 0x09) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
        }.map { String(format: "U+%04X", $0.value) }
    }

    /// A store with the payload in a logged note (kept as typed) and in a draft, whose typed
    /// escape sequences the conversation drops but whose C1 and direction characters it keeps.
    static func storeWithPayload(_ sandbox: Sandbox) throws {
        let note = try BinaryRun.run(["log", "note", payload, "--store", sandbox.store], environment: sandbox.environment())
        try #require(note.status == 0, "stderr: \(note.errors)")
        // The golden conversation, with the payload as the whole draft (as OddInputTests types it).
        let typed = try GoldenTranscript("urge-seed-1.transcript").personLines
        let draftStart = try #require(typed.firstIndex(of: "I miss you"))
        let input = (typed[..<draftStart] + [payload] + typed[(draftStart + 2)...]).map { $0 + "\n" }.joined()
        let urge = try BinaryRun.run(["urge", "--store", sandbox.store, "--seed", "1"], stdin: Data(input.utf8),
                                     environment: sandbox.environment())
        try #require(urge.status == 0, "stderr: \(urge.errors)")
    }

    @Test(arguments: ["json", "csv", "markdown"])
    func anExportShowsNoControlCharacters(_ format: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.storeWithPayload(sandbox)
        let run = try BinaryRun.run(["export", "--format", format, "--store", sandbox.store], environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.output.contains("words"), "the payload's text is missing: \(run.output)")
        #expect(Self.hidden(run.output).isEmpty, "\(format) export holds \(Self.hidden(run.output))")
    }

    /// The JSON export escapes them (`\u001b`, `\u009b`, `\u202e`), so it still reads back as the same text.
    @Test func theJSONExportStillReadsBackAsTheSameText() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.storeWithPayload(sandbox)
        let run = try BinaryRun.run(["export", "--store", sandbox.store], environment: sandbox.environment())
        #expect(run.output.contains("\\u009b") && run.output.contains("\\u202e") && run.output.contains("\\u0085"))
        let document = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        let events = try #require(document["events"] as? [[String: Any]])
        let texts = events.compactMap { ($0["fields"] as? [String: String])?["text"] }
        #expect(texts.contains(Self.payload), "notes: \(texts.map(\.debugDescription))")
        let drafts = try #require(document["drafts"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        #expect(drafts.contains("calm \u{85}\u{202E}words"), "drafts: \(drafts.map(\.debugDescription))")
    }

    /// In CSV the same characters are written as `\u001b` and the like.
    @Test func theCSVExportWritesThemAsEscapes() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.storeWithPayload(sandbox)
        let run = try BinaryRun.run(["export", "--format", "csv", "--store", sandbox.store], environment: sandbox.environment())
        #expect(run.output.contains("calm \\u0085\\u202ewords"), "stdout: \(run.output)")
    }

    static let echoed = "x\u{1B}]52;c;aGk=\u{07}\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m\u{202E}y"

    /// Commands whose error (or warning) repeats a value given on the command line.
    static let echoingCommands: [[String]] = [
        ["urge", "--region", echoed],
        ["urge", "--wait", echoed],
        ["check", "--for", echoed, "I'll pick up the kids at 5."],
        ["log", "urge", "5", "--trigger", echoed],
        ["status", "--store", "STORE_IN_A_FILE/" + echoed + ".sqlite"],
        [echoed],
        ["drafts", echoed],
        ["import", "SANDBOX/" + echoed + ".json"],
        ["export", "--out", "SANDBOX/no-such-folder/" + echoed],
    ]

    @Test(arguments: echoingCommands)
    func anEchoedValueIsShownWithoutItsControlCharacters(_ arguments: [String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try "".write(toFile: sandbox.file("a-file"), atomically: true, encoding: .utf8)
        var arguments = arguments.map {
            $0.replacingOccurrences(of: "STORE_IN_A_FILE", with: sandbox.file("a-file"))
                .replacingOccurrences(of: "SANDBOX", with: sandbox.path)
        }
        if !arguments.contains("--store"), arguments.first != "check" { arguments += ["--store", sandbox.store] }
        let run = try BinaryRun.run(arguments, stdin: Data(), environment: sandbox.environment())
        #expect(!run.errors.isEmpty, "nothing was said about the value")
        #expect(run.errors.contains("owned"), "the value is not shown: \(run.errors)")
        #expect(Self.hidden(run.errors).isEmpty, "stderr holds \(Self.hidden(run.errors)): \(run.errors.debugDescription)")
        #expect(Self.hidden(run.output).isEmpty, "stdout holds \(Self.hidden(run.output))")
    }
}

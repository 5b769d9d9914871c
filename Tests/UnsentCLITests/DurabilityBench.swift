import Foundation
import Testing

/// A sandbox holding a copy of the bundled content plus `flows/bench.flow`, an endless loop that asks for a
/// line and answers it with a reframe card: a long conversation that writes one step per line.
struct DurabilityBench {
    static let flow = """
        flow bench
          node loop
            ask line as text: Say something.
            match line with reframes
            goto loop

        """
    /// The bench flow's question, printed (and stored as a bot turn) before every line it reads.
    static let prompt = "Say something."

    let sandbox: Sandbox
    var content: String { sandbox.file("content") }

    init() throws {
        sandbox = try Sandbox()
        try FileManager.default.copyItem(atPath: UnsentBinary.contentFolder, toPath: content)
        try Self.flow.write(toFile: content + "/flows/bench.flow", atomically: true, encoding: .utf8)
    }

    func remove() { sandbox.remove() }

    /// The arguments of one bench session on `store`.
    func arguments(store: String) -> [String] {
        ["dev", "run", "bench", "--content", content, "--store", store, "--seed", "1"]
    }

    /// `count` distinct person lines, tagged so each can be found in the store: "<tag> <n>: <sentence>".
    /// Plain sentences only: no menu word, nothing the safety check or a command would take.
    static func lines(tag: String, count: Int) -> [String] {
        let sentences = [
            "I miss the way we talked", "I keep thinking about the night we met", "she posted a photo from the beach",
            "just one more text would help", "I want to call him tonight", "the keys and the money for the dog",
            "I am so lonely on sundays", "why did it end like that", "my friends think I should block her",
            "we used to cook together", "he liked my story today", "nothing matches this line at all",
        ]
        return (0..<count).map { "\(tag) \($0): \(sentences[$0 % sentences.count])" }
    }

    /// Every bot line as printed: each stored bot turn split at its line breaks.
    static func printedLines(ofBotTurns turns: [(speaker: String, text: String)]) -> [String] {
        turns.filter { $0.speaker == "bot" }
            .flatMap { $0.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Checks what a session printed against what it stored: the printed lines are a prefix of the stored
    /// bot lines (a line cut by the kill a prefix of the next one), the stored person lines are the first
    /// lines fed, in order, and every line whose answer began to print is among them.
    static func expectPrintedIsStored(
        stdout: String, turns: [(speaker: String, text: String)], fed: [String], context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var printed = stdout.components(separatedBy: "\n")
        // The piece after the last newline is a line the kill cut short (or nothing).
        let partial = printed.removeLast()
        let stored = printedLines(ofBotTurns: turns)
        #expect(printed.count <= stored.count,
                "\(context): \(printed.count) lines printed but only \(stored.count) bot lines stored",
                sourceLocation: sourceLocation)
        if let mismatch = zip(printed, stored).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("\(context): printed line \(mismatch.offset) \(mismatch.element.0.debugDescription) is stored as \(mismatch.element.1.debugDescription)",
                         sourceLocation: sourceLocation)
        }
        if !partial.isEmpty {
            let next = printed.count < stored.count ? stored[printed.count] : ""
            #expect(next.hasPrefix(partial), "\(context): the cut line \(partial.debugDescription) is not stored",
                    sourceLocation: sourceLocation)
        }

        let person = turns.filter { $0.speaker == "person" }.map(\.text)
        #expect(person == Array(fed.prefix(person.count)),
                "\(context): the stored person lines are not the first ones fed, in order", sourceLocation: sourceLocation)
        // Line k is answered once something follows the k-th prompt; the (k+1)-th prompt is part of its answer.
        let prompts = printed.filter { $0 == prompt }.count
        let somethingAfterLastPrompt = (printed.last.map { $0 != prompt } ?? false) || !partial.isEmpty
        let answered = prompts == 0 ? 0 : prompts - 1 + (somethingAfterLastPrompt && printed.last != nil ? 1 : 0)
        #expect(person.count >= answered,
                "\(context): \(answered) person lines were answered on screen but only \(person.count) are stored",
                sourceLocation: sourceLocation)
    }

    /// `PRAGMA integrity_check` through the sqlite3 tool.
    static func integrity(of store: String) throws -> [String?] {
        try StoreQuery.column("PRAGMA integrity_check", in: store)
    }

    /// The turns of one session, in order.
    static func turns(session: String, in store: String) throws -> [(speaker: String, text: String)] {
        try StoreQuery.turns(session: session, in: store)
    }
}

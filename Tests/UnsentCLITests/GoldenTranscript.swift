import Foundation

/// A golden conversation in the content transcript shape: bot lines as they are printed, and the
/// person's lines as `> text` (a lone `>` for an empty line). It gives both the input to pipe in
/// and the output to expect.
struct GoldenTranscript {
    let name: String
    let lines: [String]

    init(_ name: String) throws {
        self.name = name
        lines = try Golden.lines(name)
    }

    static func isPersonLine(_ line: String) -> Bool { line == ">" || line.hasPrefix("> ") }

    /// What the person types, one line each, ready for stdin.
    var input: Data {
        let typed = lines.filter(Self.isPersonLine).map { String($0.dropFirst(2)) }
        return Data((typed.joined(separator: "\n") + "\n").utf8)
    }

    /// The person's lines, in order.
    var personLines: [String] { lines.filter(Self.isPersonLine).map { String($0.dropFirst(2)) } }

    /// What the bot prints through a pipe.
    var botLines: [String] { lines.filter { !Self.isPersonLine($0) } }

    /// Renders stored turns (speaker, text) in the same shape, for comparison with `lines`.
    static func render(turns: [(speaker: String, text: String)]) -> [String] {
        turns.flatMap { turn -> [String] in
            if turn.speaker == "person" { return [turn.text.isEmpty ? ">" : "> " + turn.text] }
            return turn.text.components(separatedBy: "\n")
        }
    }
}

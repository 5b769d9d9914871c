import Foundation

/// Replays a transcript against the engine and reports the first difference as a line diff.
public struct TranscriptRunner: Sendable {
    public let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var expected: [String]
        public var actual: [String]

        public var description: String {
            var text = "\(path):\(line): the conversation went differently\n"
            text += LineDiff.render(expected: expected, actual: actual)
            return text
        }
    }

    /// Every bot line the transcript's inputs produce, in order, plus the person's lines as `> text`.
    public func play(_ transcript: Transcript) -> [String] {
        var lines: [String] = []
        // The shell gives the local hour as a fact; a transcript's clock is UTC, so its hour is the `now` header's.
        var variables = transcript.variables
        if variables["hour"] == nil { variables["hour"] = .number(Engine.utcCalendar.component(.hour, from: transcript.now)) }
        var (state, outputs) = engine.start(transcript.flow, seed: transcript.seed, variables: variables, now: transcript.now)
        lines += outputs.flatMap(PlainRenderer.lines).filter { !$0.trimmingSpaces().isEmpty }
        for entry in transcript.entries {
            guard case .person(let text, _) = entry else { continue }
            lines.append(text.isEmpty ? ">" : "> " + text)
            if state.isWaitingForTimer {
                (state, outputs) = engine.step(state, .waited(seconds: 0, skipped: true), now: transcript.now)
                lines += outputs.flatMap(PlainRenderer.lines).filter { !$0.trimmingSpaces().isEmpty }
            }
            (state, outputs) = engine.step(state, .line(text), now: transcript.now)
            // A pause with no one waiting: in a replay the wait is over at once.
            while state.isWaitingForTimer {
                lines += outputs.flatMap(PlainRenderer.lines).filter { !$0.trimmingSpaces().isEmpty }
                (state, outputs) = engine.step(state, .waited(seconds: 0, skipped: transcript.skipWaits), now: transcript.now)
            }
            lines += outputs.flatMap(PlainRenderer.lines).filter { !$0.trimmingSpaces().isEmpty }
        }
        return lines
    }

    public func run(_ transcript: Transcript) -> Failure? {
        let actual = play(transcript)
        let expected: [String] = transcript.entries.map { entry in
            switch entry {
            case .person(let text, _): text.isEmpty ? ">" : "> " + text
            case .bot(let text, _): text
            }
        }
        guard actual != expected else { return nil }
        let firstDifference = Array(zip(expected, actual)).firstIndex { $0.0 != $0.1 } ?? min(expected.count, actual.count)
        let line: Int = {
            guard firstDifference < transcript.entries.count else { return transcript.entries.last.map(Self.lineOf) ?? 1 }
            return Self.lineOf(transcript.entries[firstDifference])
        }()
        return Failure(path: transcript.path, line: line, expected: expected, actual: actual)
    }

    static func lineOf(_ entry: Transcript.Entry) -> Int {
        switch entry {
        case .person(_, let line), .bot(_, let line): line
        }
    }
}

/// A unified-style line diff: ` ` same, `-` expected only, `+` actual only.
public enum LineDiff {
    public static func render(expected: [String], actual: [String]) -> String {
        let n = expected.count, m = actual.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = expected[i] == actual[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var i = 0, j = 0
        var out: [String] = []
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] { out.append("  " + expected[i]); i += 1; j += 1 }
            else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] { out.append("+ " + actual[j]); j += 1 }
            else { out.append("- " + expected[i]); i += 1 }
        }
        return out.joined(separator: "\n")
    }
}

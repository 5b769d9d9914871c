import Foundation

/// A recorded conversation to replay: settings, then `> person line` and the bot lines expected after it.
///
/// ```
/// # A low urge, resisted.
/// flow: urge
/// seed: 7
/// now: 2026-11-23T23:40:00Z
/// set: wait_seconds = 0
/// waits: skip
/// It's late, and you came here first.
/// > 3
/// ...
/// ```
/// Blank lines and `#` comments are ignored. `>` alone sends an empty line.
public struct Transcript: Sendable {
    public enum Entry: Sendable, Hashable {
        case person(String, line: Int)
        case bot(String, line: Int)
    }

    public var path: String
    public var flow: String
    public var seed: UInt64
    public var now: Date
    public var variables: [String: Value]
    public var entries: [Entry]
    /// `waits: skip` replays every timed pause as cut short with Enter; by default they run out.
    public var skipWaits = false

    public static func parse(path: String, text: String) throws(ContentError) -> Transcript {
        var transcript = Transcript(path: path, flow: "home", seed: 1, now: Date(timeIntervalSince1970: 1_795_000_000),
                                    variables: [:], entries: [])
        var lineNumber = 0
        var inHeader = true
        let text = text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingSpaces().isEmpty || line.hasPrefix("#") { continue }
            let location = SourceLocation(file: path, line: lineNumber, column: 1)
            if inHeader, let colon = line.firstIndex(of: ":") {
                let key = String(line[..<colon])
                let value = line[line.index(after: colon)...].trimmingSpaces()
                switch key {
                case "flow": transcript.flow = value; continue
                case "seed":
                    guard let seed = UInt64(value) else { throw ContentError([.error(at: location, "the seed must be a whole number")]) }
                    transcript.seed = seed; continue
                case "now":
                    guard let date = ISO8601DateFormatter().date(from: value) else {
                        throw ContentError([.error(at: location, "write the time as 2026-11-23T23:40:00Z")])
                    }
                    transcript.now = date; continue
                case "waits":
                    transcript.skipWaits = value == "skip"
                    continue
                case "set":
                    let parts = value.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
                    guard parts.count == 2 else { throw ContentError([.error(at: location, "write 'set: name = value'")]) }
                    // true and false are yes/no values: the text "false" would read as true in a condition.
                    let flag: Value? = parts[1] == "true" ? .bool(true) : parts[1] == "false" ? .bool(false) : nil
                    transcript.variables[parts[0]] = Int(parts[1]).map(Value.number) ?? flag ?? .text(parts[1].trimmingCharacters(in: "\""))
                    continue
                default: break
                }
            }
            inHeader = false
            if line == ">" {
                transcript.entries.append(.person("", line: lineNumber))
            } else if line.hasPrefix("> ") {
                transcript.entries.append(.person(String(line.dropFirst(2)), line: lineNumber))
            } else {
                transcript.entries.append(.bot(line, line: lineNumber))
            }
        }
        return transcript
    }
}

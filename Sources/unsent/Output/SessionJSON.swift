import Foundation
import UnsentStore

/// `unsent history --json` and `unsent show N --json`, version 1 (README.md, "JSON output").
///
/// A conversation is `{id, flow, started_at, ended_at, ending, ending_text, minutes}`: `flow` is the
/// command's flow (urge, reply, reflect…), times are UTC (`2026-03-01T23:40:00.000Z`), `ending` is one of
/// finished, quit, interrupted, eof (the input ended: Ctrl-D, or the end of a pipe), terminal-failed, loop
/// or null (not finished), `ending_text` the words `unsent history` shows for it, and `minutes` whole
/// minutes or null. `show` adds `turns`: `{speaker, at, text}` with `speaker` "unsent" or "you".
enum SessionJSON {
    static let version = 1

    static func history(_ sessions: [SessionRecord]) -> JSONValue {
        .object([
            ("version", .integer(version)),
            ("conversations", .array(sessions.map(conversation))),
        ])
    }

    static func conversation(_ session: SessionRecord, turns: [TurnRecord]) -> JSONValue {
        .object([
            ("version", .integer(version)),
            ("conversation", conversation(session)),
            ("turns", .array(turns.map { turn in
                .object([
                    ("speaker", .string(turn.speaker == .person ? "you" : "unsent")),
                    ("at", .string(timestamp(turn.at))),
                    ("text", .string(turn.text)),
                ])
            })),
        ])
    }

    static func conversation(_ session: SessionRecord) -> JSONValue {
        .object([
            ("id", .integer(Int(session.id))),
            ("flow", .string(session.flow)),
            ("started_at", .string(timestamp(session.startedAt))),
            ("ended_at", .optional(session.endedAt.map(timestamp))),
            ("ending", .optional(session.ending)),
            ("ending_text", .string(SessionText.ending(session))),
            ("minutes", .optional(session.endedAt.map { max(0, Int($0.timeIntervalSince(session.startedAt))) / 60 })),
        ])
    }

    /// UTC with milliseconds, as the export writes times.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

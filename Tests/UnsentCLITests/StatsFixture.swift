import Foundation
import UnsentCore

/// A store with six months of made-up but fixed use, for the stats, history, search, export and forget tests:
/// written by the binary (so its schema is current), then filled through the sqlite3 tool (or python3).
enum StatsFixture {
    /// The day the figures are shown for: a Sunday, so the calendar's last column is a full week.
    static let today = "2026-03-01"
    static let triggers = ["lonely", "night", "saw-post", "memory", "bored"]

    /// Makes the store at `path` and fills it.
    static func make(at path: String, sandbox: Sandbox) throws {
        let created = try BinaryRun.run(["history", "--store", path], environment: sandbox.environment())
        guard created.status == 0 else {
            throw StoreQuery.Failure(description: "unsent history could not create the store: \(created.errors)")
        }
        try execute(sql(), in: path)
    }

    /// Runs SQL statements against the store.
    static func execute(_ sql: String, in path: String) throws {
        let run: BinaryRun
        if let sqlite = StoreQuery.findTool("sqlite3") {
            run = try BinaryRun.run([path], stdin: Data(sql.utf8), environment: [:], executable: sqlite)
        } else if let python = StoreQuery.findTool("python3") {
            let script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.stdin.read()); c.commit()"
            run = try BinaryRun.run(["-c", script, path], stdin: Data(sql.utf8), environment: [:], executable: python)
        } else {
            throw StoreQuery.Failure(description: "Filling the store needs the sqlite3 tool or python3 on PATH; neither was found.")
        }
        guard run.status == 0 else { throw StoreQuery.Failure(description: "The fixture SQL failed: \(run.errors)") }
    }

    static func stamp(_ day: Day, _ hour: Int, _ minute: Int = 0) -> String {
        let shifted = day.adding(days: hour / 24)
        return "'\(shifted) " + String(format: "%02d:%02d:00.000", hour % 24, minute) + "'"
    }

    static func sql() -> String {
        var lines = ["BEGIN;",
                     "INSERT INTO setting (key, value) VALUES ('plan_start', '2026-01-05'), ('plan_length', '90');"]
        let last = Day(today)!
        let first = last.adding(days: -181)
        var session = 0
        for offset in 0...181 {
            let day = first.adding(days: offset)
            let n = day.ordinal
            if n % 3 != 0 {
                lines.append("INSERT INTO event (at, kind, fields) VALUES (\(stamp(day, 21)), 'reflection', "
                             + "json_object('day', '\(day)', 'mood', '\(1 + n * 5 % 10)', 'strongest', '\(n * 7 % 11)', 'contact', 'none', 'entry', 'Day \(offset) entry'));")
            }
            if n % 2 == 0 {
                lines.append("INSERT INTO event (at, kind, fields) VALUES (\(stamp(day, 18 + n % 8, 15)), 'urge-ended', "
                             + "json_object('before', '\(n % 11)', 'trigger', '\(triggers[n % 5])', 'day', '\(day)', 'outcome', 'resisted', 'source', 'log'));")
            }
            if n % 5 == 0 {
                session += 1
                lines.append("INSERT INTO session (id, startedAt, endedAt, flow, ending) VALUES (\(session), \(stamp(day, 23, 10)), \(stamp(day, 23, 16)), 'urge', 'finished');")
                lines.append("INSERT INTO event (sessionId, at, kind, fields) VALUES (\(session), \(stamp(day, 23, 11)), 'urge-started', json_object('intensity', '\((n * 3) % 11)'));")
                lines.append("INSERT INTO event (sessionId, at, kind, fields) VALUES (\(session), \(stamp(day, 23, 15)), 'urge-ended', "
                             + "json_object('before', '\((n * 3) % 11)', 'after', '2', 'trigger', 'night', 'outcome', 'resisted'));")
            }
        }
        for (day, direction) in [("2026-01-20", "me"), ("2026-02-14", "me"), ("2026-02-20", "they")] {
            lines.append("INSERT INTO event (at, kind, fields) VALUES ('\(day) 12:00:00.000', 'contact', json_object('day', '\(day)', 'direction', '\(direction)'));")
        }
        lines.append("INSERT INTO event (at, kind, fields) VALUES ('2026-02-25 12:00:00.000', 'contact-received', json_object('category', 'miss-you', 'decided', 'no-reply'));")
        lines.append("INSERT INTO event (at, kind, fields) VALUES ('2026-02-26 12:00:00.000', 'note', json_object('day', '2026-02-26', 'text', 'I wanted closure so badly'));")
        session += 1
        lines.append("INSERT INTO session (id, startedAt, endedAt, flow, ending) VALUES (\(session), '2026-02-28 23:40:00.000', '2026-02-28 23:46:30.000', 'urge', 'finished');")
        let turns: [(String, String)] = [("bot", "How strong is the urge, from 0 to 10?"), ("person", "8"),
                                         ("bot", "Write the whole message out."), ("person", "I need closure\\nplease answer \u{1B}[31mnow"),
                                         ("bot", "It stays here, unsent.")]
        for (index, turn) in turns.enumerated() {
            let text = turn.1.replacingOccurrences(of: "\\n", with: "' || char(10) || '").replacingOccurrences(of: "\u{1B}", with: "' || char(27) || '")
            lines.append("INSERT INTO turn (sessionId, sequence, at, speaker, text) VALUES (\(session), \(index + 1), '2026-02-28 23:4\(index):00.000', '\(turn.0)', '\(text)');")
        }
        lines.append("INSERT INTO draft (sessionId, createdAt, text) VALUES (\(session), '2026-02-28 23:44:00.000', 'Can we talk? I miss the closeness.');")
        lines.append("COMMIT;")
        return lines.joined(separator: "\n") + "\n"
    }
}

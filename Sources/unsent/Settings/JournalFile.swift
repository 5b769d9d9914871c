import Foundation
import UnsentCore
import UnsentStore

/// Journal entries read from another tool's file: jrnl's JSON export (`jrnl --export json`, the whole
/// journal or one entry), or plain text, one entry per block of lines between blank lines.
enum JournalFile {
    /// The entries of jrnl's JSON export: `{"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
    /// "time": "HH:MM", "tags", "starred"}]}`, or one such entry on its own. Nil when the JSON is not jrnl's.
    static func jrnlEntries(_ json: Any, file: String) throws -> [JournalEntry]? {
        let list: [Any]
        if let document = json as? [String: Any], let entries = document["entries"] as? [Any] {
            list = entries
        } else if let entry = json as? [String: Any], entry["date"] != nil, entry["title"] != nil || entry["body"] != nil {
            list = [entry]
        } else {
            return nil
        }
        return try list.enumerated().map { index, item in
            guard let entry = item as? [String: Any], let date = entry["date"] as? String, let day = Day(date), date.count == 10 else {
                throw ImportProblem(file: file, problem: "entries[\(index)] has no \"date\" like 2026-11-03")
            }
            let title = (entry["title"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let body = (entry["body"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let text = [title, body].filter { !$0.isEmpty }.joined(separator: "\n")
            guard !text.isEmpty else { throw ImportProblem(file: file, problem: "entries[\(index)] has no title or body") }
            let time = (entry["time"] as? String).flatMap(clockTime) ?? (12, 0)
            return JournalEntry(at: moment(day, time), day: day.description, text: text, source: "jrnl")
        }
    }

    /// What a text file's blocks hold: entries, and how many came before any date and took the file's day.
    struct TextEntries {
        var entries: [JournalEntry] = []
        var undated = 0
        /// The day of the file's last change, which those entries took.
        var fileDay: Day?
    }

    /// One entry per block of lines between blank lines. A block whose first words are a date ("2026-11-03",
    /// "3 November 2026", "[2026-11-03 21:40]", "## 2026-11-03:"), read by the engine's date reader, is of that
    /// day, at the time after it if there is one (21:40, 9:40 pm); a block that is only a date heads the blocks
    /// under it. Other blocks take the day of the nearest one above, or the file's last change.
    static func textEntries(_ text: String, modified: Date, today: Day) -> TextEntries {
        var result = TextEntries()
        var current: (day: Day, at: Date)?
        var sawDate = false
        for block in blocks(text) {
            var lines = block
            if let (day, time, rest) = leadingDate(lines[0], today: today) {
                sawDate = true
                current = (day, moment(day, time ?? (12, 0)))
                lines[0] = rest
                if lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            } else if let previous = current {
                // A minute after the one above, so the day's entries keep their order.
                current = (previous.day, previous.at.addingTimeInterval(60))
                if result.fileDay != nil, result.fileDay == previous.day, !sawDate { result.undated += 1 }
            } else {
                result.undated += 1
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = .current
                let parts = calendar.dateComponents([.year, .month, .day], from: modified)
                let day = Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
                result.fileDay = day
                current = (day, moment(day, (12, 0)))
            }
            guard let (day, at) = current else { continue }
            let entry = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !entry.isEmpty { result.entries.append(JournalEntry(at: at, day: day.description, text: entry, source: "text")) }
        }
        return result
    }

    /// The blocks of lines between blank lines (a line of spaces is blank).
    static func blocks(_ text: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { blocks.append(current) }
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// The date the line starts with, the time after it, and the rest of the line. Only a date written out
    /// counts (it has a number, and is not "3 days ago"): a block beginning "Yesterday I..." is not dated by it.
    static func leadingDate(_ line: String, today: Day) -> (Day, (Int, Int)?, String)? {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        let strip = CharacterSet(charactersIn: "[]()#*:,-—–.")
        for count in stride(from: min(4, words.count), through: 1, by: -1) {
            let candidate = words[..<count].joined(separator: " ").trimmingCharacters(in: strip)
            let lowered = candidate.lowercased()
            let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            let first = lowered.split(separator: " ").first.map(String.init) ?? ""
            guard first.contains(where: \.isNumber) || months.contains(String(first.prefix(3))),
                  candidate.contains(where: \.isNumber), !lowered.contains("ago"), !lowered.contains(":"),
                  let day = PastDay.read(candidate, today: today) else { continue }
            var rest = Array(words[count...])
            var time: (Int, Int)?
            if let first = rest.first, let clock = clockTime(first.trimmingCharacters(in: strip)) {
                time = clock
                rest.removeFirst()
                if let half = rest.first?.trimmingCharacters(in: strip).lowercased(), half == "am" || half == "pm" {
                    if half == "pm", clock.0 < 12 { time = (clock.0 + 12, clock.1) }
                    if half == "am", clock.0 == 12 { time = (0, clock.1) }
                    rest.removeFirst()
                }
            }
            // What follows the date, less the marks that set it off ("2026-11-03: ...", "[...] ...", "— ...").
            let text = String(rest.joined(separator: " ").drop { "[]():-—–,".contains($0) || $0.isWhitespace })
            return (day, time, text)
        }
        return nil
    }

    /// "21:40", "9:05", "21:40:00" as hours and minutes.
    static func clockTime(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":")
        guard (2...3).contains(parts.count), let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute), parts[1].count == 2 else { return nil }
        return (hour, minute)
    }

    /// The moment of a day and time in the local time zone.
    static func moment(_ day: Day, _ time: (Int, Int)) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: time.0, minute: time.1))
            ?? day.date(in: .current)
    }
}

import Foundation
import UnsentCore

/// A day the person names for something that already happened ("yesterday", "3 days ago", "monday",
/// "2026-11-01"), read by the conversation engine's own date reader, counted in the person's days (a
/// day starts at the day-start hour, so at 01:30 "yesterday" is the day before the evening just gone).
enum PastDay {
    /// The day `text` names, or nil when it names none, or one after `today`.
    static func read(_ text: String, today: Day) -> Day? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        // Noon of the person's today, so the reader counts back from their day, not the civil one.
        let noon = today.date(in: calendar.timeZone).addingTimeInterval(12 * 3600)
        let reader = AnswerReader(normalizer: Normalizer(), calendar: calendar)
        guard let value = reader.read(text, as: .date, choices: [], now: noon), let day = Day(value.description), day <= today else {
            return nil
        }
        return day
    }
}

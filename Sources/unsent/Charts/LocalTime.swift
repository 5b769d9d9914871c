import Foundation
import UnsentCore

/// The person's day and hour of a moment, worked out like `DayClock` but without a calendar per call:
/// the UTC offset is looked up once per hour of time, so thousands of events cost microseconds.
struct LocalTime {
    let timeZone: TimeZone
    let dayStartHour: Int
    private var offsets: [Int: Int] = [:]

    init(_ clock: DayClock) {
        timeZone = clock.timeZone
        dayStartHour = clock.dayStartHour
    }

    /// Seconds since 1970 on the local wall clock.
    private mutating func localSeconds(_ date: Date) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let hourKey = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
        let offset = offsets[hourKey] ?? {
            let found = timeZone.secondsFromGMT(for: date)
            offsets[hourKey] = found
            return found
        }()
        return seconds + offset
    }

    /// The day the moment belongs to (a day starts at `dayStartHour`), as `DayClock.day(of:)` gives it.
    mutating func day(of date: Date) -> Day {
        let shifted = localSeconds(date) - dayStartHour * 3600
        return Day(ordinal: shifted >= 0 ? shifted / 86_400 : (shifted - 86_399) / 86_400)
    }

    /// The local hour, 0–23.
    mutating func hour(of date: Date) -> Int {
        let seconds = localSeconds(date)
        return ((seconds % 86_400 + 86_400) % 86_400) / 3600
    }

    /// The local minute of the hour, 0–59.
    mutating func minute(of date: Date) -> Int {
        let seconds = localSeconds(date)
        return ((seconds % 3600) + 3600) % 3600 / 60
    }
}

import Foundation

/// Turns moments into the person's days. A day starts at 04:00 local time by default, so a
/// sleepless 01:30 still belongs to the evening before. Days are plain `YYYY-MM-DD` keys.
///
/// A day is worked out with the time zone in force when something happened and kept with it,
/// so moving to another time zone never moves what already happened to another day.
public struct DayClock: Sendable {
    public var timeZone: TimeZone
    /// The hour (0–23) at which a new day begins.
    public var dayStartHour: Int

    public init(timeZone: TimeZone = .current, dayStartHour: Int = 4) {
        self.timeZone = timeZone
        self.dayStartHour = min(23, max(0, dayStartHour))
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The day a moment belongs to.
    public func day(of date: Date) -> Day {
        let calendar = self.calendar
        var parts = calendar.dateComponents([.year, .month, .day, .hour], from: date)
        if let hour = parts.hour, hour < dayStartHour,
           let civil = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day)),
           let previous = calendar.date(byAdding: .day, value: -1, to: civil) {
            parts = calendar.dateComponents([.year, .month, .day], from: previous)
        }
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}

/// A calendar day, independent of time zones: `2026-11-23`.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (each part one or more ASCII digits). Every start reads a day from each
    /// of the last 400 days' check-ins, so this reads bytes rather than splitting and converting.
    public init?(_ text: String) {
        var parts = (0, 0, 0), index = 0, digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                guard digits > 0, index < 2 else { return nil }
                index += 1
                digits = 0
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 9 else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch index {
            case 0: parts.0 = parts.0 * 10 + digit
            case 1: parts.1 = parts.1 * 10 + digit
            default: parts.2 = parts.2 * 10 + digit
            }
            digits += 1
        }
        guard index == 2, digits > 0, (1...12).contains(parts.1), (1...31).contains(parts.2) else { return nil }
        self.init(year: parts.0, month: parts.1, day: parts.2)
    }

    /// `YYYY-MM-DD`, as `printf("%04d-%02d-%02d")` writes it.
    public var description: String { Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) }

    /// `number` in at least `width` characters, zeros after any sign (printf's `%0*d`).
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number.magnitude)
        let sign = number < 0 ? "-" : ""
        let zeros = max(0, width - sign.count - digits.count)
        return sign + String(repeating: "0", count: zeros) + digits
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Midnight at the start of this day in a time zone.
    public func date(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: Double(ordinal) * 86400)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }
}

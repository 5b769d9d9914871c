import Foundation

extension Date {
    /// The date as the store keeps it: `yyyy-MM-dd HH:mm:ss.SSS` in UTC, the text GRDB writes for a
    /// `Date`, so rows written either way sort and read back alike.
    ///
    /// Worked out here by arithmetic on the civil calendar: GRDB formats with a `DateFormatter`, which
    /// brings up ICU and its locale data — at the first commit of every start, a few megabytes of memory
    /// and more time than the rest of the commit.
    ///
    /// A clock set wildly wrong is kept to years 1 to 9999 (`storableRange`): SQLite's date functions and
    /// GRDB read four-digit years only, and one row outside them would make every read of its table fail.
    var storable: String {
        let range = Self.storableRange
        let milliseconds = Int64(min(max((timeIntervalSince1970 * 1000).rounded(), Double(range.lowerBound)),
                                     Double(range.upperBound)))
        let (days, inDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, millisecondOfDay) = inDay < 0 ? (days - 1, inDay + 86_400_000) : (days, inDay)
        let (year, month, dayOfMonth) = Self.civil(daysSince1970: day)
        let seconds = millisecondOfDay / 1000
        return Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(dayOfMonth, 2) + " "
            + Self.padded(seconds / 3600, 2) + ":" + Self.padded(seconds / 60 % 60, 2) + ":" + Self.padded(seconds % 60, 2)
            + "." + Self.padded(millisecondOfDay % 1000, 3)
    }

    /// The milliseconds since 1970 the store can keep: 0001-01-01 00:00:00.000 to 9999-12-31 23:59:59.999 UTC.
    static let storableRange: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// Year, month and day of a day counted from 1970-01-01, in the Gregorian calendar: Howard Hinnant's
    /// `civil_from_days`, as in `Day(ordinal:)` of UnsentCore, which this module does not depend on.
    /// (GRDB, through ICU, counts days before 15 October 1582 in the Julian calendar; no store has them.)
    static func civil(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

import Foundation

/// The person's day as unsent counts it by default (a day starts at 04:00 local time), for tests that
/// check which day something was logged for.
enum PersonDay {
    static func today(offset: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let now = Date().addingTimeInterval(-4 * 3600)
        let day = calendar.date(byAdding: .day, value: offset, to: now) ?? now
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

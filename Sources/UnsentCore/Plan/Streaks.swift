/// Where someone stands in their plan: the day number, streaks and totals.
///
/// A slip (the person contacted their ex) restarts the current streak, but never takes away
/// total no-contact days, the longest streak, or any history.
public struct Streaks: Sendable, Hashable {
    /// Day of the plan, starting at 1 on the start day.
    public var dayNumber: Int
    public var currentStreak: Int
    public var longestStreak: Int
    /// Days since the start without a slip.
    public var totalNoContactDays: Int
    public var slips: Int

    /// - Parameters:
    ///   - start: the first day of no contact.
    ///   - slipDays: the days the person contacted their ex (in any order, repeats allowed).
    ///   - today: the person's current day.
    public init(start: Day, slipDays: some Sequence<Day>, today: Day) {
        guard start <= today else {
            self = Streaks(dayNumber: 0, currentStreak: 0, longestStreak: 0, totalNoContactDays: 0, slips: 0)
            return
        }
        let slips = Set(slipDays.filter { $0 >= start && $0 <= today })
        var longest = 0
        var run = 0
        var day = start
        while day <= today {
            if slips.contains(day) { run = 0 } else { run += 1; longest = max(longest, run) }
            day = day.adding(days: 1)
        }
        let total = start.days(to: today) + 1
        self = Streaks(dayNumber: total, currentStreak: run, longestStreak: longest,
                       totalNoContactDays: total - slips.count, slips: slips.count)
    }

    public init(dayNumber: Int, currentStreak: Int, longestStreak: Int, totalNoContactDays: Int, slips: Int) {
        self.dayNumber = dayNumber
        self.currentStreak = currentStreak
        self.longestStreak = longestStreak
        self.totalNoContactDays = totalNoContactDays
        self.slips = slips
    }

    /// The milestones that get a short message.
    public static let milestones = [1, 3, 7, 14, 21, 30, 60, 90]
}

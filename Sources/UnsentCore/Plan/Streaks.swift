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
        // The runs are the gaps between slips, so a plan years long costs what its slips cost.
        let first = start.ordinal, last = today.ordinal
        let slips = Set(slipDays.lazy.map(\.ordinal).filter { $0 >= first && $0 <= last }).sorted()
        var longest = 0
        var previous = first - 1
        for slip in slips {
            longest = max(longest, slip - previous - 1)
            previous = slip
        }
        let run = last - previous
        let total = last - first + 1
        self = Streaks(dayNumber: total, currentStreak: run, longestStreak: max(longest, run),
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

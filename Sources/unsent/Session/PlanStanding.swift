import UnsentCore

/// Where the person stands in their plan, in the words `status` and `stats` both print.
enum PlanStanding {
    /// "Day 12 of 30. 18 days to go.", "Day 129. Your 30-day plan was complete on day 30.", "Day 40 of an
    /// open-ended plan." A start moved back past the plan's end (drive-35: "Day 129 of 30.") reads as complete.
    static func dayLine(_ streaks: Streaks, length: Int) -> String {
        switch length {
        case 0: return "Day \(streaks.dayNumber) of an open-ended plan."
        case -1: return "Day \(streaks.dayNumber) of a plan that runs until they reach out."
        case ..<0: return "Day \(streaks.dayNumber)."
        default: break
        }
        if streaks.dayNumber > length {
            return "Day \(streaks.dayNumber). Your \(length)-day plan was complete on day \(length); `unsent plan set length` makes it longer."
        }
        let left = length - streaks.dayNumber
        return "Day \(streaks.dayNumber) of \(length). " + (left == 0 ? "It ends today." : "\(DraftAge.plural(left, "day")) to go.")
    }

    /// The totals. In low contact, planned practical contact is part of the plan, so the count is of days kept
    /// to it, not of days without any contact (drive-35: a co-parent who texts about the kids each week read
    /// "Days without contact in all: 280").
    static func totalsLine(_ streaks: Streaks, lowContact: Bool) -> String {
        let kept = lowContact ? "Days kept to low contact in all" : "Days without contact in all"
        return "\(kept): \(streaks.totalNoContactDays). Slips: \(streaks.slips)."
    }
}

import Foundation
import UnsentCore
import UnsentStore

/// The plan as `unsent plan` shows it: one line per part, then how to change it.
enum PlanSummary {
    static func lines(_ store: Store, now: Date) throws(StoreError) -> [String] {
        let facts = try PlanFacts.load(store, now: now)
        guard let start = facts.start else {
            return ["No plan yet. Set one up with `unsent start`, or one part at a time: `unsent plan set start today`."]
        }
        func setting(_ key: String) throws(StoreError) -> String? {
            try store.setting(key).map { Sanitizer.clean(Sanitizer.removingControlSequences($0)) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var rows: [(String, String)] = []
        let ahead = start.ordinal - facts.today.ordinal
        let day = ahead > 1 ? "starts in \(ahead) days" : ahead == 1 ? "starts tomorrow" : "day \(facts.streaks?.dayNumber ?? 1)"
        rows.append(("Started", "\(start) (\(day))"))
        rows.append(("Length", lengthText(facts)))
        var kind = try store.setting("plan_type") == "low-contact" ? "low contact" : "no contact"
        if let shared = try setting("plan_reason") {
            let names = ["children": "children", "housing": "a home or a lease", "work": "work", "school": "school or classes", "pet": "a pet",
                         "legal": "legal or money matters"]
            kind += " (you share \(names[shared] ?? shared))"
        }
        rows.append(("Kind", kind))
        rows.append(("Your reason", try setting("plan_statement") ?? "not set"))
        rows.append(("People", try setting("support_people") ?? "not set"))
        rows.append(("Region", try setting("region") ?? "not set (you'll be asked when help lines are needed)"))
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        var lines = ["Your plan"]
        lines += rows.map { "  " + DisplayWidth.padded($0.0, to: width) + "  " + $0.1 }
        lines.append("Change one part with `unsent plan set FIELD VALUE` (length, start, reason, people, region), "
                     + "or all of it with `unsent plan --again`.")
        return lines
    }

    /// "60 days, 24 to go", "open-ended", "until they reach out".
    static func lengthText(_ facts: PlanFacts) -> String {
        switch facts.length {
        case 0: return "open-ended, until you feel ready"
        case -1: return "until they reach out"
        case let days:
            guard let number = facts.streaks?.dayNumber, PlanFacts.notYetStarted(start: facts.start ?? facts.today, today: facts.today) == nil else {
                return DraftAge.plural(days, "day")
            }
            let left = days - number
            return DraftAge.plural(days, "day") + (left >= 0 ? ", \(left) to go" : ", complete")
        }
    }
}

import Foundation
import UnsentCore

/// The whole `unsent stats` page as lines: the plan's figures, then each chart, fitted to `width` columns.
enum StatsPage {
    /// The narrowest width laid out; narrower terminals get this and may wrap.
    static let minimumWidth = 40

    /// - Parameter triggerTitles: the words for each trigger key (the urge flow's choices); a key without
    ///   one is shown with its dashes as spaces.
    static func render(_ report: ProgressReport, width requested: Int, style: ChartStyle,
                       triggerTitles: [String: String] = [:]) -> [String] {
        let width = max(minimumWidth, requested)
        var lines = planLines(report)
        lines += [""] + heading("Last \(Heatmap.weeks(fitting: width)) weeks", style)
        var cells: [Day: Heatmap.Cell] = [:]
        for figures in report.days where figures.slip || figures.strongestCraving != nil {
            cells[figures.day] = Heatmap.Cell(strongestCraving: figures.strongestCraving, slip: figures.slip)
        }
        lines += Heatmap.render(cells, today: report.today, weeks: Heatmap.weeks(fitting: width), style: style, width: width)
        let dash = style.unicode ? "–" : "-"
        lines += [""] + heading("Strongest craving each day (0\(dash)10)", style)
        lines += sparklines(report, width: width, style: style, combine: .maximum, scale: 0...10) { $0.strongestCraving.map(Double.init) }
        lines += heading("Mood each day (1\(dash)10)", style)
        lines += sparklines(report, width: width, style: style, combine: .mean, scale: 1...10) { $0.mood }
        lines += [""] + heading("What set urges off (last \(ProgressReport.weeks) weeks)", style)
        let bars = BarChart.render(report.triggers.prefix(8).map {
            (Sanitizer.clean(triggerTitles[$0.trigger] ?? $0.trigger.replacingOccurrences(of: "-", with: " ")), $0.urges)
        }, width: width, style: style)
        lines += bars.isEmpty ? ["  No triggers logged yet."] : bars
        lines += [""] + heading("Urges by hour of day (last \(ProgressReport.weeks) weeks)", style)
        let histogram = HourHistogram.render(report.hours, width: width, style: style)
        lines += histogram.isEmpty ? [] : histogram
        lines += ["  " + HourHistogram.sentence(report.hours)]
        lines += [""] + heading("This week against last week", style) + weekLines(report)
        return lines.flatMap { fitted($0, width: width) }
    }

    /// A line of words longer than the page is wrapped between words, its indent kept ("set one up with
    /// `unsen` / `t start`" at 50 columns, drive-21). Coloured lines are charts and headings, drawn to fit.
    static func fitted(_ line: String, width: Int) -> [String] {
        guard DisplayWidth.of(line) > width, !line.contains("\u{1B}") else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        return DisplayWidth.wrapped(String(line.dropFirst(indent.count)), columns: width - indent.count, indent: "")
            .map { indent + $0 }
    }

    static func heading(_ text: String, _ style: ChartStyle) -> [String] {
        [style.paint(text, "1")]
    }

    static func planLines(_ report: ProgressReport) -> [String] {
        var lines: [String] = []
        if let start = report.planStart, let ahead = PlanFacts.notYetStarted(start: start, today: report.today) {
            lines.append(ahead)
        } else if let streaks = report.streaks {
            lines.append(PlanStanding.dayLine(streaks, length: report.planLength))
            lines.append("Current streak: \(DraftAge.plural(streaks.currentStreak, "day")). Longest: \(DraftAge.plural(streaks.longestStreak, "day")).")
            lines.append(PlanStanding.totalsLine(streaks, lowContact: report.lowContact))
        } else {
            lines.append("No plan yet, so no streaks: set one up with `unsent start`.")
        }
        let times = report.reachOuts == 1 ? "once" : report.reachOuts == 2 ? "twice" : "\(report.reachOuts) times"
        lines.append(report.reachOuts == 0 ? "They haven't reached out." : "They reached out \(times).")
        return lines
    }

    static func sparklines(_ report: ProgressReport, width: Int, style: ChartStyle, combine: Sparkline.Combine,
                           scale: ClosedRange<Double>, _ value: (ProgressReport.DayFigures) -> Double?) -> [String] {
        [30, 90].map { count in
            let label = "  last \(count) days  "
            let values = report.lastDays(count, value)
            guard values.contains(where: { $0 != nil }) else { return label + "nothing logged" }
            var (line, perMark) = Sparkline.render(values, scale: scale, width: width - label.count, combine: combine, style: style)
            var note = ""
            if perMark > 1 {
                // Room for "  (15 days a mark)".
                let room = width - label.count - 18
                (line, perMark) = Sparkline.render(values, scale: scale, width: room, combine: combine, style: style)
                note = "  (\(perMark) days a mark)"
            }
            return label + style.paint(line, "36") + note
        }
    }

    static func weekLines(_ report: ProgressReport) -> [String] {
        let now = report.thisWeek, before = report.lastWeek
        var lines: [String] = []
        switch (now.strongestCraving, before.strongestCraving) {
        // Check-ins that said "no urges" log a strongest craving of 0: that is no craving, not "0.0 on
        // average" (drive-19).
        case let (this?, last) where this == 0:
            lines.append("  No cravings this week" + (last.map { $0 == 0 ? ", nor the week before." : "; \(one($0)) on average the week before." } ?? "."))
        case let (this?, 0?):
            lines.append("  Strongest cravings: \(one(this)) on average; none the week before.")
        case let (this?, last?):
            let change = report.cravingChangePercent ?? 0
            let direction = change < 0 ? "down \(-change)%" : change > 0 ? "up \(change)%" : "the same"
            lines.append("  Strongest cravings \(direction): \(one(this)) on average, from \(one(last)).")
        case let (this?, nil):
            lines.append("  Strongest cravings: \(one(this)) on average; none logged the week before.")
        case let (nil, last?):
            lines.append("  No cravings logged this week; \(one(last)) on average the week before.")
        case (nil, nil):
            lines.append("  No cravings logged in the last two weeks.")
        }
        lines.append("  Urges: \(now.urges) this week, \(before.urges) the week before.")
        if let this = now.mood, let last = before.mood {
            lines.append("  Mood: \(one(this)) on average, from \(one(last)).")
        } else if let this = now.mood {
            lines.append("  Mood: \(one(this)) on average.")
        }
        return lines
    }

    /// One decimal: "4.5".
    static func one(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

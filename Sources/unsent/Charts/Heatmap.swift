import UnsentCore

/// A calendar of recent weeks, like a contributions graph: a column per week (Monday at the top), a row per
/// weekday, each day shaded by its strongest craving and marked when the person contacted their ex.
enum Heatmap {
    /// What one day shows.
    struct Cell: Equatable {
        /// The strongest craving logged that day (0–10), if any.
        var strongestCraving: Int?
        /// The person contacted their ex that day.
        var slip: Bool
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// The row label ("Mon ") is this wide.
    static let labelWidth = 4

    /// How many weeks fit in `width` columns, at most `maximum`: each week takes two columns.
    static func weeks(fitting width: Int, maximum: Int = 26) -> Int {
        max(1, min(maximum, (width - labelWidth) / 2))
    }

    /// The Monday of the week holding `day`.
    static func monday(of day: Day) -> Day {
        // 1970-01-01 was a Thursday: ordinal 0 is weekday 3 when Monday is 0.
        day.adding(days: -weekday(of: day))
    }

    /// 0 for Monday … 6 for Sunday.
    static func weekday(of day: Day) -> Int {
        ((day.ordinal % 7) + 7 + 3) % 7
    }

    /// Draws `weeks` weeks ending with the week of `today`: a month line, seven weekday rows, and a legend.
    /// Days after today are left blank.
    static func render(_ cells: [Day: Cell], today: Day, weeks: Int, style: ChartStyle, width: Int = 80) -> [String] {
        let firstMonday = monday(of: today).adding(days: -7 * (weeks - 1))
        var lines = [monthLine(firstMonday: firstMonday, weeks: weeks, width: width)]
        for weekday in 0..<7 {
            var line = weekdayNames[weekday] + " "
            for week in 0..<weeks {
                let day = firstMonday.adding(days: week * 7 + weekday)
                line += (day > today ? " " : mark(cells[day], style: style)) + (week < weeks - 1 ? " " : "")
            }
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        lines += legend(style: style, width: width)
        return lines
    }

    static func mark(_ cell: Cell?, style: ChartStyle) -> String {
        guard let cell else { return style.paint(String(style.nothingLogged), "2") }
        if cell.slip { return style.paint(String(style.slip), "31") }
        guard let craving = cell.strongestCraving else { return style.paint(String(style.nothingLogged), "2") }
        let shade = style.shades[shadeIndex(craving)]
        return style.paint(String(shade), "32")
    }

    /// 0–3, 4–6, 7–8 and 9–10 as shades 0 to 3.
    static func shadeIndex(_ craving: Int) -> Int {
        switch craving {
        case ..<4: 0
        case 4...6: 1
        case 7...8: 2
        default: 3
        }
    }

    /// The month's short name above the first week, and above each week that holds the 1st of a month,
    /// where it fits without running into the previous name.
    static func monthLine(firstMonday: Day, weeks: Int, width: Int = 80) -> String {
        var line = Array(repeating: Character(" "), count: labelWidth + weeks * 2 + 2)
        var freeFrom = 0
        for week in 0..<weeks {
            let monday = firstMonday.adding(days: week * 7)
            let sunday = monday.adding(days: 6)
            let holdsFirst = monday.day == 1 || sunday.day < monday.day
            guard week == 0 || holdsFirst else { continue }
            let month = week == 0 || monday.day == 1 ? monday.month : sunday.month
            let column = labelWidth + week * 2
            // A name that would run past the page is left out, not cut or wrapped ("De" / "c", drive-21).
            guard column >= freeFrom, column + 3 <= width else { continue }
            for (offset, character) in monthNames[month - 1].enumerated() { line[column + offset] = character }
            freeFrom = column + 4
        }
        return String(String(line).reversed().drop { $0 == " " }.reversed())
    }

    /// The key to the marks; the two marks of the second line go on lines of their own when the
    /// grid is narrower than the pair (50 columns, drive-21).
    static func legend(style: ChartStyle, width: Int = 80) -> [String] {
        let shades = style.shades.map { style.paint(String($0), "32") }.joined()
        let dash = style.unicode ? "–" : "-"
        let nothing = style.paint(String(style.nothingLogged), "2") + " nothing logged"
        let slip = style.paint(String(style.slip), "31") + " you contacted them (a slip)"
        let pair = "    " + nothing + "   " + slip
        let fits = DisplayWidth.of("    x nothing logged   x you contacted them (a slip)") <= width
        return ["    " + shades + " strongest craving: 0\(dash)3, 4\(dash)6, 7\(dash)8, 9\(dash)10"]
            + (fits ? [pair] : ["    " + nothing, "    " + slip])
    }
}

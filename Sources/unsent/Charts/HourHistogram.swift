/// How urges spread over the hours of the day: 24 columns, with the hours marked underneath.
enum HourHistogram {
    /// Draws `counts` (24 values, hour 0 first) as columns `height` lines high, then an axis line.
    /// Each hour takes two columns when they fit in `width`, one otherwise.
    static func render(_ counts: [Int], width: Int, height: Int = 4, indent: String = "  ", style: ChartStyle) -> [String] {
        guard counts.count == 24, let largest = counts.max(), largest > 0 else { return [] }
        let spacing = width >= indent.count + 48 ? 2 : 1
        let partials = style.columnPartials
        let unitsPerCell = partials.count + 1
        let units = counts.map { count in
            count == 0 ? 0 : max(1, Int((Double(count) / Double(largest) * Double(height * unitsPerCell)).rounded()))
        }
        var lines: [String] = []
        for row in (0..<height).reversed() {
            var line = ""
            for hourUnits in units {
                let filled = hourUnits - row * unitsPerCell
                let mark: Character = filled >= unitsPerCell ? style.barFull : filled > 0 ? partials[filled - 1] : " "
                line += String(mark) + (spacing == 2 ? " " : "")
            }
            lines.append(indent + style.paint(trimmed(line), "36"))
        }
        var axis = Array(repeating: Character(" "), count: 24 * spacing)
        let marks = spacing == 2 ? [0, 6, 12, 18, 23] : [0, 6, 12, 18]
        for hour in marks {
            let label = Array(hour < 10 ? "0\(hour)" : "\(hour)")
            for (offset, character) in label.enumerated() where hour * spacing + offset < axis.count {
                axis[hour * spacing + offset] = character
            }
        }
        lines.append(indent + trimmed(String(axis)))
        return lines
    }

    /// The three hours in a row (wrapping past midnight) with the most urges: the first hour, and the hour
    /// the window ends at. Nil when there are fewer than `minimum` urges in all.
    static func busiestWindow(_ counts: [Int], minimum: Int = 3) -> (from: Int, to: Int)? {
        guard counts.count == 24, counts.reduce(0, +) >= minimum else { return nil }
        var best = 0, bestSum = -1
        for start in 0..<24 {
            let sum = (0..<3).reduce(0) { $0 + counts[(start + $1) % 24] }
            if sum > bestSum { best = start; bestSum = sum }
        }
        return (best, (best + 3) % 24)
    }

    /// "Most urges come between 22:00 and 01:00."
    static func sentence(_ counts: [Int]) -> String {
        // The hours come from urges talked through or logged one by one, not the counts of a check-in (drive-36: "Too
        // few urges logged" beside "Urges: 15 this week").
        guard let window = busiestWindow(counts) else {
            return "Too few urges with a time yet (talked through here, or logged with `unsent log urge`) to see when they come."
        }
        return "Most urges come between \(clock(window.from)) and \(clock(window.to))."
    }

    static func clock(_ hour: Int) -> String { (hour < 10 ? "0" : "") + "\(hour):00" }

    private static func trimmed(_ line: String) -> String {
        String(line.reversed().drop { $0 == " " }.reversed())
    }
}

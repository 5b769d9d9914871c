/// A one-line chart of daily values: one mark per day, or per few days when the line would not fit.
enum Sparkline {
    /// How several days that share a mark are combined.
    enum Combine {
        /// The highest value (for cravings: the worst moment counts).
        case maximum
        /// The average.
        case mean
    }

    /// Draws `values` (oldest first; nil for a day with nothing logged, drawn as a space) on the fixed `scale`.
    ///
    /// - Returns: the marks (at most `width` columns) and how many days each mark stands for.
    static func render(_ values: [Double?], scale: ClosedRange<Double>, width: Int, combine: Combine,
                       style: ChartStyle) -> (line: String, daysPerMark: Int) {
        guard !values.isEmpty, width > 0 else { return ("", 1) }
        let daysPerMark = (values.count + width - 1) / width
        // Buckets end at the newest day, so the last mark is always today (a short bucket is the oldest).
        var buckets: [[Double]] = []
        var end = values.count
        while end > 0 {
            let start = max(0, end - daysPerMark)
            buckets.append(values[start..<end].compactMap { $0 })
            end = start
        }
        buckets.reverse()
        let levels = style.sparkLevels
        let line = String(buckets.map { bucket -> Character in
            guard !bucket.isEmpty else { return " " }
            let value = combine == .maximum ? bucket.max() ?? 0 : bucket.reduce(0, +) / Double(bucket.count)
            let fraction = (min(max(value, scale.lowerBound), scale.upperBound) - scale.lowerBound)
                / (scale.upperBound - scale.lowerBound)
            return levels[Int((fraction * Double(levels.count - 1)).rounded())]
        })
        return (line, daysPerMark)
    }
}

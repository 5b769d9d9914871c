import Foundation
import UnsentCore

/// Horizontal bars with a label and a count, longest first as given.
enum BarChart {
    /// Draws one line per item: the label padded, the bar scaled to the largest count, the count.
    /// Labels are cut (with "…") to leave the bars at least 10 columns, and never longer than 32;
    /// every line fits in `width` columns.
    static func render(_ items: [(label: String, count: Int)], width: Int, indent: String = "  ", style: ChartStyle) -> [String] {
        guard let largest = items.map(\.count).max(), largest > 0 else { return [] }
        let countWidth = String(largest).count
        let room = max(8, min(32, width - DisplayWidth.of(indent) - countWidth - 12))
        let labels = items.map { DisplayWidth.truncated($0.label, to: room, ellipsis: style.unicode ? "…" : "~") }
        let labelWidth = labels.map { DisplayWidth.of($0) }.max() ?? 0
        let barWidth = max(1, min(40, width - DisplayWidth.of(indent) - labelWidth - countWidth - 2))
        return zip(labels, items).map { label, item in
            let bar = self.bar(length: Double(item.count) / Double(largest) * Double(barWidth), style: style)
            let padded = DisplayWidth.padded(label, to: labelWidth)
            return indent + padded + " " + style.paint(bar, "36") + " " + String(item.count)
        }
    }

    /// A bar `length` columns long, in eighths where the style has partial blocks; at least a sliver for any count.
    static func bar(length: Double, style: ChartStyle) -> String {
        let partials = style.barPartials
        let steps = partials.count + 1
        let units = max(1, Int((length * Double(steps)).rounded()))
        let full = units / steps
        let rest = units % steps
        return String(repeating: style.barFull, count: full) + (rest > 0 ? String(partials[rest - 1]) : "")
    }
}

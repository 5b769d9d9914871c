/// How charts are drawn: Unicode blocks or plain ASCII characters, with or without colour.
///
/// Charts take a style and data and return lines, so tests can pin their output exactly.
struct ChartStyle: Sendable, Equatable {
    /// Block characters (▁▂▃▄▅▆▇█, ░▒▓█); false for ASCII only.
    var unicode: Bool
    /// ANSI colour; only on a terminal and never with NO_COLOR.
    var colour: Bool

    static let blocks = ChartStyle(unicode: true, colour: false)
    static let ascii = ChartStyle(unicode: false, colour: false)

    /// Eight rising levels for sparklines.
    var sparkLevels: [Character] {
        unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", ":", "=", "+", "*", "#"]
    }

    /// Four shades for the heatmap's strongest craving: 0–3, 4–6, 7–8, 9–10.
    var shades: [Character] { unicode ? ["░", "▒", "▓", "█"] : ["-", "+", "*", "#"] }

    /// A day inside the calendar with nothing logged.
    var nothingLogged: Character { unicode ? "·" : "." }

    /// A day the person contacted their ex.
    var slip: Character { unicode ? "×" : "x" }

    /// The full block of a bar, and the partial blocks from 1/8 to 7/8 (ASCII has none).
    var barFull: Character { unicode ? "█" : "#" }
    var barPartials: [Character] { unicode ? ["▏", "▎", "▍", "▌", "▋", "▊", "▉"] : [] }

    /// Partial cells of a column, from 1/8 to 7/8 high (ASCII: one half cell).
    var columnPartials: [Character] { unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇"] : ["."] }

    /// The text in an ANSI colour or attribute (such as "31" for red), or unchanged without colour.
    func paint(_ text: String, _ code: String) -> String {
        colour && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

import Foundation

/// Colour and width decisions for output: colour only on a terminal and never with NO_COLOR, unless
/// `--color=always` asks for it.
struct Style {
    var colour: Bool
    /// Whether output goes to a terminal, whose width is then read at each use: the window may
    /// be resized in the middle of a conversation.
    var measuresWidth: Bool

    var width: Int? { measuresWidth ? Self.terminalWidth() : nil }

    static func detect(isTTY: Bool, environment: [String: String], choice: ColorChoice = .auto) -> Style {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        let colour = switch choice {
        case .auto: isTTY && !noColour && !dumb
        case .always: true
        case .never: false
        }
        return Style(colour: colour, measuresWidth: isTTY)
    }

    /// The terminal's width: standard output's, or (while a pager reads standard output) standard error's.
    static func terminalWidth() -> Int? {
        for descriptor in [STDOUT_FILENO, STDERR_FILENO] {
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        return nil
    }

    func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func accent(_ text: String) -> String { paint(text, "36") }

    /// Wraps text to the terminal width at spaces, keeping an indent for following lines;
    /// `margin` columns are left for what the caller puts before every line.
    func wrap(_ text: String, indent: String = "", margin: Int = 0) -> [String] {
        guard let window = self.width, window > 20 else { return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        let width = window - margin
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if Self.displayWidth(candidate) > width - 1, !line.isEmpty {
                    result.append(line)
                    line = indent + word
                } else {
                    line = candidate
                }
                // A single word longer than the line is split hard.
                while Self.displayWidth(line) > width - 1 {
                    let cut = line.index(line.startIndex, offsetBy: max(1, width - 1))
                    result.append(String(line[..<cut]))
                    line = indent + line[cut...]
                }
            }
            result.append(line)
        }
        return result
    }

    /// Columns a string takes: wide East Asian characters and emoji take two.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || value == 0x200D || (0xFE00...0xFE0F).contains(value) { continue }
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value) || (0x1F300...0x1FAFF).contains(value)
                || (0x20000...0x3FFFD).contains(value)
            width += wide ? 2 : 1
        }
        return width
    }
}

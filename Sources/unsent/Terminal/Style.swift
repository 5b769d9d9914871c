import Foundation
import UnsentCore

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

    /// Wraps text to the terminal width (leaving the last column free) at spaces, keeping an indent for
    /// following lines; `margin` columns are left for what the caller puts before every line.
    func wrap(_ text: String, indent: String = "", margin: Int = 0) -> [String] {
        guard let window = self.width, window > 20 else { return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        return DisplayWidth.wrapped(text, columns: window - margin - 1, indent: indent)
    }
}

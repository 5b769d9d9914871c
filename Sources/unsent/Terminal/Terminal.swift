import Foundation

/// Where a conversation is shown and typed: a real terminal (readline) or a pipe.
protocol Terminal: AnyObject {
    /// Shows lines the bot says.
    func say(_ text: String)
    /// Shows a question and its choices.
    func show(_ prompt: UnsentPromptView)
    /// Reads one line (or a bracketed paste). `choices` feed Tab completion.
    func read(choices: [String]) -> InputEvent
    /// Waits out a timed pause; Enter skips it. Returns the seconds waited, whether it was cut short,
    /// and what was typed during it (before the Enter), which goes to the question after the pause.
    func wait(seconds: Int) -> (waited: Int, skipped: Bool, typed: String)
    /// Shows a line typed during a pause as if typed at the question now shown, which it answers.
    func echo(_ line: String)
    /// Lines recalled with the up arrow, oldest first.
    func loadHistory(_ lines: [String])
    /// A line typed by the person that history should keep.
    var lastHistoryLine: String? { get }
    /// Why standard input or output stopped working, once it has.
    var failure: TerminalFailure? { get }
    /// True for a person at a terminal, false for a pipe.
    var isInteractive: Bool { get }
}

/// A question as the terminal shows it.
struct UnsentPromptView {
    var text: String
    var choices: [String]
    var note: String?
}

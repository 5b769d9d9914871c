import Foundation

/// Which terminal a conversation gets: readline when both standard input and output are a terminal,
/// else the plain pipe.
enum TerminalChoice {
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    static func make(waitRequested: Bool, color: ColorChoice = .auto) -> any Terminal {
        if stdinIsTTY && stdoutIsTTY {
            return ReadlineTerminal(style: Style.detect(isTTY: true, environment: ProcessInfo.processInfo.environment, choice: color))
        }
        return PipeTerminal(realWaits: waitRequested)
    }
}

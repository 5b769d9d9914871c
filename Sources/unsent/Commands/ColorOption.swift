import ArgumentParser
import Foundation

/// `--color`, for a command whose output has colour in it.
struct ColorOption: ParsableArguments {
    @Option(name: .customLong("color"), help: ArgumentHelp(
        "When to use colour: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    /// The style for this command's output, decided before a pager takes standard output.
    var style: Style { Style.detect(isTTY: TerminalChoice.stdoutIsTTY, environment: ProcessInfo.processInfo.environment, choice: color) }
}

import ArgumentParser
import Foundation

/// `--no-pager`, for a command whose output can be long.
struct PagerOption: ParsableArguments {
    @Flag(name: .customLong("no-pager"), help: "Print straight to the terminal, without $PAGER (by default less -FRX) for long output.")
    var noPager = false

    /// Starts the pager when standard output is a terminal and it is not turned off; `finish()` it
    /// once everything is printed (it also finishes when it is released).
    func start() -> Pager? {
        noPager ? nil : Pager.start(environment: ProcessInfo.processInfo.environment)
    }
}

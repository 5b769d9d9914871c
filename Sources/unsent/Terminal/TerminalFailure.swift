import Foundation

/// Standard input or output could not be used: closed, a folder, a full disk, a reader gone.
/// Whatever the conversation committed before stays in the store.
struct TerminalFailure: Error, CustomStringConvertible {
    enum Direction { case input, output }
    var direction: Direction
    var code: Int32

    static func input(_ code: Int32) -> TerminalFailure { TerminalFailure(direction: .input, code: code) }
    static func output(_ code: Int32) -> TerminalFailure { TerminalFailure(direction: .output, code: code) }

    /// The exit status for it (EX_IOERR of sysexits.h), as the README lists.
    static let status: Int32 = 74

    var description: String {
        let reason = String(cString: strerror(code))
        switch direction {
        case .input:
            return "standard input can't be read (\(reason)), so unsent stopped there. Everything saved before stays saved. "
                + "Give it a terminal, a file or a pipe to read from."
        case .output:
            return "standard output can't be written (\(reason)), so unsent stopped there. Everything saved before stays saved. "
                + "Give it a terminal, a file or a pipe it can write to."
        }
    }
}

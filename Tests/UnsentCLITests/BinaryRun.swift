import Foundation
import UnsentTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the binary through pipes produced.
struct BinaryRun {
    var status: Int32
    var stdout: Data
    var stderr: Data
    /// True when the run was killed because it took longer than its time limit.
    var timedOut: Bool

    var output: String { String(decoding: stdout, as: UTF8.self) }
    var errors: String { String(decoding: stderr, as: UTF8.self) }

    /// Standard output split into lines (without the final empty piece after the last newline).
    var lines: [String] {
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Runs the `unsent` executable (or `executable`) with pipes for stdin, stdout and stderr.
    /// - Parameters:
    ///   - stdin: bytes to feed on standard input, then end of file; nil gives `/dev/null`.
    ///   - environment: the whole environment of the child (use `Sandbox.environment`).
    ///   - umask: when given, the child runs under this umask (through `/bin/sh -c 'umask …; exec …'`).
    ///   - timeout: seconds after which the child is killed and `timedOut` is set. A guard against a
    ///     child that hangs, not a measure of speed: a first run in a fresh sandbox reads every content
    ///     file (no snapshot yet), and with the whole suite running on two cores a debug build was seen
    ///     to need over a minute (stop 22), so the guard is generous.
    static func run(
        _ arguments: [String],
        stdin: Data? = nil,
        environment: [String: String],
        executable: String? = nil,
        currentDirectory: String? = nil,
        umask mask: String? = nil,
        timeout: TimeInterval = 240
    ) throws -> BinaryRun {
        let binary = try executable ?? UnsentBinary.require()
        ignoreBrokenPipes
        let child: ChildProcess
        if let mask {
            child = try ChildProcess(
                "/bin/sh", ["-c", "umask \(mask) && exec \"$0\" \"$@\"", binary] + arguments,
                environment: environment, currentDirectory: currentDirectory,
                stdin: stdin == nil ? .null : .pipe, stdout: .pipe, stderr: .pipe)
        } else {
            child = try ChildProcess(
                binary, arguments, environment: environment, currentDirectory: currentDirectory,
                stdin: stdin == nil ? .null : .pipe, stdout: .pipe, stderr: .pipe)
        }

        let collected = Collected()
        let readers = DispatchGroup()
        if let output = child.output {
            DispatchQueue.global().async(group: readers) { collected.stdout = output.readDataToEndOfFile() }
        }
        if let errors = child.errors {
            DispatchQueue.global().async(group: readers) { collected.stderr = errors.readDataToEndOfFile() }
        }
        if let input = child.input, let stdin {
            DispatchQueue.global().async(group: readers) {
                // The child may exit without reading everything (for example with --help); that is fine.
                try? input.write(contentsOf: stdin)
                try? input.close()
            }
        }

        var timedOut = false
        var ended = child.wait(timeout: timeout)
        if ended == nil {
            timedOut = true
            child.kill()
            ended = child.wait()
        }
        // The pipes close when the child exits; wait a little for the readers to drain them.
        _ = readers.wait(timeout: .now() + 5)
        return BinaryRun(
            status: ended?.status ?? -1, stdout: collected.stdout, stderr: collected.stderr, timedOut: timedOut)
    }

    /// A write to a pipe whose reader has gone must fail with an error, not kill the test process.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}

/// Output gathered on reader threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    var stdout: Data {
        get { lock.withLock { out } }
        set { lock.withLock { out = newValue } }
    }
    var stderr: Data {
        get { lock.withLock { err } }
        set { lock.withLock { err = newValue } }
    }
}

import Foundation
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
    ///   - timeout: seconds after which the child is killed and `timedOut` is set.
    static func run(
        _ arguments: [String],
        stdin: Data? = nil,
        environment: [String: String],
        executable: String? = nil,
        currentDirectory: String? = nil,
        umask mask: String? = nil,
        timeout: TimeInterval = 60
    ) throws -> BinaryRun {
        let binary = try executable ?? UnsentBinary.require()
        ignoreBrokenPipes
        let process = Process()
        if let mask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(mask) && exec \"$0\" \"$@\"", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }

        let outputPipe = Pipe(), errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        let inputPipe = stdin.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()

        let collected = Collected()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) {
            collected.stdout = outputPipe.fileHandleForReading.readDataToEndOfFile()
        }
        DispatchQueue.global().async(group: readers) {
            collected.stderr = errorPipe.fileHandleForReading.readDataToEndOfFile()
        }
        if let inputPipe, let stdin {
            DispatchQueue.global().async(group: readers) {
                // The child may exit without reading everything (for example with --help); that is fine.
                try? inputPipe.fileHandleForWriting.write(contentsOf: stdin)
                try? inputPipe.fileHandleForWriting.close()
            }
        }

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        // The pipes close when the child exits; wait a little for the readers to drain them.
        _ = readers.wait(timeout: .now() + 5)
        return BinaryRun(
            status: process.terminationStatus, stdout: collected.stdout, stderr: collected.stderr, timedOut: timedOut)
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

import Foundation
import UnsentTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running `unsent` fed its input slowly, in chunks, through a pipe, that a test can `kill -9` at any
/// moment and then look at: what it had printed by then, and how it ended.
final class DurabilityChild: @unchecked Sendable {
    /// What the child left behind.
    struct Outcome {
        var stdout: Data
        var stderr: Data
        var status: Int32
        /// True when the child died of a signal (our SIGKILL) rather than exiting.
        var killed: Bool
        var output: String { String(decoding: stdout, as: UTF8.self) }
        var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    private let child: ChildProcess
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let firstOutput = DispatchSemaphore(value: 0)
    private var sawOutput = false
    private let helpers = DispatchGroup()
    private var stopFeeding = false

    /// Starts the binary (or `executable`) and a thread that writes `chunks` one by one, pausing `pauses[i]`
    /// microseconds after chunk i, until all are written or the pipe breaks.
    init(arguments: [String], environment: [String: String], chunks: [Data], pauses: [UInt32], executable: String? = nil) throws {
        signal(SIGPIPE, SIG_IGN)
        child = try ChildProcess(
            try executable ?? UnsentBinary.require(), arguments, environment: environment,
            stdin: .pipe, stdout: .pipe, stderr: .pipe)
        let input = child.input!, output = child.output!, errors = child.errors!

        DispatchQueue.global().async(group: helpers) { [self] in
            drain(output, isStdout: true)
        }
        DispatchQueue.global().async(group: helpers) { [self] in
            drain(errors, isStdout: false)
        }
        DispatchQueue.global().async(group: helpers) { [self] in
            let writer = input
            for (index, chunk) in chunks.enumerated() {
                if lock.withLock({ stopFeeding }) { break }
                do { try writer.write(contentsOf: chunk) } catch { break }
                if index < pauses.count, pauses[index] > 0 { usleep(pauses[index]) }
            }
            try? writer.close()
        }
    }

    private func drain(_ handle: FileHandle, isStdout: Bool) {
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            lock.withLock {
                if isStdout {
                    out.append(chunk)
                    if !sawOutput {
                        sawOutput = true
                        firstOutput.signal()
                    }
                } else {
                    err.append(chunk)
                }
            }
        }
    }

    /// Kills the child if it is still running; for `defer`, so a failed `#require` leaves no process behind.
    func stop() {
        guard child.isRunning else { return }
        child.kill()
        _ = child.wait(timeout: 5)
    }

    /// Waits until the child has printed something (true), or `timeout` seconds passed (false).
    func waitForFirstOutput(timeout: TimeInterval) -> Bool {
        firstOutput.wait(timeout: .now() + timeout) == .success
    }

    /// `kill -9`, waits for the child to be gone and for its pipes to drain, and returns what it left.
    func killAndCollect() -> Outcome {
        child.kill()
        return collect(timeout: 10)
    }

    /// Waits for the child to exit on its own (killing it after `timeout` seconds) and returns what it left.
    func collect(timeout: TimeInterval) -> Outcome {
        if child.wait(timeout: timeout) == nil { child.kill() }
        let ended = child.wait()
        lock.withLock { stopFeeding = true }
        _ = helpers.wait(timeout: .now() + 10)
        return lock.withLock {
            Outcome(stdout: out, stderr: err, status: ended.status, killed: ended.bySignal)
        }
    }
}

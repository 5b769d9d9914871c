import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process for the tests, started with `fork` and `execve`.
///
/// Foundation's `Process.run()` on Linux crashes now and then: it copies a whole 256-byte `d_name` out of each
/// `/proc/self/fd` entry and reads past the end of glibc's buffer (swift-corelibs-foundation pull request 5472,
/// fixed after the toolchain this project uses). It killed a CI run of the "Version and help" suite with
/// signal 11, so no test starts a process through it. Everything the child needs is prepared before `fork`;
/// after it the child only makes system calls.
public final class ChildProcess: @unchecked Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// A pipe whose other end the test holds (`input`, `output`, `errors`).
        case pipe
        /// The test process's own stream of the same number.
        case inherit
    }

    /// How the child ended.
    public struct Termination: Sendable, Equatable {
        /// The exit status, or the number of the signal that killed it.
        public var status: Int32
        /// True when a signal killed the child.
        public var bySignal: Bool
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let pid: pid_t
    /// The write end of the child's standard input, when it is a pipe.
    public let input: FileHandle?
    /// The read end of the child's standard output, when it is a pipe.
    public let output: FileHandle?
    /// The read end of the child's standard error, when it is a pipe.
    public let errors: FileHandle?

    private let lock = NSLock()
    private var ended: Termination?
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `executable` with `arguments` (argv[0] is the executable's path).
    /// - Parameters:
    ///   - environment: the whole environment of the child; nil passes this process's own.
    ///   - currentDirectory: the child's working directory; nil keeps this process's.
    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        currentDirectory: String? = nil,
        stdin: Stream = .null,
        stdout: Stream = .null,
        stderr: Stream = .null
    ) throws {
        guard access(executable, X_OK) == 0 else {
            throw Failure(description: "\(executable) is not an executable file: \(String(cString: strerror(errno))).")
        }
        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let directory: UnsafeMutablePointer<CChar>? = currentDirectory.flatMap { strdup($0) }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            free(directory)
        }

        // For each of 0, 1, 2: the descriptor the child gets, and the end the test keeps (or -1).
        var childEnds: [Int32] = []
        var ourEnds: [Int32] = []
        var opened: [Int32] = []
        for (number, stream) in [stdin, stdout, stderr].enumerated() {
            switch stream {
            case .inherit:
                childEnds.append(Int32(number))
                ourEnds.append(-1)
            case .null:
                let descriptor = open("/dev/null", (number == 0 ? O_RDONLY : O_WRONLY) | O_CLOEXEC)
                guard descriptor >= 0 else {
                    opened.forEach { close($0) }
                    throw Failure(description: "Opening /dev/null failed: \(String(cString: strerror(errno))).")
                }
                opened.append(descriptor)
                childEnds.append(descriptor)
                ourEnds.append(-1)
            case .pipe:
                var ends: [Int32] = [-1, -1]
                guard pipe(&ends) == 0 else {
                    opened.forEach { close($0) }
                    throw Failure(description: "pipe failed: \(String(cString: strerror(errno))).")
                }
                // Another test's child forked now would hold these ends, but every child closes all above 2.
                ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
                opened.append(contentsOf: ends)
                // stdin: the child reads end 0, we write end 1; stdout/stderr the other way round.
                childEnds.append(number == 0 ? ends[0] : ends[1])
                ourEnds.append(number == 0 ? ends[1] : ends[0])
            }
        }

        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        let highestDescriptor = min(Int32(clamping: sysconf(Int32(_SC_OPEN_MAX))), 65_536)
        let pid = fork()
        if pid == 0 {
            // The child. dup2 clears close-on-exec on the copies; a descriptor already in place gets it cleared.
            for number in 0..<3 {
                let source = childEnds[number]
                if source == Int32(number) {
                    _ = fcntl(source, F_SETFD, 0)
                } else if dup2(source, Int32(number)) < 0 {
                    _exit(126)
                }
            }
            // Signals ignored or blocked by the test process (SIGPIPE is ignored there) start at their defaults.
            var signalNumber: Int32 = 1
            while signalNumber < 32 {
                if signalNumber != SIGKILL && signalNumber != SIGSTOP { signal(signalNumber, SIG_DFL) }
                signalNumber += 1
            }
            sigprocmask(SIG_SETMASK, &emptyMask, nil)
            var descriptor: Int32 = 3
            while descriptor < highestDescriptor {
                close(descriptor)
                descriptor += 1
            }
            if let directory, chdir(directory) != 0 { _exit(126) }
            execve(executable, argv, envp)
            _exit(127)
        }
        let forkError = errno
        for descriptor in opened where !ourEnds.contains(descriptor) { close(descriptor) }
        guard pid > 0 else {
            ourEnds.filter { $0 >= 0 }.forEach { close($0) }
            throw Failure(description: "fork failed: \(String(cString: strerror(forkError))).")
        }
        self.pid = pid
        input = ourEnds[0] >= 0 ? FileHandle(fileDescriptor: ourEnds[0], closeOnDealloc: true) : nil
        output = ourEnds[1] >= 0 ? FileHandle(fileDescriptor: ourEnds[1], closeOnDealloc: true) : nil
        errors = ourEnds[2] >= 0 ? FileHandle(fileDescriptor: ourEnds[2], closeOnDealloc: true) : nil

        // One thread waits for the child, so that `wait(timeout:)` can give up and a kill is always reaped.
        let waiter = Thread { [self] in
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, 0) } while result < 0 && errno == EINTR
            let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
            let termination = result < 0
                ? Termination(status: -1, bySignal: false)
                : Termination(status: signalled ? status & 0x7f : (status >> 8) & 0xff, bySignal: signalled)
            lock.withLock { ended = termination }
            exited.signal()
        }
        waiter.start()
    }

    /// How the child ended, or nil while it runs.
    public var termination: Termination? { lock.withLock { ended } }

    public var isRunning: Bool { termination == nil }

    /// Waits for the child to end and says how.
    @discardableResult
    public func wait() -> Termination {
        if let ended = termination { return ended }
        exited.wait()
        exited.signal()
        return termination!
    }

    /// Waits at most `timeout` seconds; nil when the child is still running then.
    public func wait(timeout: TimeInterval) -> Termination? {
        if let ended = termination { return ended }
        guard exited.wait(timeout: .now() + timeout) == .success else { return nil }
        exited.signal()
        return termination
    }

    /// Sends `signal` (SIGKILL unless told) if the child is still running.
    public func kill(_ signal: Int32 = SIGKILL) {
        guard isRunning else { return }
        #if canImport(Glibc)
        _ = Glibc.kill(pid, signal)
        #else
        _ = Darwin.kill(pid, signal)
        #endif
    }

    /// Runs a tool to the end with its output thrown away; its exit status, or nil when it could not start
    /// or a signal ended it.
    public static func status(_ executable: String, _ arguments: [String]) -> Int32? {
        guard let child = try? ChildProcess(executable, arguments) else { return nil }
        let ended = child.wait()
        return ended.bySignal ? nil : ended.status
    }
}

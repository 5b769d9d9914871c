import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `unsent` binary running on a pseudo-terminal (80×24, its controlling terminal, so Ctrl-C
/// raises SIGINT), driven like a person at a keyboard: type keys, wait for text to appear.
/// Every wait has a deadline, so a stuck binary fails the test instead of hanging it.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// Everything the binary has written so far.
    private(set) var transcript: [UInt8] = []
    /// Where the last successful `waitFor` stopped matching, so the next one looks only at newer output.
    private(set) var mark = 0
    private var exitStatus: Int32?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the binary with these arguments and exactly this environment.
    init(_ arguments: [String], environment: [String: String], rows: UInt16 = 24, columns: UInt16 = 80) throws {
        let binary = try UnsentBinary.require()
        // Everything the child needs is prepared before fork: after it, the child only makes system calls.
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        let highestDescriptor = min(Int32(clamping: sysconf(Int32(_SC_OPEN_MAX))), 65_536)
        var master: Int32 = -1
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            // The child: a clean signal mask and no descriptors leaked from other tests' pipes.
            sigprocmask(SIG_SETMASK, &emptyMask, nil)
            var descriptor: Int32 = 3
            while descriptor < highestDescriptor {
                close(descriptor)
                descriptor += 1
            }
            execve(binary, argv, envp)
            _exit(127)
        }
        guard pid > 0 else { throw Failure(description: "forkpty failed: \(String(cString: strerror(errno))).") }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.pid = pid
        self.master = master
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// The output as text (invalid UTF-8 shown as replacement characters).
    var text: String { String(decoding: transcript, as: UTF8.self) }

    /// Output written since the last successful `waitFor`.
    var textSinceMark: String { String(decoding: transcript[mark...], as: UTF8.self) }

    /// Sends keys as typed (use "\r" for Enter, "\u{1B}[A" for up-arrow, "\u{03}" for Ctrl-C).
    func type(_ keys: String) throws {
        var bytes = Array(keys.utf8)
        while !bytes.isEmpty {
            let written = write(master, bytes, bytes.count)
            if written < 0 {
                if errno == EAGAIN || errno == EINTR { usleep(1_000); continue }
                throw Failure(description: "Writing to the terminal failed: \(String(cString: strerror(errno))).")
            }
            bytes.removeFirst(written)
        }
    }

    /// Waits until `needle` appears in output newer than the mark; moves the mark past it.
    /// Throws, showing the output so far, when it does not appear within `timeout` seconds.
    @discardableResult
    func waitFor(_ needle: String, timeout: TimeInterval = 8) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        let pattern = Array(needle.utf8)
        while true {
            if let range = Self.find(pattern, in: transcript, from: mark) {
                let seen = String(decoding: transcript[mark..<range.upperBound], as: UTF8.self)
                mark = range.upperBound
                return seen
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 || !pump(milliseconds: Int32(min(remaining, 0.2) * 1000)) && exitStatus != nil {
                if let range = Self.find(pattern, in: transcript, from: mark) {
                    mark = range.upperBound
                    return String(decoding: transcript[..<range.upperBound], as: UTF8.self)
                }
                throw Failure(description: "Timed out after \(timeout)s waiting for \(needle.debugDescription). "
                    + "Output since the last match:\n\(textSinceMark.debugDescription)")
            }
        }
    }

    /// Reads whatever arrives within `seconds` (to check that something does not appear).
    func settle(_ seconds: TimeInterval = 0.5) {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0 {
            _ = pump(milliseconds: Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
        }
    }

    /// Waits for the child to exit, reading its last output; kills it and throws after `timeout`.
    func waitForExit(timeout: TimeInterval = 8) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while exitStatus == nil {
            _ = pump(milliseconds: 50)
            reap()
            if exitStatus == nil, deadline.timeIntervalSinceNow <= 0 {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                exitStatus = -1
                throw Failure(description: "The binary did not exit within \(timeout)s. Output:\n\(text.debugDescription)")
            }
        }
        while pump(milliseconds: 0) {}
        return exitStatus ?? -1
    }

    /// Reads available output, waiting up to `milliseconds`. Returns whether anything was read.
    private func pump(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { reap(); return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { reap(); return false }  // EIO: the child closed the terminal.
        transcript.append(contentsOf: buffer[0..<count])
        return true
    }

    /// Notes the exit status if the child has exited (exit code, or 128 + signal).
    private func reap() {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        }
    }

    static func find(_ pattern: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !pattern.isEmpty, haystack.count - start >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= haystack.count {
            if haystack[index] == pattern[0], Array(haystack[index..<index + pattern.count]) == pattern {
                return index..<index + pattern.count
            }
            index += 1
        }
        return nil
    }
}

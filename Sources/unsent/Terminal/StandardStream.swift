import Foundation

/// Standard input and output through plain system calls, so that a closed, full or odd stream is
/// an error to report, never a crash (Foundation's `FileHandle.write` and `availableData` stop the
/// program on any failure).
enum StandardStream {
    /// The standard descriptors (0, 1, 2) that were closed when the program started. Each is
    /// given `/dev/null` in its place at once, so no file opened later (the store, the cache)
    /// takes its number and receives what was meant for the terminal; a write to or a read from
    /// one of them is then reported as failed, as it would have been.
    static let closedAtStart: Set<Int32> = {
        var closed: Set<Int32> = []
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            closed.insert(descriptor)
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
        return closed
    }()

    /// Writes all of `bytes` to `descriptor`; the error number when that failed.
    static func write(_ bytes: some Collection<UInt8>, to descriptor: Int32) -> Int32? {
        if closedAtStart.contains(descriptor) { return EBADF }
        let data = Array(bytes)
        var offset = 0
        while offset < data.count {
            let written = data[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    /// Up to `limit` bytes of what is available on `descriptor` (at least one unless at its end):
    /// an empty array at the end of input, or the error number.
    static func read(from descriptor: Int32, limit: Int = 1 << 16) -> Result<[UInt8], TerminalFailure> {
        if closedAtStart.contains(descriptor) { return .failure(.input(EBADF)) }
        var chunk = [UInt8](repeating: 0, count: limit)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, limit) }
            if got >= 0 { return .success(Array(chunk.prefix(got))) }
            if errno == EINTR { continue }
            return .failure(.input(errno))
        }
    }

    /// Standard input to its end, of which the first `limit` bytes are kept.
    static func readAll(limit: Int) throws(TerminalFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try read(from: STDIN_FILENO).get()
            if chunk.isEmpty { return bytes }
            if bytes.count < limit { bytes += chunk.prefix(limit - bytes.count) }
        }
    }

    /// One line of standard input (without its newline), read a byte at a time so that what
    /// follows it is left for whoever reads next; nil at the end of input. At most `limit`
    /// bytes are kept.
    static func readLine(limit: Int) throws(TerminalFailure) -> String? {
        var bytes: [UInt8] = []
        while true {
            let byte = try read(from: STDIN_FILENO, limit: 1).get()
            guard let first = byte.first else { return bytes.isEmpty ? nil : PipeTerminal.decode(Data(bytes)) }
            if first == 0x0A { return PipeTerminal.decode(Data(bytes)) }
            if bytes.count < limit { bytes.append(first) }
        }
    }

    /// Standard output, written whole; a failure is thrown to be reported.
    static func writeOutput(_ text: String) throws(TerminalFailure) {
        if let code = write(text.utf8, to: STDOUT_FILENO) { throw .output(code) }
    }

    /// Standard error, where nothing can be reported if it fails: a failure is ignored.
    static func writeError(_ text: String) {
        _ = write(text.utf8, to: STDERR_FILENO)
    }
}

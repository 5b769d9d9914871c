import Foundation

/// Plain lines in, plain lines out: for pipes, tests and CI. No prompts, no colour, no waiting
/// unless asked, so the output is the same every time.
final class PipeTerminal: Terminal {
    private let input: Int32
    private var buffer = Data()
    private var readOffset = 0
    private var atEnd = false
    private var output = Data()
    /// In a pipe a pause is not waited out unless `--wait` was given.
    let realWaits: Bool
    /// Lines longer than this are cut (the rest is dropped) so one huge line cannot exhaust memory.
    static let maximumLineBytes = 4 << 20
    /// Why standard input or output stopped working, once it has; the conversation then ends.
    private(set) var failure: TerminalFailure?
    let isInteractive = false

    init(input: Int32 = STDIN_FILENO, realWaits: Bool) {
        self.input = input
        self.realWaits = realWaits
    }

    func say(_ text: String) {
        write(text + "\n")
    }

    func show(_ prompt: UnsentPromptView) {
        var text = prompt.text + "\n"
        for (index, choice) in prompt.choices.enumerated() { text += "  \(index + 1). \(choice)\n" }
        if let note = prompt.note { text += note + "\n" }
        write(text)
    }

    func read(choices: [String]) -> InputEvent {
        flush()
        if failure != nil { return .failed }
        while true {
            // Lines are taken from a read position; the buffer is compacted only now and then, so a
            // long piped conversation costs time in proportion to its length, not its square.
            if let newline = buffer[readOffset...].firstIndex(of: 0x0A) {
                let lineData = buffer[readOffset..<newline]
                readOffset = newline + 1
                let line = Self.decode(Data(lineData))
                compactIfWorthIt()
                return .line(line)
            }
            if atEnd {
                guard readOffset < buffer.endIndex else { return failure == nil ? .endOfInput : .failed }
                let rest = buffer[readOffset...]
                readOffset = buffer.endIndex
                return .line(Self.decode(Data(rest)))
            }
            guard let chunk = nextChunk() else { continue }
            buffer.append(contentsOf: chunk)
            if buffer.endIndex - readOffset > Self.maximumLineBytes, !buffer[readOffset...].contains(0x0A) {
                // Keep the first part of an enormous line and skip the rest of it, and say so: the
                // person should know the end of what they wrote was not kept.
                let kept = Data(buffer[readOffset..<(readOffset + Self.maximumLineBytes)])
                buffer.removeAll()
                readOffset = 0
                skipToNewline()
                StandardStream.writeError("unsent: a line of more than \(Self.maximumLineBytes >> 20) MiB was cut to its first "
                                          + "\(Self.maximumLineBytes >> 20) MiB; the rest of that line was not read.\n")
                return .line(Self.decode(kept))
            }
        }
    }

    /// The next bytes of standard input; nil (with `atEnd` set) at its end or when it fails.
    private func nextChunk() -> [UInt8]? {
        switch StandardStream.read(from: input) {
        case .success(let chunk) where !chunk.isEmpty:
            return chunk
        case .success:
            atEnd = true
        case .failure(let failure):
            atEnd = true
            self.failure = failure
        }
        return nil
    }

    private func compactIfWorthIt() {
        guard readOffset > 1 << 16, readOffset > buffer.count / 2 else { return }
        buffer = Data(buffer[readOffset...])
        readOffset = 0
    }

    private func skipToNewline() {
        while let chunk = nextChunk() {
            if let newline = chunk.firstIndex(of: 0x0A) {
                buffer.append(contentsOf: chunk[chunk.index(after: newline)...])
                return
            }
        }
    }

    /// Invalid UTF-8 becomes replacement characters; a trailing carriage return is dropped.
    static func decode(_ data: Data) -> String {
        var bytes = data
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A pipe's lines are read after the pause, in turn: nothing is typed during it.
    func wait(seconds: Int) -> (waited: Int, skipped: Bool, typed: String) {
        flush()
        guard realWaits, seconds > 0 else { return (0, false, "") }
        Thread.sleep(forTimeInterval: TimeInterval(seconds))
        return (seconds, false, "")
    }

    func echo(_ line: String) {}

    func loadHistory(_ lines: [String]) {}
    var lastHistoryLine: String? { nil }

    private func write(_ text: String) {
        output.append(contentsOf: text.utf8)
        if output.count > 1 << 16 { flush() }
    }

    /// Writes what is waiting; once standard output fails, nothing more is written (what was
    /// said is in the store already).
    func flush() {
        guard !output.isEmpty else { return }
        if failure == nil, let code = StandardStream.write(output, to: STDOUT_FILENO) {
            failure = .output(code)
        }
        output.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

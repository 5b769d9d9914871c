import CReadline
import Foundation

/// The interactive terminal: GNU readline for editing and history (kept in the store, never in a
/// plain-text file), Tab completion of the current choices, Ctrl-C to clear the line (twice at an
/// empty prompt to leave), Ctrl-D to leave, a live countdown for timed pauses.
final class ReadlineTerminal: Terminal {
    private let style: Style
    private(set) var lastHistoryLine: String?
    let failure: TerminalFailure? = nil
    let isInteractive = true
    static let promptText = "› "

    init(style: Style) {
        self.style = style
        ReadlineState.configure()
    }

    func say(_ text: String) {
        var out = ""
        for line in style.wrap(text) { out += line + "\n" }
        Self.write(out)
    }

    func show(_ prompt: UnsentPromptView) {
        var out = ""
        for line in style.wrap(prompt.text) { out += style.bold(line) + "\n" }
        for (index, choice) in prompt.choices.enumerated() {
            // Wrapped with its number and inside the two-space margin, so that every line fits the window.
            let number = "\(index + 1)."
            for (offset, line) in style.wrap(number + " " + choice, indent: "   ", margin: 2).enumerated() {
                out += "  " + (offset == 0 ? style.accent(number) + line.dropFirst(number.count) : line) + "\n"
            }
        }
        if let note = prompt.note {
            for line in style.wrap(note) { out += style.dim(line) + "\n" }
        }
        Self.write(out)
    }

    func loadHistory(_ lines: [String]) {
        for line in lines { add_history(line) }
    }

    func read(choices: [String]) -> InputEvent {
        ReadlineState.completions = choices
        // The hint after a first Ctrl-C, wrapped to the window like every other line (at 50 columns it broke mid-word).
        let leaveHint = style.wrap("(Press Ctrl-C again to leave. What you wrote so far is kept.)").joined(separator: "\n")
        let clearedHint = style.wrap("(Line cleared; the Up arrow brings it back.)").joined(separator: "\n")
        let prompt = style.colour ? "\u{01}\u{1B}[36m\u{02}\(Self.promptText)\u{01}\u{1B}[0m\u{02}" : Self.promptText
        var event = ReadlineState.readLine(prompt: prompt, leaveHint: leaveHint, clearedHint: clearedHint)
        // A blank line with more text already waiting behind it is a paragraph break inside a paste, not
        // the end of an answer (drive-32: without bracketed paste, a three-paragraph message from the ex
        // was cut at its first blank line, and the rest answered the questions after it). No one types
        // the next line within a few milliseconds of an Enter.
        var breaks = ""
        while case .line(let text) = event, text.trimmingCharacters(in: .whitespaces).isEmpty,
              ReadlineState.inputPending(milliseconds: Self.pasteGap) {
            breaks += "\n"
            event = ReadlineState.readLine(prompt: prompt, leaveHint: leaveHint, clearedHint: clearedHint)
        }
        if !breaks.isEmpty, case .line(let text) = event { event = .line(breaks + text) }
        if case .line(let text) = event {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !text.contains("\n"), text.utf8.count < 4096 {
                add_history(text)
                lastHistoryLine = text
            } else {
                lastHistoryLine = nil
            }
        }
        return event
    }

    /// The countdown, with what is typed during it shown after the cue (drive-25: words typed during the
    /// timer were thrown away, crisis words among them); Enter stops it and hands the words on.
    func wait(seconds: Int) -> (waited: Int, skipped: Bool, typed: String) {
        guard seconds > 0 else { return (0, false, "") }
        // Keys pressed during the pause are not echoed, so the countdown line stays clean.
        var saved = termios()
        let haveTermios = tcgetattr(STDIN_FILENO, &saved) == 0
        if haveTermios {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO | ICANON)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        }
        defer { if haveTermios { var restore = saved; tcsetattr(STDIN_FILENO, TCSANOW, &restore) } }
        let start = Date()
        let cues = ["breathe in", "hold", "breathe out", "rest"]
        var skipped = false
        var typed = TypedDuringWait()
        ReadlineState.interrupted = 0
        while true {
            let elapsed = Int(Date().timeIntervalSince(start))
            if elapsed >= seconds { break }
            let remaining = seconds - elapsed
            let cue = cues[(elapsed / 4) % cues.count]
            let width = min(30, max(10, (style.width ?? 60) - 30))
            let filled = width * elapsed / max(1, seconds)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let clock = String(format: "%d:%02d", remaining / 60, remaining % 60)
            // The end of what is typed, as much as fits after the cue.
            let room = max(0, (style.width ?? 80) - width - 8 - cue.count - 4)
            let shown = typed.text.isEmpty || room < 8 ? "" : "  " + Self.promptText + String(typed.text.suffix(room))
            Self.write("\r\u{1B}[2K" + style.accent(bar) + " " + clock + "  " + style.dim(cue) + shown)
            if ReadlineState.waitForEnter(milliseconds: 250, typing: &typed) || ReadlineState.interrupted > 0 {
                skipped = true
                break
            }
        }
        Self.write("\r\u{1B}[2K")
        // Ctrl-C during the pause stops it, and what was typed with it.
        if ReadlineState.interrupted > 0 { typed = TypedDuringWait() }
        ReadlineState.interrupted = 0
        ReadlineState.drainWakePipe()
        let waited = min(seconds, Int(Date().timeIntervalSince(start)))
        return (waited, skipped, typed.text)
    }

    /// How soon after a blank line the next one must already be there to be read as part of a paste.
    static let pasteGap: Int32 = 15

    func echo(_ line: String) {
        var out = ""
        for (index, wrapped) in style.wrap(line, indent: "  ").enumerated() {
            out += (index == 0 ? (style.colour ? "\u{1B}[36m\(Self.promptText)\u{1B}[0m" : Self.promptText) : "") + wrapped + "\n"
        }
        Self.write(out)
    }

    /// On a terminal a failed write (a hang-up) ends the conversation at the next read, as the
    /// end of input does; it is not a reason to stop the program.
    static func write(_ text: String) {
        _ = StandardStream.write(text.utf8, to: STDOUT_FILENO)
    }
}

/// Readline's C callbacks cannot carry context, so the little state they share lives here.
/// Only the main thread touches it.
enum ReadlineState {
    nonisolated(unsafe) static var completions: [String] = []
    nonisolated(unsafe) static var completionIndex = 0
    nonisolated(unsafe) static var finishedLine: String?
    nonisolated(unsafe) static var finished = false
    nonisolated(unsafe) static var gotEndOfInput = false
    /// Set by the SIGINT handler (async-signal-safe: a plain store).
    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0
    /// The SIGINT handler also writes a byte here, so a `poll` on the main thread wakes up
    /// whichever thread the signal landed on, and a Ctrl-C between prompts is not lost.
    nonisolated(unsafe) static var wakeRead: Int32 = -1
    nonisolated(unsafe) static var wakeWrite: Int32 = -1
    nonisolated(unsafe) static var configured = false

    static func configure() {
        guard !configured else { return }
        configured = true
        InputLocale.useUTF8()
        unsent_rl_configure { text, _, _ in
            unsent_rl_completion_over()
            return rl_completion_matches(text) { text, state in
                if state == 0 { ReadlineState.completionIndex = 0 }
                let prefix = text.map { String(cString: $0) }?.lowercased() ?? ""
                while ReadlineState.completionIndex < ReadlineState.completions.count {
                    let word = ReadlineState.completions[ReadlineState.completionIndex]
                    ReadlineState.completionIndex += 1
                    if word.lowercased().hasPrefix(prefix) { return strdup(word) }
                }
                return nil
            }
        }
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            wakeRead = ends[0]
            wakeWrite = ends[1]
            for descriptor in ends { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            ReadlineState.interrupted = 1
            var byte: UInt8 = 1
            _ = Foundation.write(ReadlineState.wakeWrite, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// One line through readline's callback interface, so Ctrl-C can be handled between keys.
    static func readLine(prompt: String, leaveHint: String, clearedHint: String) -> InputEvent {
        finished = false
        finishedLine = nil
        gotEndOfInput = false
        var armedToLeave = false
        // The line a Ctrl-C cleared: in the history at once, and handed on if the presses after it leave (drive-36:
        // the first press silently lost a half-typed line of a letter).
        var cleared = ""
        rl_callback_handler_install(prompt) { line in
            if let line {
                ReadlineState.finishedLine = String(decoding: Data(bytes: line, count: strlen(line)), as: UTF8.self)
                free(line)
            } else {
                ReadlineState.gotEndOfInput = true
            }
            ReadlineState.finished = true
            rl_callback_handler_remove()
        }
        defer { if !finished { rl_callback_handler_remove() } }
        while !finished {
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, wakeRead >= 0 ? 2 : 1, wakeRead >= 0 ? -1 : 200)
            let descriptor = descriptors[0]
            if interrupted != 0 || descriptors[1].revents & Int16(POLLIN) != 0 {
                interrupted = 0
                drainWakePipe()
                let length = Int(unsent_rl_line_length())
                let line = length > 0 ? String(decoding: Data(bytes: unsent_rl_line(), count: length), as: UTF8.self) : ""
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_replace_line("", 0)
                if line.isEmpty && armedToLeave {
                    ReadlineTerminal.write("\n")
                    rl_callback_handler_remove()
                    return .interrupted(partial: cleared)
                }
                if line.isEmpty {
                    ReadlineTerminal.write("^C\n" + leaveHint + "\n")
                    armedToLeave = true
                } else {
                    // Clearing a line is not a step towards leaving, as in a shell; it is said, and undone with Up.
                    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                        add_history(line)
                        // Up goes to the newest entry: the line read began with the history's end one entry
                        // earlier (drive-37: Up brought the line before the cleared one, Down the cleared one).
                        using_history()
                        cleared = line
                    }
                    ReadlineTerminal.write("^C\n" + clearedHint + "\n")
                    armedToLeave = false
                }
                rl_on_new_line()
                rl_redisplay()
                continue
            }
            if ready > 0 {
                if descriptor.revents & Int16(POLLIN | POLLHUP) != 0 {
                    armedToLeave = false
                    cleared = ""
                    rl_callback_read_char()
                }
            } else if ready < 0, errno != EINTR {
                return .endOfInput
            }
        }
        if gotEndOfInput {
            ReadlineTerminal.write("\n")
            return .endOfInput
        }
        return .line(finishedLine ?? "")
    }

    static func drainWakePipe() {
        guard wakeRead >= 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 64)
        while Foundation.read(wakeRead, &bytes, bytes.count) > 0 {}
    }

    /// Whether input is already waiting, or arrives within `milliseconds`.
    static func inputPending(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// Waits up to the given time for Enter (or Ctrl-D, or the end of input); other keys are what is
    /// being typed, kept in `typing`.
    static func waitForEnter(milliseconds: Int32, typing: inout TypedDuringWait) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = Foundation.read(STDIN_FILENO, &bytes, bytes.count)
        if count <= 0 { return true }
        return typing.take(bytes[0..<count])
    }
}

/// The keys typed during a timed pause: printable text kept (as UTF-8, so a word in any script
/// survives), Backspace taking back a character, escape sequences (arrows) and other control keys
/// dropped. Enter, Ctrl-D and the end of input end it.
struct TypedDuringWait {
    private var bytes: [UInt8] = []
    /// Inside an escape sequence: just after ESC, inside `ESC [ …` (ends with a byte from @ to ~), or
    /// after `ESC O` (one more byte).
    private enum Escape { case none, started, control, single }
    private var escape = Escape.none
    /// The most kept: a pause is not the place for a letter (the question after it asks for one).
    static let most = 4_096

    var text: String { String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces) }

    /// Takes keys; true when one of them ends the pause.
    mutating func take(_ keys: ArraySlice<UInt8>) -> Bool {
        for key in keys {
            switch escape {
            case .none: break
            case .started:
                escape = key == 0x5B ? .control : key == 0x4F ? .single : .none
                continue
            case .control:
                if (0x40...0x7E).contains(key) { escape = .none }
                continue
            case .single:
                escape = .none
                continue
            }
            switch key {
            case 0x0A, 0x0D, 0x04: return true
            case 0x1B: escape = .started
            case 0x7F, 0x08:
                // One character back: its continuation bytes go with it.
                while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
            case 0x09: if bytes.count < Self.most { bytes.append(0x20) }
            case 0..<0x20: break
            default: if bytes.count < Self.most { bytes.append(key) }
            }
        }
        return false
    }
}

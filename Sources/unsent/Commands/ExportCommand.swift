import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent export`: everything in the store, in a file only you can read.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write everything in your store to a file: your plan and settings, conversations, events, check-ins and drafts.",
        discussion: CommandHelp.discussion("""
            JSON (the default) is complete and versioned ("format": "unsent-export", "version": 1), with one list \
            per table: settings, sessions, turns, events, drafts, variations and history; 'unsent import' reads it \
            back (into a new store as it was, or merged into one in use). Markdown reads like a journal, a section per day. CSV is one file with a \
            'table' column naming each row's table (setting, session, turn, event, draft, variation, history), \
            then the columns of every table; each row fills the columns its table has. Times are UTC, written \
            like 2026-03-01T23:40:00.000Z. Control characters, C1 controls and direction overrides in the text are \
            written as escapes (\\u001b) in JSON and CSV and as visible marks in Markdown, so every format is safe to \
            show on a terminal. A file is created readable by you only (mode 0600), and an existing \
            file is never replaced unless you add --force. Without --out (or a file named after 'export'), the export goes to \
            standard output. The format follows the file's ending (.md, .csv, .json) unless --format says otherwise.
            """,
            examples: [("unsent export --out unsent.json", "everything, in a file only you can read"),
                       ("unsent export journal.md", "your journal as Markdown, in a file"),
                       ("unsent export --format markdown | less", "your journal, to read")],
            exits: [(0, "Exported."), CommandHelp.store,
                    (64, "The command was used wrongly, or the file exists (add --force) or can't be written."), CommandHelp.stream]))

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown, csv
    }

    @Option(help: ArgumentHelp("The format: json, markdown or csv (default: from the file's ending, else json).", valueName: "format"))
    var format: Format?

    @Option(help: ArgumentHelp("The file to write. Without it, the export is written to standard output.", valueName: "file"), completion: .file())
    var out: String?

    /// The file named without --out, as people type it (drive-28: `unsent export journal.md` was "Unexpected argument").
    @Argument(help: ArgumentHelp("The file to write, as --out.", valueName: "file"), completion: .file())
    var file: String?

    func validate() throws {
        if out != nil, file != nil { throw ValidationError("Name the file once: either as an argument or with --out.") }
    }

    /// The format asked for, else the one the file's ending names, else JSON.
    static func format(_ asked: Format?, path: String?) -> Format {
        if let asked { return asked }
        switch path.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
        case "md", "markdown": return .markdown
        case "csv": return .csv
        default: return .json
        }
    }

    @Flag(help: "Replace the file named by --out if it already exists.")
    var force = false

    @OptionGroup var options: StoreOptions
    @OptionGroup var pagerOption: PagerOption

    func run() throws {
        let out = self.out ?? file
        let format = Self.format(format, path: out)
        let store = try StoreOpening.open(options)
        let output = try ExportFile.open(out, force: force)
        // Only what goes to the terminal is paged; a file never is.
        let pager = out == nil ? pagerOption.start() : nil
        defer { pager?.finish() }
        do {
            switch format {
            case .json: try store.writeJSONExport(output.write)
            case .csv: try store.writeCSVExport(output.write)
            case .markdown: try MarkdownJournal(store: store, titles: ChoiceTitles.load()).write(output.write)
            }
            try output.close()
        } catch let error as StoreError {
            ErrorOutput.write("unsent: " + error.description)
            throw ExitCode(3)
        }
        if let out {
            ErrorOutput.write("Exported to \(out) (readable by you only).")
        }
    }
}

/// Where an export goes: standard output, or a new file made under umask 077 with mode 0600.
final class ExportFile {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Standard output when `path` is nil; otherwise a new file. An existing file is refused without `force`,
    /// and with it removed first, so the new one never inherits wider permissions.
    static func open(_ path: String?, force: Bool) throws -> ExportFile {
        guard let path else { return ExportFile(descriptor: STDOUT_FILENO) }
        if force, FileManager.default.fileExists(atPath: path) {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                throw ValidationError("\(path) is a folder. Name a file for the export.")
            }
            unlink(path)
        }
        let previous = umask(0o077)
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        let failure = errno
        umask(previous)
        guard descriptor >= 0 else {
            if failure == EEXIST {
                throw ValidationError("\(path) already exists. Choose another file, or add --force to replace it.")
            }
            throw ValidationError("\(path) can't be created (\(String(cString: strerror(failure)))). Check the folder exists and is yours.")
        }
        return ExportFile(descriptor: descriptor)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func close() throws {
        try flush()
        if descriptor != STDOUT_FILENO { Glibc.close(descriptor) }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ValidationError("The export could not be written (\(String(cString: strerror(errno)))).")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The Markdown export: a journal with a section per day, oldest first — check-ins, notes, urges, contact,
/// drafts, and each conversation's transcript.
struct MarkdownJournal {
    let store: Store
    /// The words for the keys of the person's choices ("I contacted them" for `me`).
    var titles = ChoiceTitles()

    /// What happened on one day, in the order it happened.
    private enum Entry {
        case event(EventRecord)
        case draft(DraftRecord)
        case session(SessionRecord)

        var at: Date {
            switch self {
            case .event(let event): event.at
            case .draft(let draft): draft.createdAt
            case .session(let session): session.startedAt
            }
        }
    }

    func write(_ output: (String) throws -> Void) throws {
        let clock = try PlanFacts.dayClock(store)
        var time = LocalTime(clock)
        var days: [Day: [Entry]] = [:]
        for event in try store.events(kind: nil) {
            days[event.fields["day"].flatMap(Day.init) ?? time.day(of: event.at), default: []].append(.event(event))
        }
        for draft in try store.drafts() {
            days[time.day(of: draft.createdAt), default: []].append(.draft(draft))
        }
        for session in try store.sessions(limit: Int.max) {
            days[time.day(of: session.startedAt), default: []].append(.session(session))
        }
        try output("# Unsent journal\n")
        try output(try planSummary())
        for day in days.keys.sorted() {
            try output("\n## \(weekdayName(day)) \(day)\n")
            for entry in (days[day] ?? []).sorted(by: { $0.at < $1.at }) {
                let text = try text(of: entry, time: &time)
                if !text.isEmpty { try output("\n" + text) }
            }
        }
    }

    private func planSummary() throws -> String {
        var lines: [String] = []
        if let start = try store.setting("plan_start") { lines.append("- Plan started: \(clean(start))") }
        if let length = try store.setting("plan_length") {
            // 0 and -1 are the open-ended plan and the one that runs until they reach out (as `unsent status` says).
            let described = Int(length).map(Self.planLength) ?? clean(length)
            lines.append("- Plan length: \(described)")
        }
        if let reason = try store.setting("plan_statement") { lines.append("- Why: \(clean(reason))") }
        if let people = try store.setting("support_people") { lines.append("- People to reach instead: \(clean(people))") }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n") + "\n"
    }

    private func text(of entry: Entry, time: inout LocalTime) throws -> String {
        switch entry {
        case .event(let event):
            return eventText(event, at: clockTime(event.at, &time)) ?? ""
        case .draft(let draft):
            return "**Draft** (\(clockTime(draft.createdAt, &time)), unsent):\n\n" + quote(draft.text) + "\n"
        case .session(let session):
            var text = "### Conversation \(session.id): \(clean(session.flow)), \(clockTime(session.startedAt, &time)), "
                + SessionText.ending(session) + "\n\n"
            for turn in try store.turns(sessionId: session.id) {
                text += turn.speaker == .person ? quote(turn.text) + "\n\n" : clean(turn.text, keepNewlines: true) + "\n\n"
            }
            return text
        }
    }

    /// An event in words: what the person chose is shown as the choice's label, never as its key, and
    /// the bookkeeping events that repeat what another entry says (a draft kept, an urge begun and
    /// ended) are left out. `nil` for those.
    private func eventText(_ event: EventRecord, at time: String) -> String? {
        let fields = event.fields.mapValues { clean($0) }
        func chosen(_ field: EventField, _ variable: String? = nil) -> String? {
            guard let key = event.fields[field], !key.isEmpty else { return nil }
            return ChoiceTitles.inSentence(titles.words(key, for: variable ?? field.rawValue))
        }
        func written(_ field: EventField) -> String {
            event.fields[field].map { $0.isEmpty ? "" : "\n\n" + quote($0) } ?? ""
        }
        switch EventKind(rawValue: event.kind) {
        case .reflection:
            var parts: [String] = []
            if let mood = fields[.mood] { parts.append("mood \(mood)/10") }
            if let strongest = fields[.strongest] { parts.append("strongest craving \(strongest)/10") }
            if let contact = chosen(.contact) { parts.append(contact) }
            return "**Check-in** (\(time)): " + parts.joined(separator: ", ") + "." + written(.entry) + "\n"
        case .note:
            return "**Note** (\(time)): " + (fields[.text] ?? "") + "\n"
        case .tomorrow:
            return "**For tomorrow** (\(time)): " + (fields[.text] ?? "") + "\n"
        case .mood:
            return "**Mood** (\(time)): \(fields[.mood] ?? "?")/10.\n"
        case .urgeEnded:
            var parts = ["\(fields[.before] ?? "?")/10"]
            if let after = fields[.after], !after.isEmpty { parts[0] += " → \(after)/10" }
            if let trigger = chosen(.trigger) { parts.append(trigger) }
            if let outcome = event.fields[.outcome] {
                parts.append(["resisted": "you didn't send it", "sent": "you sent a message", "deciding": "you hadn't decided"][outcome]
                             ?? chosen(.outcome) ?? "")
            }
            return "**Urge** (\(time)): " + parts.filter { !$0.isEmpty }.joined(separator: ", ") + ".\n"
        case .contact:
            let who = ["me": "you contacted them", "they": "they contacted you", "planned": "planned contact"][fields[.direction] ?? ""]
            return "**Contact** (\(time)): " + (who ?? "contact") + ".\n"
        case .urgeStarted, .draftKept:
            return nil
        case .planSet:
            var parts: [String] = []
            if let start = fields[.start], !start.isEmpty { parts.append("starting \(start)") }
            if let length = fields[.length].flatMap(Int.init) { parts.append(Self.planLength(length)) }
            return "**Plan set** (\(time))" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")) + "." + written(.reason) + "\n"
        case .planEnded:
            return "**Plan ended** (\(time))" + (chosen(.choice, "next").map { ": \($0)" } ?? "") + ".\n"
        case .milestone:
            return "**Milestone** (\(time)): \(fields[.days] ?? "?") days without contact.\n"
        case .draftRevisited:
            let parts = [chosen(.feeling), chosen(.decision)].compactMap { $0 }
            return "**Draft \(fields[.draft] ?? "") read again** (\(time))" + (parts.isEmpty ? "" : ": " + parts.joined(separator: "; ")) + ".\n"
        case .contactReceived:
            return "**They reached out** (\(time)): you thought through whether to answer.\n"
        case .replyPractised:
            return "**Reply practised** (\(time)).\n"
        case .review:
            return "**Weekly review** (\(time))." + written(.noticed) + written(.nextWeek) + "\n"
        case .crisis, .checkIn, .safetyAnswer, .safetyChoice:
            return "**Safety check** (\(time)): unsent asked whether you were safe and showed the help lines.\n"
        case nil:
            let words = clean(event.kind).replacingOccurrences(of: "-", with: " ")
            return "**\(words.prefix(1).uppercased() + words.dropFirst())** (\(time)).\n"
        }
    }

    static func planLength(_ days: Int) -> String {
        switch days {
        case 0: "open-ended"
        case -1: "until they reach out"
        default: DraftAge.plural(days, "day")
        }
    }

    private func quote(_ text: String) -> String {
        clean(text, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "> " + $0 }.joined(separator: "\n")
    }

    private func clean(_ text: String, keepNewlines: Bool = false) -> String {
        Sanitizer.clean(Sanitizer.removingControlSequences(text), keepNewlines: keepNewlines)
    }

    private func clockTime(_ date: Date, _ time: inout LocalTime) -> String {
        String(format: "%02d:%02d", time.hour(of: date), time.minute(of: date))
    }

    private func weekdayName(_ day: Day) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][Heatmap.weekday(of: day)]
    }
}

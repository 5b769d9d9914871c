import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent import FILE`: another store, an export, or another journal, merged into this store.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a backup, an export or another journal into your store.",
        discussion: CommandHelp.discussion(
            """
            What FILE is, is read from what it holds:
              an unsent store or backup (`unsent backup`)   everything in it: conversations, events, check-ins, \
            drafts, history and settings
              a JSON export (`unsent export`)               the same
              jrnl's JSON export (`jrnl --export json`)     each entry as a note of its day, title and body together
              a text file                                   one note per block of lines between blank lines; a block \
            that starts with a date (2026-11-03, 3 November 2026, [2026-11-03 21:40]) is of that day, others of the \
            day above them (or of the file's last change)

            Nothing already in your store is changed or doubled: what is already there is left out, so importing \
            the same file twice adds nothing, and your own settings (your plan, your region) win over the file's. \
            A JSON export into a new, empty store keeps everything exactly as it was, ids too. It all goes in at \
            once, or, when anything is wrong with the file, not at all. The file itself is never changed.
            """,
            examples: [("unsent import unsent-backup-2026-12-06.sqlite", "merge a backup back in"),
                       ("unsent import journal.json", "jrnl's export (jrnl --export json > journal.json)"),
                       ("unsent import notes.txt", "one note per block of lines")],
            exits: [(0, "Imported (or nothing new)."), (1, "The file can't be imported (nothing was)."), CommandHelp.store, CommandHelp.usage]))

    @Argument(help: ArgumentHelp("The file: an unsent store or backup, a JSON export of unsent or jrnl, or text.", valueName: "file"),
              completion: .file())
    var file: String

    @OptionGroup var store: DurableStoreOptions

    func run() throws {
        var info = stat()
        guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: file) else {
            ErrorOutput.write("unsent: \(file) can't be read. Check its name, that it is a file, and that it is yours. Nothing was imported.")
            throw ExitCode(1)
        }
        let opened = try StoreOpening.open(store.settings)
        let shown = Sanitizer.clean(file)
        do {
            if data.starts(with: Array("SQLite format 3\u{0}".utf8)) {
                try report(opened.merge(Store.rows(ofStoreFile: file)), from: shown, kind: "the unsent store")
            } else if let json = Self.json(data) {
                if (json as? [String: Any])?["format"] as? String == "unsent-export" {
                    if try opened.isEmpty() {
                        let rows = try opened.importJSON(data, file: file)
                        print("Imported \(rows) rows from \(shown) into a new store, as they were.")
                    } else {
                        try report(opened.merge(Store.jsonExportRows(data, file: file)), from: shown, kind: "the unsent export")
                    }
                } else if let entries = try JournalFile.jrnlEntries(json, file: file) {
                    try reportJournal(opened.importJournal(entries), from: shown, kind: "jrnl's export", undated: 0, fileDay: nil)
                } else {
                    throw ImportProblem(file: file, problem: "it is JSON, but neither an unsent export nor jrnl's (`jrnl --export json`)")
                }
            } else if !data.contains(0), let text = String(data: data, encoding: .utf8) {
                let now = Date()
                let today = try StoreOpening.call { () throws(StoreError) in try PlanFacts.dayClock(opened).day(of: now) }
                let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? now
                let read = JournalFile.textEntries(text, modified: modified, today: today)
                guard !read.entries.isEmpty else { throw ImportProblem(file: file, problem: "it holds no text") }
                try reportJournal(opened.importJournal(read.entries), from: shown, kind: "the text", undated: read.undated, fileDay: read.fileDay)
            } else {
                throw ImportProblem(file: file, problem: "it is neither an unsent store or export, jrnl's JSON export, nor text (UTF-8)")
            }
        } catch let problem as ImportProblem {
            ErrorOutput.write("unsent: " + problem.description)
            throw ExitCode(1)
        } catch let error as StoreError {
            ErrorOutput.write("unsent: " + error.description)
            throw ExitCode(3)
        }
    }

    /// The JSON in `data`, or nil when it is not JSON (an object or a list).
    static func json(_ data: Data) -> Any? {
        guard let first = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            return nil
        }
        return try? JSONSerialization.jsonObject(with: data)
    }

    private func report(_ merged: MergeReport, from file: String, kind: String) {
        let names: [(String, String)] = [("session", "conversation"), ("turn", "conversation line"), ("event", "event"),
                                         ("draft", "draft"), ("history", "history line"), ("setting", "setting"),
                                         ("variation", "variation position")]
        let added = names.compactMap { table, word in merged.added[table].flatMap { $0 > 0 ? DraftAge.plural($0, word) : nil } }
        if added.isEmpty {
            print("Nothing new in \(file): everything in \(kind) is already in your store.")
        } else {
            print("Imported from \(file): " + added.joined(separator: ", ") + ".")
            let present = merged.totalAlreadyThere
            if present > 0 { print("\(DraftAge.plural(present, "row")) already in your store \(present == 1 ? "was" : "were") left out.") }
        }
        if !merged.keptSettings.isEmpty {
            print("Kept your own \(merged.keptSettings.sorted().map { Sanitizer.clean($0) }.joined(separator: ", ")) (the file has another value).")
        }
    }

    private func reportJournal(_ merged: MergeReport, from file: String, kind: String, undated: Int, fileDay: Day?) {
        let added = merged.added["event"] ?? 0, present = merged.alreadyThere["event"] ?? 0
        func entries(_ count: Int) -> String { count == 1 ? "1 entry" : "\(count) entries" }
        if added == 0 {
            print("Nothing new in \(file): \(present == 1 ? "its entry is" : "all \(present) of its entries are") already in your store.")
            return
        }
        var line = "Imported \(entries(added)) from \(file) (\(kind)) as notes"
        if present > 0 { line += "; \(entries(present)) already in your store \(present == 1 ? "was" : "were") left out" }
        print(line + ".")
        if undated > 0, let fileDay {
            print("\(undated == 1 ? "1 entry" : "\(undated) entries") before the first date in the file took the day it was last changed, \(fileDay).")
        }
        print("Find them with `unsent search WORD`.")
    }
}

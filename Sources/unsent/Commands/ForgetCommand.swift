import ArgumentParser
import Foundation
import UnsentStore

/// `unsent forget`: a real delete, after a typed confirmation.
struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Delete everything unsent keeps about you, for real, after you type 'forget everything' to confirm.",
        discussion: CommandHelp.discussion("""
            Everything goes: conversations, check-ins, notes, urges, drafts, your plan and settings, the search \
            index, the line history and the copies made before upgrades. Deleted text is overwritten, not just \
            unlinked from the database, and the write-ahead log is emptied. With --drafts or --journal only that \
            part goes, with the conversations it was written in and the line history; you confirm by typing \
            'forget drafts' or 'forget journal'. The confirmation is read from the terminal, or from standard \
            input in a pipe. There is no way to skip it. Consider 'unsent export' first.
            """,
            examples: [("unsent forget --drafts", "delete your drafts, after typing 'forget drafts'"),
                       ("unsent export --out keep.json && unsent forget", "keep a copy, then delete everything")],
            exits: [(0, "Deleted, or nothing was (the confirmation did not match).")] + Array(CommandHelp.writingExits.dropFirst())))

    @Flag(help: "Delete only your drafts, the conversations they were written in, and the line history.")
    var drafts = false

    @Flag(help: "Delete only check-in entries, notes and plans for tomorrow, the conversations they were written in, and the line history. Moods, cravings and contact stay.")
    var journal = false

    @OptionGroup var options: DurableStoreOptions

    func validate() throws {
        if drafts && journal {
            throw ValidationError("Choose --drafts or --journal, not both; run the command twice for both, or give neither to forget everything.")
        }
    }

    private var scope: Store.ForgetScope { drafts ? .drafts : journal ? .journal : .everything }

    private var phrase: String {
        switch scope {
        case .everything: "forget everything"
        case .drafts: "forget drafts"
        case .journal: "forget journal"
        }
    }

    private var warning: String {
        switch scope {
        case .everything:
            "This deletes everything unsent keeps about you, and it can't be undone."
        case .drafts:
            "This deletes all your drafts and the conversations you wrote them in. It can't be undone."
        case .journal:
            "This deletes your check-in entries, notes and plans for tomorrow, and the conversations you wrote them in. It can't be undone."
        }
    }

    func run() throws {
        let store = try StoreOpening.open(options)
        print(warning)
        print("Type '\(phrase)' to go ahead, or anything else to keep it all: ", terminator: "")
        fflush(nil)
        guard let answer = readLine(strippingNewline: true),
              answer.trimmingCharacters(in: .whitespaces).lowercased() == phrase else {
            print("")
            print("Nothing was deleted.")
            return
        }
        if !TerminalChoice.stdinIsTTY { print("") }
        let report = try StoreOpening.call { () throws(StoreError) in try store.forget(scope) }
        switch scope {
        case .everything: print("Everything is deleted. Unsent starts fresh next time.")
        case .drafts: print("Your drafts are deleted.")
        case .journal: print("Your journal entries are deleted.")
        }
        if !report.removedBackups.isEmpty {
            print("Removed \(report.removedBackups.count == 1 ? "a copy" : "\(report.removedBackups.count) copies") made before an upgrade: \(report.removedBackups.joined(separator: ", ")).")
        }
        if !report.walEmptied {
            print("Another unsent is still open, so a little deleted text may stay in \(store.path)-wal until it closes. Close it and run this again to be sure.")
        }
    }
}

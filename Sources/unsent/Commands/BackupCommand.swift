import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent backup [PATH]`: a whole copy of the store, made while it may be in use.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy your whole store into one file, readable by you only.",
        discussion: CommandHelp.discussion(
            "The copy is made with SQLite's online backup, so it is one consistent moment even while another "
                + "unsent window is writing, and it holds everything (what the write-ahead log holds too): it opens as "
                + "a store itself (unsent --store FILE), and `unsent import FILE` merges it back into a store. "
                + "It is made under a temporary name, checked, and then named, with mode 0600; an existing file is "
                + "never replaced unless you add --force. Without PATH, it is unsent-backup-DATE.sqlite in the current "
                + "folder (or in PATH, when PATH is a folder).",
            examples: [("unsent backup", "unsent-backup-DATE.sqlite here"),
                       ("unsent backup /media/usb/", "as unsent-backup-DATE.sqlite there"),
                       ("unsent backup ~/safe/unsent.sqlite --force", "replacing an older copy")],
            exits: [(0, "Written."), (1, "The file could not be written."), CommandHelp.store,
                    (64, "The file exists (without --force) or is a folder.")]))

    @Argument(help: ArgumentHelp("The file to write (by default unsent-backup-DATE.sqlite in the current folder).", valueName: "path"),
              completion: .file())
    var path: String?

    @Flag(help: "Replace the file if it already exists.")
    var force = false

    @OptionGroup var store: DurableStoreOptions

    func run() throws {
        let opened = try StoreOpening.open(store.settings)
        let today = try StoreOpening.call { () throws(StoreError) in try PlanFacts.dayClock(opened).day(of: Date()) }
        var destination = path ?? Self.defaultName(today: today)
        var info = stat()
        if let path, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            // As `cp` does: into a folder, under the default name.
            destination = (path.hasSuffix("/") ? path : path + "/") + Self.defaultName(today: today)
        }
        do {
            let size = try opened.backup(to: destination, replacing: force)
            print("Backed up to \(Sanitizer.clean(destination)) (\(Self.describe(size)), readable by you only).")
        } catch let problem as BackupProblem {
            ErrorOutput.write("unsent: " + problem.description)
            throw ExitCode(problem.kind == .exists || problem.kind == .isDirectory ? 64 : 1)
        } catch let error as StoreError {
            ErrorOutput.write("unsent: " + error.description)
            throw ExitCode(3)
        }
    }

    static func defaultName(today: Day) -> String { "unsent-backup-\(today).sqlite" }

    /// "12 KB", "3.4 MB".
    static func describe(_ bytes: Int64) -> String {
        if bytes < 1_000_000 { return "\(max(1, (bytes + 999) / 1000)) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

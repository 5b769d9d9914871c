import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent doctor`: the store's full integrity check, and where everything unsent keeps is, with sizes.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check your store in full and show where unsent keeps things: the store, its log, backups and the content cache, with sizes.",
        discussion: CommandHelp.discussion("""
            A start checks the store's header and schema every time and reads every page once a week; doctor \
            reads every page and every index now (SQLite's integrity_check) and records the check, so the next \
            weekly one is a week from now.
            """,
            examples: [("unsent doctor", "check your store and list its files")],
            exits: [(0, "The store is sound (or there is none yet)."),
                    (3, "The store is damaged or could not be opened; the message says why and what to do."),
                    CommandHelp.usage, CommandHelp.stream]))

    @Option(name: .long, help: ArgumentHelp(
        "The session store to check, instead of $UNSENT_STORE or $XDG_DATA_HOME/unsent/unsent.sqlite (by default ~/.local/share/unsent/unsent.sqlite).",
        valueName: "path"))
    var store: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try StoreOpening.call { () throws(StoreError) in
            try StoreLocation.resolve(explicitPath: store, environment: environment)
        }
        let inventory = StoreInventory.survey(path: path)
        print("Store: \(path)")
        if inventory.entries.isEmpty {
            print("  (no store here yet: one is made the first time you use unsent)")
        }
        for entry in inventory.entries {
            print("  " + Self.pad(entry.role, 34) + Self.pad(Self.size(entry.bytes), 10, left: true) + "  " + entry.path)
        }
        let frames = inventory.logFrames()
        if inventory.entries.contains(where: { $0.path == path + "-wal" }) {
            print("  The log holds \(frames) page\(frames == 1 ? "" : "s") (SQLite copies them into the store on its own at 256).")
        }
        print("Content cache: " + Self.cacheSummary(ContentCache.resolve(environment)))
        guard !inventory.entries.isEmpty else { return }

        let opened: Store
        do {
            opened = try Store(path: path)
        } catch {
            print("Check: the store could not be opened.")
            ErrorOutput.write("unsent: " + error.description)
            throw ExitCode(3)
        }
        let previous = try StoreOpening.call { () throws(StoreError) in try opened.lastIntegrityCheck() }
        let started = Date()
        let result = try StoreOpening.call { () throws(StoreError) in try opened.integrityCheck() }
        let seconds = Date().timeIntervalSince(started)
        guard result == "ok" else {
            print("Check: the store is damaged. SQLite's integrity check says:")
            for line in result.split(separator: "\n").prefix(20) { print("  " + line) }
            ErrorOutput.write("unsent: the store at \(path) is damaged. Make a copy of it (with its -wal file) before anything else; "
                                + "`unsent export` may still read what is readable. Move it aside to start a new store.")
            throw ExitCode(3)
        }
        try StoreOpening.call { () throws(StoreError) in try opened.recordIntegrityCheck(at: Date()) }
        print("Check: sound (every page and index read in \(String(format: "%.2f", seconds)) s). "
              + "The write-ahead log's checksums hold.")
        print("Previous check: " + (previous.map { String($0.prefix(16)) + " UTC" } ?? "none recorded") + "; starts check again weekly.")
    }

    /// The cache folder, its snapshots and their total size.
    static func cacheSummary(_ cache: ContentCache?) -> String {
        guard let cache else {
            return "none (UNSENT_CONTENT_CACHE=off, or no HOME or XDG_CACHE_HOME): content is read from its files at each start"
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory)) ?? [])
            .filter { $0.hasPrefix("content-") && $0.hasSuffix(".snapshot") }
        let bytes = names.reduce(Int64(0)) { total, name in
            var info = stat()
            return total + (stat(cache.directory + "/" + name, &info) == 0 ? Int64(info.st_size) : 0)
        }
        return "\(cache.directory) (\(names.count) snapshot\(names.count == 1 ? "" : "s"), \(size(bytes)))"
    }

    static func size(_ bytes: Int64) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) B"
        case ..<(1 << 20): return String(format: "%.1f KB", Double(bytes) / 1024)
        default: return String(format: "%.1f MB", Double(bytes) / 1_048_576)
        }
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        left ? DisplayWidth.padded(leading: text, to: width) : DisplayWidth.padded(text, to: width)
    }
}

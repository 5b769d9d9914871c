import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent search WORDS`: find what you wrote.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find words in what you wrote: check-in entries, notes, plans for tomorrow, drafts, and your side of conversations.",
        discussion: CommandHelp.discussion("""
            Every word must appear; words match their other forms ("closures" finds "closure"), and a word \
            ending in * matches as a prefix (such as miss*). Words in Chinese, Japanese and other scripts than \
            Latin, and words found nowhere whole, are found inside longer words too (a Chinese word inside a \
            sentence written without spaces); in what you typed in conversations, a Latin word found nowhere \
            whole is found as the beginning of a longer word. \
            The newest come first, with matched words in bold \
            on a terminal and in [brackets] otherwise. Deleted drafts and sealed drafts are not searched. \
            With --json, results are printed as a JSON object with "version" 1, "query", "order" and \
            "results" (each with source, id, session, at, day, kind, snippet and matches).
            """,
            examples: [("unsent search closure", "everything you wrote about closure, newest first"),
                       ("unsent search 'miss*' --best --limit 5", "the five best matches for miss, missed, missing…")],
            exits: CommandHelp.readingExits))

    @Argument(help: ArgumentHelp("The words to look for.", valueName: "words"))
    var words: [String]

    @Option(help: "How many results to show at most.")
    var limit: Int = 20

    @Flag(help: "Show the best matches first instead of the newest.")
    var best = false

    @Flag(help: "Print the results as JSON (version 1).")
    var json = false

    @OptionGroup var options: StoreOptions
    @OptionGroup var colorOption: ColorOption
    @OptionGroup var pagerOption: PagerOption

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit takes a number above 0; \(limit) is not one.") }
        guard words.contains(where: { $0.contains { $0.isLetter || $0.isNumber } }) else {
            throw ValidationError("Give at least one word to look for, such as: unsent search closure.")
        }
    }

    func run() throws {
        let store = try StoreOpening.open(options)
        let order: Store.SearchOrder = best ? .best : .newest
        let hits = try StoreOpening.call { () throws(StoreError) in try store.search(words, order: order, limit: limit) }
        let style = colorOption.style
        let pager = pagerOption.start()
        defer { pager?.finish() }
        if json {
            print(SearchResults.json(hits, words: words, order: order).text(pretty: true))
            return
        }
        guard !hits.isEmpty else {
            print("Nothing you wrote has " + (words.count == 1 ? "that word." : "all of those words."))
            return
        }
        for hit in hits {
            print(style.dim(SessionText.when(hit.at) + "  " + SearchResults.place(hit)))
            print("  " + SearchResults.highlighted(hit.snippet, bold: style.colour))
        }
        if hits.count == limit {
            print("Showing \(limit) results; --limit shows more.")
        }
    }
}

/// How search hits are shown.
enum SearchResults {
    /// "note", "draft 14", "conversation 12 (urge)".
    static func place(_ hit: SearchHit) -> String {
        switch hit.source {
        case .journal:
            switch hit.kind {
            case EventKind.reflection.rawValue: return "check-in" + (hit.day.map { " for \(Sanitizer.clean($0))" } ?? "")
            case EventKind.tomorrow.rawValue: return "plan for tomorrow"
            default: return "note"
            }
        case .draft: return "draft \(hit.id)"
        case .conversation:
            let flow = hit.kind.map { " (\(Sanitizer.clean($0)))" } ?? ""
            return "conversation \(hit.sessionId ?? 0)\(flow)"
        }
    }

    /// The snippet made safe for the terminal, matches in bold (with colour) or in [brackets].
    static func highlighted(_ snippet: String, bold: Bool) -> String {
        let open = bold ? "\u{1B}[1m" : "["
        let close = bold ? "\u{1B}[0m" : "]"
        return pieces(snippet).map { $0.matched ? open + $0.text + close : $0.text }.joined()
    }

    /// The snippet split into plain and matched pieces, each sanitized.
    static func pieces(_ snippet: String) -> [(text: String, matched: Bool)] {
        var result: [(String, Bool)] = []
        var current = ""
        var matched = false
        for character in snippet {
            if character == SearchHit.openMark || character == SearchHit.closeMark {
                if !current.isEmpty { result.append((Sanitizer.clean(Sanitizer.removingControlSequences(current)), matched)) }
                current = ""
                matched = character == SearchHit.openMark
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append((Sanitizer.clean(Sanitizer.removingControlSequences(current)), matched)) }
        return result
    }

    static func json(_ hits: [SearchHit], words: [String], order: Store.SearchOrder) -> JSONValue {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return .object([
            ("version", .integer(1)),
            ("query", .array(words.map(JSONValue.string))),
            ("order", .string(order.rawValue)),
            ("results", .array(hits.map { hit in
                let parts = pieces(hit.snippet)
                return .object([
                    ("source", .string(hit.source.rawValue)),
                    ("id", .integer(Int(hit.id))),
                    ("session", hit.sessionId.map { .integer(Int($0)) } ?? .null),
                    ("at", .string(iso.string(from: hit.at))),
                    ("day", .optional(hit.day)),
                    ("kind", .optional(hit.kind)),
                    ("snippet", .string(parts.map(\.text).joined())),
                    ("matches", .array(parts.filter(\.matched).map { .string($0.text) })),
                ])
            })),
        ])
    }
}

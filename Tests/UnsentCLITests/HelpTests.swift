import Foundation
import Testing

/// `--version` and `--help` for every command: exit 0, and help written in full sentences.
@Suite("Version and help")
struct HelpTests {
    /// Every command path, root first. `everyCommandIsCovered` fails when a new one is not listed here.
    static let commands: [[String]] = [
        [], ["home"], ["urge"], ["reply"], ["check"], ["reflect"], ["start"], ["plan"], ["status"], ["sos"],
        ["stats"], ["review"], ["history"], ["show"], ["search"], ["export"], ["import"], ["forget"],
        ["doctor"], ["log"], ["log", "mood"], ["log", "urge"], ["log", "contact"], ["log", "note"],
        ["content"], ["content", "check"], ["content", "test"], ["content", "match"], ["content", "tone"], ["content", "play"],
        ["content", "explore"], ["drafts"], ["drafts", "list"], ["drafts", "show"], ["drafts", "seal"], ["drafts", "delete"],
        ["plan", "set"], ["settings"], ["settings", "get"], ["settings", "set"], ["settings", "reset"], ["backup"], ["shell-hook"],
    ]

    @Test func versionPrintsAVersion() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["--version"], environment: sandbox.environment())
        #expect(run.status == 0)
        let version = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.wholeMatch(of: /\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/) != nil, "Not a version: \(version.debugDescription)")
        #expect(run.errors.isEmpty)
    }

    @Test(arguments: commands)
    func helpExitsZeroAndEveryHelpLineIsASentence(_ command: [String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(command + ["--help"], environment: sandbox.environment())

        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.output.contains("USAGE: unsent" + command.map { " " + $0 }.joined()))
        let entries = HelpText.entries(in: run.output, sections: ["ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:"])
        #expect(entries.contains { $0.name.contains("--help") })
        for entry in entries {
            #expect(entry.isSentence, "Help for \(entry.name) in `unsent \(command.joined(separator: " ")) --help` is not a full sentence: \(entry.help.debugDescription)")
        }
    }

    @Test func helpDoesNotStartAConversationOrTouchTheStore() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["urge", "--help"], stdin: Data("7\n".utf8), environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.defaultStoreFolder))
    }

    @Test func everyCommandIsCovered() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        var found: [[String]] = []
        var queue: [[String]] = [[]]
        while let command = queue.first {
            queue.removeFirst()
            found.append(command)
            let run = try BinaryRun.run(command + ["--help"], environment: sandbox.environment())
            for entry in HelpText.entries(in: run.output, sections: ["SUBCOMMANDS:"]) {
                let name = entry.name.replacingOccurrences(of: " (default)", with: "")
                queue.append(command + [name])
            }
        }
        #expect(Set(found) == Set(Self.commands))
    }
}

/// Reads the entries of swift-argument-parser's help screens.
enum HelpText {
    struct Entry {
        var name: String
        var help: String

        /// Starts with a capital letter and ends with a full stop (ignoring an appended "(default: …)").
        var isSentence: Bool {
            let trimmed = help.replacing(#/ \((default|values): [^)]*\)$/#, with: "")
            guard let first = trimmed.first, let last = trimmed.last else { return false }
            return first.isUppercase && last == "."
        }
    }

    /// The entries of the named sections: `  name   help` lines, with their continuation lines joined.
    static func entries(in help: String, sections: Set<String>) -> [Entry] {
        var entries: [Entry] = []
        var inSection = false
        for line in help.components(separatedBy: "\n") {
            if !line.hasPrefix(" ") {
                inSection = sections.contains(line)
                continue
            }
            guard inSection else { continue }
            if line.hasPrefix("  "), !line.hasPrefix("   ") {
                let body = line.dropFirst(2)
                if body.hasPrefix("See '") { continue }
                if let gap = body.firstRange(of: "  ") {
                    entries.append(Entry(name: String(body[..<gap.lowerBound]),
                                         help: body[gap.upperBound...].trimmingCharacters(in: .whitespaces)))
                } else {
                    entries.append(Entry(name: String(body), help: ""))
                }
            } else if var last = entries.popLast() {
                let more = line.trimmingCharacters(in: .whitespaces)
                last.help = last.help.isEmpty ? more : last.help + " " + more
                entries.append(last)
            }
        }
        return entries
    }
}

import Foundation
import Testing

/// history, show, search, export, import and forget through the binary.
@Suite("History, search, export and forget")
struct StatsDataCommandTests {
    private func fixture() throws -> (Sandbox, String) {
        let sandbox = try Sandbox()
        try StatsFixture.make(at: sandbox.store, sandbox: sandbox)
        return (sandbox, sandbox.store)
    }

    private func run(_ arguments: [String], _ sandbox: Sandbox, stdin: String? = nil) throws -> BinaryRun {
        try BinaryRun.run(arguments + ["--store", sandbox.store], stdin: stdin.map { Data($0.utf8) },
                          environment: sandbox.environment(["TZ": "UTC"]))
    }

    @Test func historyListsConversationsNewestFirst() throws {
        let (sandbox, _) = try fixture()
        defer { sandbox.remove() }
        let history = try run(["history", "--limit", "3"], sandbox)
        #expect(history.status == 0, "\(history.errors)")
        #expect(history.lines == [
            "37  Sat 2026-02-28 23:40  urge  finished      6 min",
            "36  Thu 2026-02-26 23:10  urge  finished      6 min",
            "35  Sat 2026-02-21 23:10  urge  finished      6 min",
        ])
    }

    @Test func showReplaysATranscriptWithPersonLinesQuotedAndEscapesNeutralised() throws {
        let (sandbox, _) = try fixture()
        defer { sandbox.remove() }
        let show = try run(["show", "37"], sandbox)
        #expect(show.status == 0, "\(show.errors)")
        #expect(show.lines == [
            "Conversation 37: urge, Sat 2026-02-28 23:40, finished, 6 min.",
            "",
            "How strong is the urge, from 0 to 10?",
            "> 8",
            "Write the whole message out.",
            "> I need closure",
            "> please answer now",
            "It stays here, unsent.",
        ])
        let missing = try run(["show", "999"], sandbox)
        #expect(missing.status == 64)
        #expect(missing.errors.contains("There is no conversation 999."))
    }

    @Test func searchStemsHighlightsWithBracketsInAPipeAndPutsTheNewestFirst() throws {
        let (sandbox, _) = try fixture()
        defer { sandbox.remove() }
        let search = try run(["search", "closures"], sandbox)
        #expect(search.status == 0, "\(search.errors)")
        #expect(search.lines == [
            "Sat 2026-02-28 23:43  conversation 37 (urge)",
            "  I need [closure] please answer now",
            "Thu 2026-02-26 12:00  note",
            "  I wanted [closure] so badly",
        ])
        let json = try run(["search", "closure", "--json"], sandbox)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["version", "query", "order", "results"])
        let first = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["source", "id", "session", "at", "day", "kind", "snippet", "matches"])
        #expect(first["matches"] as? [String] == ["closure"])
        let none = try run(["search", "zzzz"], sandbox)
        #expect(none.lines == ["Nothing you wrote has that word."])
    }

    @Test func exportFilesArePrivateAndNeverOverwrittenWithoutForce() throws {
        let (sandbox, _) = try fixture()
        defer { sandbox.remove() }
        let path = sandbox.file("export.json")
        let first = try BinaryRun.run(["export", "--store", sandbox.store, "--out", path], environment: sandbox.environment(), umask: "022")
        #expect(first.status == 0, "\(first.errors)")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)

        let again = try run(["export", "--out", path], sandbox)
        #expect(again.status == 64)
        #expect(again.errors.contains("already exists"))
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        let forced = try run(["export", "--out", path, "--force", "--format", "csv"], sandbox)
        #expect(forced.status == 0)
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("table,key,value,id,"))
    }

    @Test func importingAnExportIntoANewStoreExportsTheSameBytes() throws {
        let (sandbox, _) = try fixture()
        defer { sandbox.remove() }
        let exported = try run(["export"], sandbox)
        #expect(exported.status == 0)
        try exported.stdout.write(to: URL(fileURLWithPath: sandbox.file("everything.json")))

        let other = sandbox.file("other.sqlite")
        let imported = try BinaryRun.run(["import", sandbox.file("everything.json"), "--store", other], environment: sandbox.environment())
        #expect(imported.status == 0, "\(imported.errors)")
        let again = try BinaryRun.run(["export", "--store", other], environment: sandbox.environment())
        #expect(again.stdout == exported.stdout)

        // Into a store in use, an export is merged: the second time, everything in it is there already.
        let twice = try BinaryRun.run(["import", sandbox.file("everything.json"), "--store", other], environment: sandbox.environment())
        #expect(twice.status == 0, "\(twice.errors)")
        #expect(twice.output.hasPrefix("Nothing new in "))
        #expect(try BinaryRun.run(["export", "--store", other], environment: sandbox.environment()).stdout == exported.stdout)
    }

    @Test func markdownReadsLikeAJournalByDay() throws {
        let (sandbox, _) = try fixture()
        defer { sandbox.remove() }
        let markdown = try run(["export", "--format", "markdown"], sandbox)
        #expect(markdown.status == 0, "\(markdown.errors)")
        let text = markdown.output
        #expect(text.hasPrefix("# Unsent journal\n"))
        #expect(text.contains("\n## Thursday 2026-02-26\n"))
        #expect(text.contains("**Note** (12:00): I wanted closure so badly"))
        #expect(text.contains("> I need closure\n> please answer ␛[31mnow") || text.contains("> please answer"))
        #expect(!text.contains("\u{1B}"))
        let days = text.components(separatedBy: "\n## ").dropFirst().map { String($0.prefix(10 + 12)) }
        #expect(days.count > 100)
        #expect(text.contains("\n- Plan length: 90 days\n"))
        // The plans without a number of days are named as `unsent status` names them.
        for (stored, shown) in [("0", "open-ended"), ("-1", "until they reach out"), ("1", "1 day")] {
            try StatsFixture.execute("UPDATE setting SET value = '\(stored)' WHERE key = 'plan_length';", in: sandbox.store)
            #expect(try run(["export", "--format", "markdown"], sandbox).output.contains("\n- Plan length: \(shown)\n"))
        }
    }

    @Test func forgetNeedsTheTypedPhraseAndThenLeavesNoTextBehind() throws {
        let (sandbox, store) = try fixture()
        defer { sandbox.remove() }
        let refused = try run(["forget"], sandbox, stdin: "yes\n")
        #expect(refused.status == 0)
        #expect(refused.output.contains("Nothing was deleted."))
        #expect(try run(["search", "closure"], sandbox).lines.count == 4)

        let forgotten = try run(["forget"], sandbox, stdin: "forget everything\n")
        #expect(forgotten.status == 0, "\(forgotten.errors)")
        #expect(forgotten.output.contains("Everything is deleted."))
        var bytes = Data()
        for file in [store, store + "-wal", store + "-shm"] where FileManager.default.fileExists(atPath: file) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: file))
        }
        for phrase in ["closure", "closeness", "wanted", "Day 17 entry"] {
            #expect(bytes.range(of: Data(phrase.utf8)) == nil, "\(phrase) is still in the files")
        }
        #expect(try run(["history"], sandbox).lines.first?.hasPrefix("No conversations yet") == true)
    }

    @Test func forgetDraftsAsksForItsOwnPhrase() throws {
        let (sandbox, _) = try fixture()
        defer { sandbox.remove() }
        let wrong = try run(["forget", "--drafts"], sandbox, stdin: "forget everything\n")
        #expect(wrong.output.contains("Nothing was deleted."))
        let right = try run(["forget", "--drafts"], sandbox, stdin: "forget drafts\n")
        #expect(right.output.contains("Your drafts are deleted."))
        #expect(try run(["search", "closeness"], sandbox).lines == ["Nothing you wrote has that word."])
        #expect(try run(["search", "wanted"], sandbox).lines.count == 2)
        let both = try run(["forget", "--drafts", "--journal"], sandbox)
        #expect(both.status == 64)
    }
}

import Foundation
import Testing

/// Issue 19, "Output conventions": `--json` on history, show, drafts and status; long output through
/// `$PAGER` on a terminal only; `--color`; and people's words instead of internal names.
@Suite("Output conventions", .serialized)
struct OutputConventionTests {
    private func fixture() throws -> Sandbox {
        let sandbox = try Sandbox()
        try StatsFixture.make(at: sandbox.store, sandbox: sandbox)
        return sandbox
    }

    private func run(_ arguments: [String], _ sandbox: Sandbox, _ extra: [String: String] = [:]) throws -> BinaryRun {
        try BinaryRun.run(arguments + ["--store", sandbox.store], environment: sandbox.environment(["TZ": "UTC"].merging(extra) { _, new in new }))
    }

    private func object(_ run: BinaryRun) throws -> [String: Any] {
        try #require(run.status == 0, "stderr: \(run.errors)")
        return try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    }

    @Test func historyAndShowPrintVersionedJSON() throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        try StatsFixture.execute("UPDATE session SET ending = 'eof' WHERE id = 36; UPDATE session SET ending = NULL, endedAt = NULL WHERE id = 35;", in: sandbox.store)
        let history = try object(try run(["history", "--json", "--limit", "3"], sandbox))
        #expect(history["version"] as? Int == 1)
        let conversations = try #require(history["conversations"] as? [[String: Any]])
        #expect(conversations.map { $0["id"] as? Int } == [37, 36, 35])
        #expect(Set(conversations[0].keys) == ["id", "flow", "started_at", "ended_at", "ending", "ending_text", "minutes"])
        #expect(conversations[0]["started_at"] as? String == "2026-02-28T23:40:00.000Z")
        #expect(conversations[0]["minutes"] as? Int == 6)
        #expect(conversations[1]["ending"] as? String == "eof")
        #expect(conversations[1]["ending_text"] as? String == "input ended")
        #expect(conversations[2]["ending"] is NSNull && conversations[2]["minutes"] is NSNull)

        let show = try object(try run(["show", "37", "--json"], sandbox))
        #expect(Set(show.keys) == ["version", "conversation", "turns"])
        let turns = try #require(show["turns"] as? [[String: Any]])
        #expect(turns.first?["speaker"] as? String == "unsent")
        #expect(turns.first?["text"] as? String == "How strong is the urge, from 0 to 10?")
        #expect(turns.contains { $0["speaker"] as? String == "you" && ($0["text"] as? String)?.contains("\u{1B}") == true },
                "the person's words are kept exactly in JSON, escaped as JSON escapes them")
        #expect(!show.description.isEmpty)
    }

    @Test func draftsAndStatusPrintVersionedJSON() throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        try StatsFixture.execute("INSERT INTO draft (createdAt, text, sealedUntil) VALUES ('2026-02-28 23:50:00.000', 'sealed words', '9999-01-01 00:00:00.000');", in: sandbox.store)
        let drafts = try object(try run(["drafts", "--json"], sandbox))
        #expect(drafts["version"] as? Int == 1)
        let list = try #require(drafts["drafts"] as? [[String: Any]])
        #expect(list.count == 2)
        #expect(Set(list[0].keys) == ["id", "created_at", "age", "sealed_until", "text"])
        #expect(list[0]["text"] as? String == "Can we talk? I miss the closeness.")
        #expect(list[0]["sealed_until"] is NSNull)
        #expect(list[1]["text"] is NSNull, "a sealed draft's words stay sealed")
        #expect(list[1]["sealed_until"] is String)

        let status = try object(try run(["status", "--json"], sandbox))
        #expect(Set(status.keys) == ["version", "today", "plan", "streaks", "check_in_done"])
        let plan = try #require(status["plan"] as? [String: Any])
        #expect(plan["start"] as? String == "2026-01-05")
        #expect(plan["length"] as? Int == 90)
        #expect(Set((status["streaks"] as? [String: Any] ?? [:]).keys) == ["current", "longest", "no_contact_days", "slips"])

        let empty = try Sandbox()
        defer { empty.remove() }
        let none = try object(try BinaryRun.run(["status", "--json", "--store", empty.store], environment: empty.environment()))
        #expect((none["plan"] as? [String: Any])?["start"] is NSNull)
        #expect((none["streaks"] as? [String: Any])?["current"] is NSNull)
    }

    @Test func peoplesWordsNeverInternalNames() throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        try StatsFixture.execute("""
            UPDATE session SET ending = 'eof' WHERE id = 37;
            INSERT INTO event (at, kind, fields) VALUES ('2026-02-28 21:00:00.000', 'reflection', json_object('day', '2026-02-28', 'mood', '4', 'strongest', '6', 'contact', 'me', 'entry', 'hard day'));
            INSERT INTO event (at, kind, fields) VALUES ('2026-02-28 22:00:00.000', 'draft-revisited', json_object('draft', '1', 'feeling', 'glad', 'decision', 'keep'));
            """, in: sandbox.store)
        let stats = try run(["stats", "--today", "2026-03-01"], sandbox)
        #expect(stats.status == 0, "\(stats.errors)")
        #expect(stats.output.contains("I saw their post or story"))
        #expect(!stats.output.contains("saw-post"))
        let statsJSON = try object(try run(["stats", "--json", "--today", "2026-03-01"], sandbox))
        let triggers = try #require(statsJSON["triggers"] as? [[String: Any]])
        #expect(triggers.contains { $0["trigger"] as? String == "saw-post" && $0["title"] as? String == "I saw their post or story" })

        let history = try run(["history", "--limit", "1"], sandbox)
        #expect(history.lines == ["37  Sat 2026-02-28 23:40  urge  input ended   6 min"])
        let show = try run(["show", "37"], sandbox)
        #expect(show.lines.first == "Conversation 37: urge, Sat 2026-02-28 23:40, input ended, 6 min.")

        let markdown = try run(["export", "--format", "markdown"], sandbox).output
        #expect(markdown.contains("**Check-in** (21:00): mood 4/10, strongest craving 6/10, I contacted them."))
        #expect(markdown.contains("**Draft 1 read again** (22:00): I'm glad I didn't send it; keep it in the drawer."))
        #expect(markdown.contains(" → 2/10, it's late, or I've been drinking, you didn't send it.\n"))
        for leak in ["contact: me", "contact: none", "*draft-revisited*", "saw-post", "urge-started", "resisted"] {
            #expect(!markdown.contains(leak), "the journal says \(leak)")
        }
    }

    /// drive-28: `unsent export FILE` was "Unexpected argument". The file can be named as people type it, and its
    /// ending chooses the format unless --format says otherwise; named twice, it is refused.
    @Test func exportTakesTheFileAsAnArgumentAndItsEndingAsTheFormat() throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        let markdown = sandbox.file("journal.md")
        let run = try self.run(["export", markdown], sandbox)
        #expect(run.status == 0, "\(run.errors)")
        let written = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(written.contains("**Check-in**") || written.hasPrefix("#"), "not Markdown: \(written.prefix(200))")
        #expect(!written.hasPrefix("{"))
        let json = sandbox.file("all.txt")
        #expect(try self.run(["export", json], sandbox).status == 0)
        #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("{"), "JSON when the ending names no format")
        let csv = sandbox.file("rows.md")
        #expect(try self.run(["export", csv, "--format", "csv"], sandbox).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("table,"), "--format wins over the ending")
        let twice = try self.run(["export", sandbox.file("a.json"), "--out", sandbox.file("b.json")], sandbox)
        #expect(twice.status == 64)
        #expect(twice.errors.contains("Name the file once"), "\(twice.errors)")
    }

    @Test func colourFollowsTheColorOptionOverNoColorAndThePipe() throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        let escape = "\u{1B}["
        #expect(!(try run(["stats", "--today", "2026-03-01"], sandbox).output.contains(escape)))
        #expect(try run(["stats", "--today", "2026-03-01", "--color=always"], sandbox, ["NO_COLOR": "1"]).output.contains(escape))
        #expect(try run(["search", "closure", "--color", "always"], sandbox).output.contains(escape + "1mclosure"))
        let wrong = try run(["stats", "--color=sometimes"], sandbox)
        #expect(wrong.status == 64)
        #expect(wrong.errors.contains("auto"))

        let terminal = try PseudoTerminal(["stats", "--today", "2026-03-01", "--store", sandbox.store, "--no-pager"],
                                          environment: sandbox.environment(["TERM": "xterm-256color", "TZ": "UTC"]))
        #expect(try terminal.waitForExit() == 0)
        #expect(terminal.text.contains(escape))
        let never = try PseudoTerminal(["stats", "--today", "2026-03-01", "--store", sandbox.store, "--no-pager", "--color=never"],
                                       environment: sandbox.environment(["TERM": "xterm-256color", "TZ": "UTC"]))
        #expect(try never.waitForExit() == 0)
        #expect(!never.text.contains(escape))
        #expect(never.text.contains("Last "))
    }

    @Test(arguments: [(["--color=never"], [String: String](), false), (["--color", "always"], ["NO_COLOR": "1"], true),
                      ([], ["NO_COLOR": "1"], false), ([], [:], true)])
    func aConversationOnATerminalFollowsTheColorOption(_ options: [String], _ extra: [String: String], _ coloured: Bool) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try TerminalTests.start(["urge", "--wait", "1s"] + options, sandbox: sandbox, extra: extra)
        try terminal.waitFor(TerminalTests.prompt)
        try terminal.type("\u{04}")
        _ = try terminal.waitForExit()
        #expect(terminal.text.contains(TerminalTests.colourSequences) == coloured, "\(options) \(extra): \(terminal.text.debugDescription)")
    }

    /// A pager that copies what it is given to a file.
    private func pager(_ sandbox: Sandbox) -> (command: String, file: String) {
        let file = sandbox.file("paged-\(UUID().uuidString)")
        return ("cat > '\(file)'", file)
    }

    @Test(arguments: [["history"], ["show", "37"], ["export", "--format", "markdown"], ["stats", "--today", "2026-03-01"],
                      ["search", "closure"], ["drafts"]])
    func longOutputOnATerminalGoesThroughThePager(_ command: [String]) throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        let paging = pager(sandbox)
        let environment = sandbox.environment(["TERM": "xterm-256color", "TZ": "UTC", "PAGER": paging.command])
        let terminal = try PseudoTerminal(command + ["--store", sandbox.store], environment: environment)
        #expect(try terminal.waitForExit() == 0)
        func plain(_ text: String) -> String { text.replacing(/\x1B\[[0-9;]*m/, with: "").replacingOccurrences(of: "\r\n", with: "\n") }
        let paged = try String(contentsOfFile: paging.file, encoding: .utf8)
        // Search marks its matches in bold when it colours, in [brackets] when it does not.
        let piped = try run(command + (command.first == "search" ? ["--color=always"] : []), sandbox)
        let last = plain(piped.lines.last ?? "-")
        #expect(!paged.isEmpty)
        #expect(plain(paged) == plain(piped.output), "the pager gets what a pipe gets (less colour)")
        #expect(!plain(terminal.text).contains(last), "nothing but the pager writes to the terminal")

        // Never with --no-pager, and never when standard output is a pipe.
        let other = pager(sandbox)
        let unpaged = try PseudoTerminal(command + ["--store", sandbox.store, "--no-pager"],
                                         environment: environment.merging(["PAGER": other.command]) { _, new in new })
        #expect(try unpaged.waitForExit() == 0)
        #expect(plain(unpaged.text).contains(last))
        _ = try run(command, sandbox, ["PAGER": other.command])
        #expect(!FileManager.default.fileExists(atPath: other.file))
    }

    @Test func anEmptyPagerOrOneThatIsMissingPrintsStraightAway() throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        for command in ["", "cat", "no-such-pager-here -R"] {
            let terminal = try PseudoTerminal(["history", "--store", sandbox.store],
                                              environment: sandbox.environment(["TERM": "xterm", "TZ": "UTC", "PAGER": command]))
            try terminal.waitFor("37  Sat 2026-02-28 23:40  urge")
            #expect(try terminal.waitForExit() == 0)
        }
    }

    /// In a narrow window a history row goes on under its date between words: no line is wider than
    /// the window, and every word of the row is there, whole and in order.
    @Test func historyRowsWrapBetweenWordsInANarrowWindow() throws {
        let sandbox = try fixture()
        defer { sandbox.remove() }
        let piped = try BinaryRun.run(["history", "--store", sandbox.store, "--limit", "3"], environment: sandbox.environment())
        #expect(piped.status == 0)
        let rows = piped.output.split(separator: "\n").map(String.init)
        #expect(rows.count == 3 && rows.allSatisfy { $0.count > 30 }, "rows: \(rows)")
        let terminal = try PseudoTerminal(["history", "--store", sandbox.store, "--limit", "3", "--no-pager"],
                                          environment: sandbox.environment(["TERM": "xterm"]), columns: 30)
        #expect(try terminal.waitForExit() == 0)
        let lines = terminal.text.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
        #expect(lines.count > rows.count, "the rows wrap: \(lines)")
        #expect(lines.allSatisfy { $0.count < 30 }, "lines: \(lines)")
        let words = { (text: [String]) in text.joined(separator: " ").split(whereSeparator: \.isWhitespace) }
        #expect(words(lines) == words(rows))
    }
}

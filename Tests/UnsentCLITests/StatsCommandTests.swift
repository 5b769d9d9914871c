import Foundation
import Testing

/// `unsent stats`: the page and each chart pinned on fixed data, in block and ASCII characters, at 60 and 80
/// columns; the JSON's keys; colour only on a terminal.
@Suite("Stats")
struct StatsCommandTests {
    /// A sandbox with the fixture store; TZ=UTC so hours are the fixture's.
    private func fixture() throws -> (Sandbox, String) {
        let sandbox = try Sandbox()
        try StatsFixture.make(at: sandbox.store, sandbox: sandbox)
        return (sandbox, sandbox.store)
    }

    private func stats(_ extra: [String], sandbox: Sandbox, store: String, environment: [String: String] = [:]) throws -> BinaryRun {
        try BinaryRun.run(["stats", "--store", store, "--today", StatsFixture.today] + extra,
                          environment: sandbox.environment(["TZ": "UTC"].merging(environment) { $1 }))
    }

    @Test(arguments: [("blocks", 80), ("blocks", 60), ("ascii", 80), ("ascii", 60)])
    func thePageMatchesItsGoldenFile(style: String, width: Int) throws {
        let (sandbox, store) = try fixture()
        defer { sandbox.remove() }
        let run = try stats(["--width", String(width)] + (style == "ascii" ? ["--ascii"] : []), sandbox: sandbox, store: store)
        #expect(run.status == 0, "\(run.errors)")
        try Golden.expect(run.lines, matches: "stats-\(style)-\(width).txt")
        for line in run.lines {
            #expect(line.count <= width, "Wider than \(width): \(line)")
            if style == "ascii" { #expect(line.allSatisfy { $0.isASCII }, "Not ASCII: \(line)") }
        }
        #expect(!run.output.contains("\u{1B}"))
    }

    /// At 50 or 40 columns every line fits: words wrap between words, month names that would run past
    /// the page are left out, and the legend's marks take a line each (drive-21: "`unsen` / `t start`").
    @Test(arguments: [50, 40])
    func aNarrowPageFitsItsWidth(width: Int) throws {
        let (sandbox, store) = try fixture()
        defer { sandbox.remove() }
        let run = try stats(["--width", String(width), "--ascii"], sandbox: sandbox, store: store)
        #expect(run.status == 0, "\(run.errors)")
        for line in run.lines { #expect(line.count <= width, "Wider than \(width): \(line)") }
        #expect(run.lines.contains("    x you contacted them (a slip)"))
    }

    @Test func aPipeGetsEightyColumns() throws {
        let (sandbox, store) = try fixture()
        defer { sandbox.remove() }
        let run = try stats([], sandbox: sandbox, store: store)
        try Golden.expect(run.lines, matches: "stats-blocks-80.txt")
    }

    @Test func theJSONMatchesItsGoldenFileAndHasTheDocumentedKeys() throws {
        let (sandbox, store) = try fixture()
        defer { sandbox.remove() }
        let run = try stats(["--json"], sandbox: sandbox, store: store)
        #expect(run.status == 0, "\(run.errors)")
        try Golden.expect(run.lines, matches: "stats.json")

        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["version", "today", "plan", "streaks", "they_reached_out", "window", "days", "cravings",
                                     "mood", "triggers", "urges_by_hour", "busiest_hours", "week"])
        #expect(object["version"] as? Int == 1)
        #expect(keys(object["plan"]) == ["start", "length", "day", "days_to_end"])
        #expect(keys(object["streaks"]) == ["current", "longest", "no_contact_days", "slips"])
        #expect(keys(object["window"]) == ["first_day", "last_day", "urges"])
        let days = try #require(object["days"] as? [[String: Any]])
        #expect(days.count == 182)
        #expect(Set(days[0].keys) == ["day", "strongest_craving", "mood", "urges", "slip", "they_reached_out"])
        #expect(keys(object["cravings"]) == ["last_30_days", "last_90_days"])
        #expect(keys(object["mood"]) == ["last_30_days", "last_90_days"])
        #expect((object["urges_by_hour"] as? [Int])?.count == 24)
        #expect(keys(object["busiest_hours"]) == ["from", "to"])
        #expect(keys(object["week"]) == ["this_week", "last_week", "strongest_craving_change_percent"])
        #expect(keys((object["week"] as? [String: Any])?["this_week"]) == ["first_day", "last_day", "strongest_craving_average", "mood_average", "urges"])
        let triggers = try #require(object["triggers"] as? [[String: Any]])
        #expect(triggers.allSatisfy { Set($0.keys) == ["trigger", "title", "urges"] })
    }

    private func keys(_ value: Any?) -> Set<String> {
        Set((value as? [String: Any])?.keys.map { $0 } ?? [])
    }

    @Test func anEmptyStoreStillDrawsAndSaysThereIsNoPlan() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try stats(["--width", "60"], sandbox: sandbox, store: sandbox.store)
        #expect(run.status == 0, "\(run.errors)")
        try Golden.expect(run.lines, matches: "stats-empty-60.txt")
        let json = try stats(["--json"], sandbox: sandbox, store: sandbox.store)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(object["busiest_hours"] is NSNull)
        #expect((object["plan"] as? [String: Any])?["start"] is NSNull)
    }

    /// A week whose check-ins said "no urges" has had no cravings, not "0.0 on average" (drive-19).
    @Test func checkInsWithNoUrgesAreNoCravings() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let reflect = try BinaryRun.run(["reflect", "--store", sandbox.store], stdin: Data("no contact\n6\n0\n\n\n".utf8),
                                        environment: sandbox.environment())
        #expect(reflect.status == 0, "\(reflect.errors)")
        // Today, as the check-in had it (not the fixture's day).
        let run = try BinaryRun.run(["stats", "--store", sandbox.store], environment: sandbox.environment())
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("  No cravings this week."), "\(run.output)")
        #expect(!run.output.contains("0.0 on average"), "\(run.output)")
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let (sandbox, store) = try fixture()
        defer { sandbox.remove() }
        // Straight to the terminal: the pager has tests of its own (OutputConventionTests).
        let arguments = ["stats", "--store", store, "--today", StatsFixture.today, "--no-pager"]
        let coloured = try PseudoTerminal(arguments, environment: sandbox.environment(["TZ": "UTC", "TERM": "xterm"]), columns: 60)
        _ = try coloured.waitFor("This week against last week")
        #expect(try coloured.waitForExit() == 0)
        #expect(coloured.text.contains("\u{1B}[31m×\u{1B}[0m"))
        #expect(coloured.text.contains("Mon "))

        let plain = try PseudoTerminal(arguments, environment: sandbox.environment(["TZ": "UTC", "TERM": "xterm", "NO_COLOR": "1"]), columns: 60)
        _ = try plain.waitFor("This week against last week")
        #expect(try plain.waitForExit() == 0)
        #expect(!plain.text.contains("\u{1B}["))
        // The terminal is 60 columns wide, so 26 weeks fit: every calendar row is there without wrapping.
        #expect(plain.text.contains("Sun "))
    }

    /// drive-18: urges counted in a daily check-in ("two") are urges on the stats page too, not only
    /// the ones talked through in `unsent urge`.
    @Test func urgesCountedInACheckInShowOnThePage() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // No contact, mood 4, two urges, the strongest 8, then past the prompt and tomorrow's line.
        let reflect = try BinaryRun.run(["reflect", "--store", sandbox.store], stdin: Data("1\n4\ntwo\n8\n\n\n\n".utf8),
                                        environment: sandbox.environment())
        #expect(reflect.status == 0, "\(reflect.errors)")
        let page = try BinaryRun.run(["stats", "--store", sandbox.store, "--width", "80"], environment: sandbox.environment())
        #expect(page.status == 0, "\(page.errors)")
        #expect(page.output.contains("Urges: 2 this week"), "\(page.output)")
    }

    @Test func aBadTodayOrWidthIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["stats", "--store", sandbox.store, "--today", "March"], environment: sandbox.environment())
        #expect(run.status == 64)
        #expect(run.errors.contains("--today takes a day written YYYY-MM-DD"))
        let narrow = try BinaryRun.run(["stats", "--store", sandbox.store, "--width", "5"], environment: sandbox.environment())
        #expect(narrow.status == 64)
    }
}

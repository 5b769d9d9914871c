import Foundation
import Testing

/// `unsent settings`: the list with defaults, one value alone, set with checks, and reset.
@Suite("Settings")
struct SettingsCommandTests {
    private func run(_ arguments: [String], _ sandbox: Sandbox) throws -> BinaryRun {
        try BinaryRun.run(arguments + ["--store", sandbox.store], environment: sandbox.environment())
    }

    @Test func theListShowsEverySettingWithItsDefault() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let listed = try run(["settings"], sandbox)

        #expect(listed.status == 0, "\(listed.errors)")
        #expect(listed.lines.map { String($0.prefix(28)) } == [
            "day-start  04:00 (default)  ",
            "check-in   19:00 (default)  ",
            "wait       10m (default)    ",
            "region     not set          ",
            "color      auto (default)   ",
            "Change one with `unsent sett",
        ])
    }

    /// Issue 20's region contract: the regions the command line takes are the regions the content has help lines
    /// for (`Content/safety/resources`), and "other"; a region added to or renamed in one and not the other fails here.
    @Test func theRegionsTakenAreTheRegionsTheContentHasLinesFor() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let resources = try String(contentsOfFile: UnsentBinary.repositoryRoot + "/Content/safety/resources", encoding: .utf8)
        let inContent = resources.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("region "), let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 7)..<colon])
        }
        #expect(inContent.count >= 6)
        let refused = try run(["settings", "set", "region", "atlantis"], sandbox)
        #expect(refused.status == 64)
        // "Regions: us, uk, ca, au, ie, nz, other ('other' shows…)"
        let listed = try #require(refused.errors.range(of: "Regions: ").map { refused.errors[$0.upperBound...] })
        let taken = listed.prefix { $0 != "(" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(taken == inContent + ["other"], "\(refused.errors)")
        for code in inContent {
            let set = try run(["settings", "set", "region", code], sandbox)
            #expect(set.status == 0, "\(code): \(set.errors)")
        }
    }

    @Test func setGetAndReset() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for (name, value, said) in [("day-start", "5", "05:00"), ("check-in", "20:00", "20:00"), ("wait", "5m", "5m"),
                                    ("region", "NZ", "nz"), ("colour", "Never", "never")] {
            let set = try run(["settings", "set", name, value], sandbox)
            #expect(set.status == 0, "\(name): \(set.errors)")
            #expect(set.lines == ["\(name == "colour" ? "color" : name) is now \(said)."])
            #expect(try run(["settings", "get", name], sandbox).output == said + "\n")
        }
        #expect(try StoreQuery.rows("SELECT key, value FROM setting ORDER BY key", in: sandbox.store).map { "\($0["key"]!!)=\($0["value"]!!)" }
            == ["checkin_hour=20", "color=never", "day_start_hour=5", "default_wait=5m", "region=nz"])

        let reset = try run(["settings", "reset", "wait"], sandbox)

        #expect(reset.lines == ["wait is back to its default, 10m."])
        #expect(try run(["settings", "get", "wait"], sandbox).output == "10m\n")
        #expect(try run(["settings"], sandbox).lines[0].hasPrefix("day-start  05:00  "))
    }

    @Test(arguments: [
        (["set", "day-start", "25"], "day-start takes an hour from 0 to 23, such as 4 or 19:00; '25' is not one."),
        (["set", "wait", "forever"], "wait takes a length up to 4 hours, such as 5m, 90s or 10 minutes; 'forever' is not one."),
        (["set", "region", "mars"], "'mars' is not a region here."),
        (["set", "color", "sometimes"], "color is auto, always or never; 'sometimes' is not one of them."),
        (["set", "dya-start", "5"], "'dya-start' is not a setting. Did you mean 'day-start'?"),
        (["get", "nothing"], "'nothing' is not a setting."),
    ])
    func aValueItCantTakeIsRefusedAndNothingIsStored(_ arguments: [String], _ message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let refused = try run(["settings"] + arguments, sandbox)

        #expect(refused.status == 64)
        #expect(refused.errors.contains(message), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.store))
    }

    @Test func theDayStartMovesWhatTodayIs() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try run(["settings", "set", "day-start", "0"], sandbox).status == 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        let civilToday = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)

        let logged = try run(["log", "mood", "6"], sandbox)

        #expect(logged.output == "Mood 6 logged for \(civilToday).\n")
    }
}

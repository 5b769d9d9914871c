import Foundation
import Testing

/// What unsent says when the clock and the store disagree (issue 17, item 13): a draft sealed while the clock
/// ran ahead, and a plan seen on a day before it starts.
@Suite("Clock")
struct ClockTests {
    /// A date as the store keeps it, in UTC.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    static func day(_ date: Date) -> String { String(stamp(date).prefix(10)) }

    /// A store the binary made, then given `sql`.
    static func store(_ sandbox: Sandbox, _ sql: String) throws {
        let created = try BinaryRun.run(["history", "--store", sandbox.store], environment: sandbox.environment())
        try #require(created.status == 0, "stderr: \(created.errors)")
        try StatsFixture.execute(sql, in: sandbox.store)
    }

    @Test func aDraftSealedWithTheClockYearsAheadReadsAsSealedForItsOwnLength() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let ahead = Date().addingTimeInterval(1_275 * 86_400)
        // One written and sealed for a day with the clock ahead; one written today, sealed later with the clock ahead.
        try Self.store(sandbox, """
            INSERT INTO draft (createdAt, text, sealedUntil) VALUES
              ('\(Self.stamp(ahead))', 'from the future', '\(Self.stamp(ahead.addingTimeInterval(86_400)))'),
              ('\(Self.stamp(Date()))', 'sealed late', '\(Self.stamp(ahead))');
            """)

        let list = try BinaryRun.run(["drafts", "--store", sandbox.store], environment: sandbox.environment())
        let show = try BinaryRun.run(["drafts", "show", "2", "--store", sandbox.store], environment: sandbox.environment())

        #expect(list.status == 0, "stderr: \(list.errors)")
        #expect(list.lines.count == 2)
        // Listed by date written: the one written "in 2030" comes last.
        #expect(list.lines.last?.hasPrefix("1. ") == true && list.lines.last?.hasSuffix("sealed for another day") == true, "\(list.output)")
        #expect(list.lines.first?.hasPrefix("2. ") == true && list.lines.first?.hasSuffix("sealed for another 7 days") == true, "\(list.output)")
        #expect(show.status == 0, "stderr: \(show.errors)")
        #expect(show.output.hasPrefix("Draft 2 is sealed for another 7 days."), "\(show.output)")
        // The store keeps the settled seals, so they open within a week of now whatever the clock does next.
        let limit = Self.stamp(Date().addingTimeInterval(7 * 86_400 + 60))
        let until = try StoreQuery.column("SELECT sealedUntil FROM draft ORDER BY id", in: sandbox.store)
        #expect(until.allSatisfy { ($0 ?? "") <= limit }, "\(until)")
    }

    /// A seal can be made longer, never shorter (drive-32: "--for 2h" undid a day's seal at once).
    @Test func aSealIsMadeLongerNeverShorter() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.store(sandbox, "INSERT INTO draft (createdAt, text, sealedUntil) VALUES ('\(Self.stamp(Date()))', 'sealed', '\(Self.stamp(Date().addingTimeInterval(86_400)))');")
        let before = try StoreQuery.column("SELECT sealedUntil FROM draft", in: sandbox.store)

        let shorter = try BinaryRun.run(["drafts", "seal", "1", "--for", "2h", "--store", sandbox.store], environment: sandbox.environment())
        #expect(shorter.status == 64)
        #expect(shorter.errors.contains("Draft 1 is already sealed for another ") && shorter.errors.contains(". A seal can be made longer, not shorter."),
                "\(shorter.errors)")
        #expect(try StoreQuery.column("SELECT sealedUntil FROM draft", in: sandbox.store) == before)

        let longer = try BinaryRun.run(["drafts", "seal", "1", "--for", "3 days", "--store", sandbox.store], environment: sandbox.environment())
        #expect(longer.status == 0, "\(longer.errors)")
        #expect(longer.output.hasPrefix("Draft 1 is sealed for another 3 days."), "\(longer.output)")
    }

    @Test(arguments: [["status"], ["reflect"]])
    func aPlanSeenBeforeItsFirstDaySaysWhenItStarts(_ command: [String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let start = Self.day(Date().addingTimeInterval(30 * 86_400))
        try Self.store(sandbox, "INSERT INTO setting (key, value) VALUES ('plan_start', '\(start)'), ('plan_length', '21');")

        let run = try BinaryRun.run(command + ["--store", sandbox.store], stdin: Data("quit\n".utf8), environment: sandbox.environment())

        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.output.contains("Your plan starts on \(start), in "), "\(run.output)")
        #expect(!run.output.contains("Day 0"), "\(run.output)")
    }

    @Test func statsOnADayBeforeThePlanSaysWhenItStarts() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Self.store(sandbox, "INSERT INTO setting (key, value) VALUES ('plan_start', '2026-03-04'), ('plan_length', '21');")

        let run = try BinaryRun.run(["stats", "--store", sandbox.store, "--today", "2026-03-01"], environment: sandbox.environment())

        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.output.contains("Your plan starts on 2026-03-04, in 3 days."), "\(run.output)")
        #expect(!run.output.contains("Day 0"), "\(run.output)")
    }
}

import Foundation
import Testing

/// `unsent plan` shows the plan; `plan set FIELD VALUE` changes one part, with clear messages for values it
/// can't take (nothing changed); `--again` is the questionnaire; `log contact --day` logs a slip for a past day.
@Suite("Plan show and plan set")
struct PlanSetTests {
    private func run(_ arguments: [String], _ sandbox: Sandbox, stdin: Data? = nil) throws -> BinaryRun {
        try BinaryRun.run(arguments + ["--store", sandbox.store], stdin: stdin, environment: sandbox.environment())
    }

    private func setting(_ key: String, _ sandbox: Sandbox) throws -> String? {
        try StoreQuery.column("SELECT value FROM setting WHERE key = '\(key)'", in: sandbox.store).first ?? nil
    }

    @Test func planWithoutAPlanSaysHowToMakeOneAndAsksNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let shown = try run(["plan"], sandbox, stdin: Data("yes\n".utf8))

        #expect(shown.status == 0, "\(shown.errors)")
        #expect(shown.lines == ["No plan yet. Set one up with `unsent start`, or one part at a time: `unsent plan set start today`."])
        #expect(try StoreQuery.column("SELECT COUNT(*) FROM session", in: sandbox.store) == ["0"])
    }

    @Test func eachFieldIsSetAndShown() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let start = PersonDay.today(offset: -9)

        for (arguments, said) in [
            (["start", start], "Changed. Started: \(start) (day 10)"),
            (["length", "60"], "Changed. Length: 60 days, 50 to go"),
            (["reason", "I", "deserve", "some", "peace"], "Changed. Your reason: I deserve some peace"),
            (["people", "Sam,  Jo"], "Changed. People: Sam, Jo"),
            (["region", "GB"], "Changed. Region: uk"),
        ] {
            let changed = try run(["plan", "set"] + arguments, sandbox)
            #expect(changed.status == 0, "\(arguments): \(changed.errors)")
            #expect(changed.lines == [said])
        }
        let shown = try run(["plan"], sandbox)

        #expect(shown.lines == [
            "Your plan",
            "  Started      \(start) (day 10)",
            "  Length       60 days, 50 to go",
            "  Kind         no contact",
            "  Your reason  I deserve some peace",
            "  People       Sam, Jo",
            "  Region       uk",
            "Change one part with `unsent plan set FIELD VALUE` (length, start, reason, people, region), or all of it with `unsent plan --again`.",
        ])
        #expect(try setting("plan_statement", sandbox) == "I deserve some peace")
        #expect(try setting("support_people", sandbox) == "Sam, Jo")
        // As the questionnaire does, a change of start or length is recorded as the plan's history.
        #expect(try StoreQuery.column("SELECT json_extract(fields, '$.length') FROM event WHERE kind = 'plan-set' ORDER BY id", in: sandbox.store) == ["0", "60"])
        #expect(try run(["status", "--line"], sandbox).output == "day 10 · check-in open\n")
    }

    /// An end date is a length counted from the plan's start (drive-37: "until feb 14" was taken as 14 days).
    @Test func anEndDateIsTheDaysFromTheStart() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try run(["plan", "set", "start", "2026-11-17"], sandbox).status == 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 17)))
        // The next 14 February after today, as the reader takes it.
        let today = calendar.startOfDay(for: Date())
        var year = calendar.component(.year, from: today)
        while calendar.date(from: DateComponents(year: year, month: 2, day: 14))! <= today { year += 1 }
        let end = try #require(calendar.date(from: DateComponents(year: year, month: 2, day: 14)))
        let expected = try #require(calendar.dateComponents([.day], from: start, to: end).day) + 1
        let changed = try run(["plan", "set", "length", "until", "feb", "14"], sandbox)
        #expect(changed.status == 0, "\(changed.errors)")
        #expect(try setting("plan_length", sandbox) == String(expected))
        #expect(changed.output.contains("Length: \(expected) days"), "\(changed.output)")
    }

    @Test func lengthsInWordsAndTheOpenEndedOnes() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for (value, stored) in [("sixty", "60"), ("45 days", "45"), ("six weeks", "42"), ("3 months", "90"), ("open", "0"), ("forever", "0"), ("reach-out", "-1")] {
            let changed = try run(["plan", "set", "length", value], sandbox)
            #expect(changed.status == 0, "\(value): \(changed.errors)")
            #expect(try setting("plan_length", sandbox) == stored, "\(value)")
        }
    }

    @Test(arguments: [
        (["lenght", "60"], "'lenght' is not a part of the plan. Did you mean 'length'?"),
        (["length", "0"], "A plan's length is a number of days from 1 to 3650 (such as 60 or \"six weeks\"), open, or reach-out; '0' is not one."),
        (["length", "lots"], "'lots' is not one."),
        (["region", "france"], "'france' is not a region here."),
        (["reason"], "Your reason is empty."),
    ])
    func aValueItCantTakeIsRefusedAndNothingChanges(_ arguments: [String], _ message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try run(["plan", "set", "length", "30"], sandbox).status == 0)

        let refused = try run(["plan", "set"] + arguments, sandbox)

        #expect(refused.status == 64)
        #expect(refused.errors.contains(message), "\(refused.errors)")
        #expect(refused.output.isEmpty)
        #expect(try setting("plan_length", sandbox) == "30")
        #expect(try setting("region", sandbox) == nil)
    }

    @Test func aStartInTheFutureIsAllowedUpToAYearAndWordsAreRead() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let later = PersonDay.today(offset: 3)

        let ahead = try run(["plan", "set", "start", later], sandbox)
        let yesterday = try run(["plan", "set", "start", "yesterday"], sandbox)
        let far = try run(["plan", "set", "start", "2099-01-01"], sandbox)

        #expect(ahead.lines == ["Changed. Started: \(later) (starts in 3 days)"])
        #expect(yesterday.lines == ["Changed. Started: \(PersonDay.today(offset: -1)) (day 2)"])
        #expect(far.status == 64)
        #expect(far.errors.contains("'2099-01-01' is not a day for the plan to start"), "\(far.errors)")
        #expect(try setting("plan_start", sandbox) == PersonDay.today(offset: -1))
    }

    @Test func aReasonThatSoundsUnsafeIsKeptAndMeetsTheCrisisCheck() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let changed = try run(["plan", "set", "reason", "I want to kill myself"], sandbox, stdin: Data("quit\n".utf8))

        #expect(try setting("plan_statement", sandbox) == "I want to kill myself")
        #expect(try StoreQuery.column("SELECT COUNT(*) FROM event WHERE kind = 'crisis'", in: sandbox.store) == ["1"], "\(changed.output)")
    }

    @Test func againRunsTheQuestionnaire() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let again = try run(["plan", "--again"], sandbox, stdin: Data("quit\n".utf8))

        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("Let's set up your plan."))
        #expect(try StoreQuery.column("SELECT flow FROM session", in: sandbox.store) == ["plan"])
    }

    @Test func aSlipIsLoggedForAPastDay() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try run(["plan", "set", "start", PersonDay.today(offset: -9)], sandbox).status == 0)

        let logged = try run(["log", "contact", "--from-me", "--day", "yesterday"], sandbox)
        let future = try run(["log", "contact", "--from-me", "--day", "tomorrow"], sandbox)
        let status = try run(["status"], sandbox)

        #expect(logged.status == 0, "\(logged.errors)")
        #expect(logged.output.hasPrefix("Contact from you logged for \(PersonDay.today(offset: -1))."))
        #expect(future.status == 64)
        #expect(future.errors.contains("'tomorrow' is not a day up to today"), "\(future.errors)")
        #expect(try StoreQuery.column("SELECT json_extract(fields, '$.day') FROM event WHERE kind = 'contact'", in: sandbox.store)
            == [PersonDay.today(offset: -1)])
        #expect(status.output.contains("Current streak: 1 day. Longest streak: 8 days."), "\(status.output)")
        #expect(status.output.contains("Slips: 1."))
    }

    /// drive-35: a 30-day plan whose start was moved 129 days back read "Day 129 of 30." in `status`.
    @Test func aStartMovedPastThePlansEndSaysThePlanIsCompleteAndHowToExtendIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(try run(["plan", "set", "length", "30"], sandbox).status == 0)

        let moved = try run(["plan", "set", "start", PersonDay.today(offset: -128)], sandbox)
        let status = try run(["status"], sandbox)
        let extended = try run(["plan", "set", "length", "159"], sandbox)
        let after = try run(["status"], sandbox)

        #expect(moved.status == 0, "\(moved.errors)")
        #expect(moved.lines.last == "That makes today day 129, past the end of a 30-day plan, so it counts as complete. To keep counting toward an end, make it longer: `unsent plan set length 159`.")
        #expect(status.lines.first == "Day 129. Your 30-day plan was complete on day 30; `unsent plan set length` makes it longer.")
        #expect(!status.output.contains("of 30"))
        #expect(extended.lines == ["Changed. Length: 159 days, 30 to go"])
        #expect(after.lines.first == "Day 129 of 159. 30 days to go.")
    }

    /// drive-35: in low contact, planned contact about the children is part of the plan, so `status` and `stats`
    /// count days kept to it; "days without contact" was untrue for a co-parent who writes every week.
    @Test func lowContactCountsDaysKeptToThePlan() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try ClockTests.store(sandbox, "INSERT INTO setting (key, value) VALUES ('plan_start', '\(PersonDay.today(offset: -9))'), ('plan_length', '60'), ('plan_type', 'low-contact');")

        let status = try run(["status"], sandbox)
        let stats = try run(["stats"], sandbox)

        #expect(status.output.contains("Days kept to low contact in all: 10. Slips: 0."), "\(status.output)")
        #expect(stats.output.contains("Days kept to low contact in all: 10. Slips: 0."), "\(stats.output)")
        #expect(!status.output.contains("without contact"))
    }
}

/// Filling in a missed yesterday is offered to someone who was checking in before it, not on the first day of
/// check-ins (drive-26: a second check-in on the first day was asked to fill in yesterday).
@Suite("Yesterday's missed check-in")
struct MissedCheckInTests {
    private func reflect(_ sandbox: Sandbox, checkedIn days: [Int]) throws -> [String] {
        let set = try BinaryRun.run(["plan", "set", "start", PersonDay.today(offset: -9), "--store", sandbox.store],
                                    environment: sandbox.environment())
        #expect(set.status == 0, "\(set.errors)")
        let rows = days.map { offset -> String in
            let day = PersonDay.today(offset: offset)
            return "INSERT INTO event (at, kind, fields) VALUES ('\(day) 12:00:00.000', 'reflection', json_object('day', '\(day)', 'mood', '5'));"
        }
        try StatsFixture.execute("BEGIN;\n" + rows.joined(separator: "\n") + "\nCOMMIT;", in: sandbox.store)
        let run = try BinaryRun.run(["reflect", "--store", sandbox.store], stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 0, "\(run.errors)")
        return run.lines
    }

    @Test func notOfferedOnTheFirstDayOfCheckIns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let lines = try reflect(sandbox, checkedIn: [0])
        #expect(!lines.joined(separator: "\n").contains("fill yesterday in"), "\(lines)")
    }

    @Test func offeredWhenYesterdayBrokeARunOfCheckIns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let lines = try reflect(sandbox, checkedIn: [-3, -2, 0])
        #expect(lines.joined(separator: "\n").contains("You didn't check in yesterday. Would you like to fill yesterday in first?"), "\(lines)")
    }
}

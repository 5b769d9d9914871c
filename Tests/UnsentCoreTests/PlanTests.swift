import Foundation
import Testing
@testable import UnsentCore

/// Days, streaks and prompt rotation: the arithmetic the daily check-in rests on.
@Suite struct PlanTests {
    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static func day(_ text: String) throws -> Day { try #require(Day(text)) }

    // MARK: The day boundary

    @Test(arguments: [
        ("2026-11-23T03:59:00+00:00", "2026-11-22"),
        ("2026-11-23T04:00:00+00:00", "2026-11-23"),
        ("2026-11-23T23:59:00+00:00", "2026-11-23"),
        ("2026-11-24T01:30:00+00:00", "2026-11-23"),
    ])
    func aDayStartsAtFourInTheMorning(moment: String, expected: String) throws {
        let clock = DayClock(timeZone: try #require(TimeZone(identifier: "UTC")), dayStartHour: 4)
        #expect(clock.day(of: try Self.date(moment)).description == expected)
    }

    @Test func theDayStartIsConfigurable() throws {
        let clock = DayClock(timeZone: try #require(TimeZone(identifier: "UTC")), dayStartHour: 0)
        #expect(clock.day(of: try Self.date("2026-11-24T01:30:00+00:00")).description == "2026-11-24")
    }

    @Test func daylightSavingDoesNotSkipOrRepeatADay() throws {
        // Europe/London: clocks go back at 02:00 BST on 2026-10-25, forward at 01:00 GMT on 2026-03-29.
        let london = DayClock(timeZone: try #require(TimeZone(identifier: "Europe/London")), dayStartHour: 4)
        // 03:30 local on the day clocks go back is still the evening before.
        #expect(london.day(of: try Self.date("2026-10-25T03:30:00+00:00")).description == "2026-10-24")
        #expect(london.day(of: try Self.date("2026-10-25T04:00:00+00:00")).description == "2026-10-25")
        // The short spring night: 04:00 local is 03:00 UTC.
        #expect(london.day(of: try Self.date("2026-03-29T02:59:00+00:00")).description == "2026-03-28")
        #expect(london.day(of: try Self.date("2026-03-29T03:00:00+00:00")).description == "2026-03-29")
        // Every hour for four days across each change lands on consecutive days, none skipped.
        for start in ["2026-10-23T12:00:00+00:00", "2026-03-27T12:00:00+00:00"] {
            var seen: [Day] = []
            var moment = try Self.date(start)
            for _ in 0..<(24 * 4) {
                let day = london.day(of: moment)
                if seen.last != day { seen.append(day) }
                moment.addTimeInterval(3600)
            }
            for (earlier, later) in zip(seen, seen.dropFirst()) { #expect(earlier.days(to: later) == 1) }
        }
    }

    @Test func aMoveAcrossTimeZonesKeepsWhatAlreadyHappened() throws {
        // 23:30 in New York on the 23rd is 04:30 UTC on the 24th; the day is kept as the 23rd.
        let moment = try Self.date("2026-11-24T04:30:00+00:00")
        let newYork = DayClock(timeZone: try #require(TimeZone(identifier: "America/New_York")))
        let tokyo = DayClock(timeZone: try #require(TimeZone(identifier: "Asia/Tokyo")))
        #expect(newYork.day(of: moment).description == "2026-11-23")
        #expect(tokyo.day(of: moment).description == "2026-11-24")
        // After a move the next day is worked out in the new zone; the recorded day is not recomputed,
        // so streaks built from recorded days stay the same.
        let recorded = [newYork.day(of: moment)]
        let later = tokyo.day(of: try Self.date("2026-11-25T12:00:00+00:00"))
        let streaks = Streaks(start: try Self.day("2026-11-20"), slipDays: recorded, today: later)
        #expect(streaks.slips == 1)
        #expect(streaks.dayNumber == 6)
    }

    @Test(arguments: ["2024-02-29", "2026-01-01", "1999-12-31", "2026-11-23", "2100-03-01"])
    func dayOrdinalsRoundTrip(text: String) throws {
        let day = try Self.day(text)
        #expect(Day(ordinal: day.ordinal) == day)
        #expect(day.adding(days: 1).adding(days: -1) == day)
    }

    @Test func daysAreWrittenAsPrintfWouldAndReadBack() throws {
        var random = SeededRandom(seed: 2026)
        for _ in 0..<5_000 {
            let day = Day(year: Int.random(in: -120...12_000, using: &random), month: Int.random(in: 1...12, using: &random),
                          day: Int.random(in: 1...31, using: &random))
            #expect(day.description == String(format: "%04d-%02d-%02d", day.year, day.month, day.day))
            if day.year >= 0 { #expect(Day(day.description) == day) }
        }
        #expect(Day("7-1-2") == Day(year: 7, month: 1, day: 2))
    }

    @Test(arguments: ["", "2026", "2026-11", "2026-11-23-1", "2026--11-23", "-2026-11-23", "2026-11-", "2026-13-01",
                      "2026-00-10", "2026-11-32", "2026-11-00", "２０２６-11-23", "2026-11-2x", " 2026-11-23", "+2026-11-23",
                      "2026-11-23 ", "1234567890-01-01"])
    func malformedDaysAreNotRead(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func dayArithmeticCrossesMonthsAndLeapYears() throws {
        #expect(try Self.day("2024-02-28").adding(days: 1).description == "2024-02-29")
        #expect(try Self.day("2026-02-28").adding(days: 1).description == "2026-03-01")
        #expect(try Self.day("2026-01-01").days(to: try Self.day("2026-12-31")) == 364)
    }

    // MARK: Streaks

    /// Streaks counted the plain way, day by day, for comparison.
    static func streaksDayByDay(start: Day, slipDays: [Day], today: Day) -> Streaks {
        let slips = Set(slipDays.filter { $0 >= start && $0 <= today })
        var longest = 0, run = 0, day = start
        while day <= today {
            if slips.contains(day) { run = 0 } else { run += 1; longest = max(longest, run) }
            day = day.adding(days: 1)
        }
        let total = start.days(to: today) + 1
        return Streaks(dayNumber: total, currentStreak: run, longestStreak: longest, totalNoContactDays: total - slips.count,
                       slips: slips.count)
    }

    @Test func streaksAgreeWithCountingDayByDay() throws {
        var random = SeededRandom(seed: 77)
        let start = try Self.day("2024-01-01")
        for _ in 0..<400 {
            let today = start.adding(days: Int.random(in: 0...800, using: &random))
            let slipDays = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                start.adding(days: Int.random(in: -30...830, using: &random))
            }
            #expect(Streaks(start: start, slipDays: slipDays, today: today)
                    == Self.streaksDayByDay(start: start, slipDays: slipDays, today: today))
        }
    }

    @Test func noSlipsMeansEveryDayCounts() throws {
        let streaks = Streaks(start: try Self.day("2026-11-01"), slipDays: [], today: try Self.day("2026-11-12"))
        #expect(streaks == Streaks(dayNumber: 12, currentStreak: 12, longestStreak: 12, totalNoContactDays: 12, slips: 0))
    }

    @Test func aSlipRestartsTheCurrentStreakButKeepsTheRest() throws {
        let start = try Self.day("2026-11-01")
        let streaks = Streaks(start: start, slipDays: [try Self.day("2026-11-08")], today: try Self.day("2026-11-12"))
        #expect(streaks.dayNumber == 12)
        #expect(streaks.currentStreak == 4)
        #expect(streaks.longestStreak == 7)
        #expect(streaks.totalNoContactDays == 11)
        #expect(streaks.slips == 1)
    }

    @Test func aSlipTodayMakesTheCurrentStreakZero() throws {
        let streaks = Streaks(start: try Self.day("2026-11-01"), slipDays: [try Self.day("2026-11-12")], today: try Self.day("2026-11-12"))
        #expect(streaks.currentStreak == 0)
        #expect(streaks.longestStreak == 11)
    }

    @Test func repeatedAndOutOfRangeSlipsCountOnce() throws {
        let slip = try Self.day("2026-11-05")
        let streaks = Streaks(start: try Self.day("2026-11-01"),
                              slipDays: [slip, slip, try Self.day("2026-10-01"), try Self.day("2026-12-01")],
                              today: try Self.day("2026-11-10"))
        #expect(streaks.slips == 1)
        #expect(streaks.totalNoContactDays == 9)
    }

    @Test func aStartInTheFutureCountsNothing() throws {
        let streaks = Streaks(start: try Self.day("2026-12-01"), slipDays: [], today: try Self.day("2026-11-10"))
        #expect(streaks.dayNumber == 0)
        #expect(streaks.totalNoContactDays == 0)
    }

    // MARK: Prompt rotation

    static func deck(_ count: Int, gentleEvery: Int = 3) throws -> PromptDeck {
        var text = "prompts\n"
        for index in 0..<count {
            let category = PromptDeck.categories[index % PromptDeck.categories.count]
            text += "  prompt p\(index)\n    category: \(category)\n"
            if index % gentleEvery == 0 { text += "    gentle: yes\n" }
            text += "    text: Prompt number \(index)?\n"
        }
        var deck = PromptDeck()
        try deck.add(file: "test.prompts", lines: try OutlineReader.read(file: "test.prompts", text: text))
        return deck
    }

    @Test func noPromptRepeatsWithinThirtyDays() throws {
        let deck = try Self.deck(100)
        var history: [(id: String, day: Day)] = []
        var today = try Self.day("2026-01-01")
        for index in 0..<365 {
            let gentle = index % 4 == 0
            let prompt = try #require(deck.pick(today: today, history: history, gentle: gentle))
            if let last = history.last(where: { $0.id == prompt.id }) {
                #expect(last.day.days(to: today) >= PromptDeck.spacingDays, "\(prompt.id) came back after \(last.day.days(to: today)) days")
            }
            history.append((prompt.id, today))
            today = today.adding(days: 1)
        }
    }

    @Test func lowMoodDaysGetGentlePrompts() throws {
        let deck = try Self.deck(100)
        var history: [(id: String, day: Day)] = []
        var today = try Self.day("2026-01-01")
        for _ in 0..<20 {
            let prompt = try #require(deck.pick(today: today, history: history, gentle: true))
            #expect(prompt.gentle)
            history.append((prompt.id, today))
            today = today.adding(days: 1)
        }
    }

    @Test func theBundledPromptsAreEnoughAndVaried() throws {
        let content = try Repository.loadContent()
        let prompts = content.prompts.prompts
        #expect(prompts.count >= 100)
        for category in PromptDeck.categories {
            #expect(prompts.contains { $0.category == category }, "no prompts in \(category)")
        }
        #expect(prompts.filter(\.gentle).count >= 20)
        #expect(!prompts.contains { $0.text.contains("!") })
    }

    @Test func aBrokenPromptIsReportedWhereItIs() throws {
        var deck = PromptDeck()
        let text = "prompts\n  prompt a-1\n    category: grieff\n    text: Hello?\n"
        let error = try #require(throws: ContentError.self) {
            try deck.add(file: "x.prompts", lines: try OutlineReader.read(file: "x.prompts", text: text))
        }
        #expect(error.description == "x.prompts:3:15: error: unknown category 'grieff'\nnote: did you mean 'grief'?")
    }
}

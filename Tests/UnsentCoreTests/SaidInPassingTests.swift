import Foundation
import Testing
@testable import UnsentCore

/// What the person already said answers the questions it answers, and their words read back so
/// they fit the sentence they go into (the bundled flows, through the real engine).
struct SaidInPassingTests {
    static let today = "2026-11-23", yesterday = "2026-11-22"
    /// 2026-11-23T20:00:00Z: an evening, the same day wherever the tests run.
    static let now = Date(timeIntervalSince1970: 1_795_464_000)

    static func reflect(_ content: Content) -> Chat {
        Chat(content: content, flow: "reflect", seed: 3, variables: [
            "today": .text(today), "yesterday": .text(yesterday), "has_plan": .bool(true),
            "plan_start": .text("2026-11-01"), "plan_length": .number(30), "day_number": .number(23),
        ], now: now)
    }

    static func contactDays(_ chat: Chat) -> [String] {
        chat.events.compactMap {
            if case .event(let kind, let fields) = $0, kind == "contact" { fields["day"] } else { nil }
        }
    }

    @Test func aSlipNamedAsYesterdaysIsLoggedForYesterdayWithoutAskingTheDay() throws {
        var chat = Self.reflect(try Repository.loadContent())
        let said = chat.send("i texted jake yesterday").joined(separator: "\n")
        #expect(!said.contains("Which day was it?"))
        chat.send("")
        #expect(chat.lines.contains { $0.contains("today is day one again") })
        #expect(Self.contactDays(chat) == [Self.yesterday])
    }

    @Test func aSlipWithoutADayAsksAndAnEmptyAnswerMeansToday() throws {
        var chat = Self.reflect(try Repository.loadContent())
        #expect(chat.send("i caved and texted him").contains { $0.contains("Which day was it?") })
        chat.send("")
        #expect(Self.contactDays(chat) == [Self.today])
        chat.send("")
        #expect(chat.lines.contains { $0.contains("tomorrow counts as day one") })
    }

    @Test func aSlipOnAnEarlierDayIsLoggedThen() throws {
        var chat = Self.reflect(try Repository.loadContent())
        chat.send("I contacted them")
        chat.send("3 days ago")
        #expect(Self.contactDays(chat) == ["2026-11-20"])
    }

    @Test(arguments: [
        ("i texted him yesterday", "2026-11-22"),
        ("called her last night, it was bad", "2026-11-22"),
        ("2 days ago i messaged him", "2026-11-21"),
        ("i sent it on nov 20", "2026-11-20"),
        ("i may have texted him", nil),
        ("last time i texted", nil),
        ("i texted him 3 times", nil),
    ] as [(String, String?)])
    func aDayIsReadInPassing(text: String, day: String?) throws {
        let content = try Repository.loadContent()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let reader = AnswerReader(normalizer: content.normalizer, calendar: calendar)
        #expect(reader.dateSaid(in: text, now: Self.now) == day)
    }

    static func urge(_ content: Content) -> Chat {
        Chat(content: content, flow: "urge", seed: 5, variables: ["wait_seconds": .number(0)], now: now)
    }

    @Test func whatSetTheUrgeOffSaidWithTheRatingIsNotAskedAgain() throws {
        var chat = Self.urge(try Repository.loadContent())
        let said = chat.send("6 just saw his insta story with some girl").joined(separator: "\n")
        #expect(!said.contains("What set it off"))
        #expect(said.contains("A post is a highlight"))
    }

    @Test func aSleeplessNightSaidWithTheRatingIsTheTriggerEvenAfterIdk() throws {
        var chat = Self.urge(try Repository.loadContent())
        let said = chat.send("7 idk its 1am and i cant sleep").joined(separator: "\n")
        #expect(!said.contains("What set it off"))
        #expect(said.contains("Late nights"))
    }

    @Test(arguments: ["6", "6 idk", "6, not because of a post, i just miss him", "6 i feel so alone and i saw his story",
                      "6 something else"])
    func aRatingThatNamesNoOneTriggerStillAsks(answer: String) throws {
        var chat = Self.urge(try Repository.loadContent())
        #expect(chat.send(answer).contains("What set it off, do you think?"))
    }

    @Test(arguments: [
        ("because because i keep going back and it hurts me", "i keep going back and it hurts me"),
        ("Because I deserve some peace", "I deserve some peace"),
        ("bc i deserve peace", "i deserve peace"),
        ("im doing this because i want my life back", "i want my life back"),
        ("I deserve some peace", "I deserve some peace"),
        ("because", "because"),
        ("becausei typo", "becausei typo"),
    ])
    func wordsTheSentenceAlreadyHasAreNotSaidTwice(answer: String, kept: String) throws {
        let content = try Repository.loadContent()
        let reader = AnswerReader(normalizer: content.normalizer, calendar: Calendar(identifier: .gregorian))
        #expect(reader.dropping(["because", "bc", "im doing this because"], from: answer) == kept)
    }

    @Test func thePlanStatementReadsBackOnce() throws {
        let content = try Repository.loadContent()
        var chat = Chat(content: content, flow: "plan", seed: 1, variables: ["today": .text(Self.today)], now: Self.now)
        for answer in ["no", "2 weeks ago", "1", "under", "me", "calmly", "yes", "because because i deserve some peace"] {
            chat.send(answer)
        }
        #expect(chat.state.variables["plan_statement"]?.description
            == "I'm not doing this to punish you. I'm doing this because i deserve some peace")
    }

    @Test func aPlanStartedMonthsAgoIsNotOverTheMomentItIsMade() throws {
        let content = try Repository.loadContent()
        var chat = Chat(content: content, flow: "plan", seed: 1, variables: ["today": .text(Self.today)], now: Self.now)
        for answer in ["no", "3 months ago", "1", "over", "them", "badly"] { chat.send(answer) }
        let suggested = try #require(chat.state.variables["suggested"]?.number)
        let daysIn = try #require(chat.state.variables["days_in"]?.number)
        #expect(daysIn == 92)
        #expect(suggested > daysIn)
        #expect(chat.lines.contains { $0.contains("already 92 days in") })
    }

    @Test(arguments: [
        ("it was 2 weeks. TWO WEEKS", nil),
        ("2 weeks. like a 7 tbh", 7),
        ("its 2am and im at a 9", 9),
        ("texted him 3 times, id say 8", 8),
        ("after 5 years, a 10", 10),
        ("7/10", 7),
        ("about 8 out of 10", 8),
        ("seven", 7),
    ] as [(String, Int?)])
    func aRatingIsNotATimeOrALength(text: String, rating: Int?) throws {
        let content = try Repository.loadContent()
        let reader = AnswerReader(normalizer: content.normalizer, calendar: Calendar(identifier: .gregorian))
        #expect(reader.read(text, as: .scale(0...10), choices: [], now: Self.now) == rating.map(Value.number))
    }
}

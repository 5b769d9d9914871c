import Foundation
import Testing
@testable import UnsentCore

/// Typed questions through the engine: each kind with answers that fit and answers that are
/// asked again with the hint.
struct AnswerTests {
    /// One answer to one kind of question: the value it stores (as `{x}` shows it), or nil
    /// when the question must be asked again.
    struct Example: Sendable, CustomTestStringConvertible {
        var kind: String
        var input: String
        var expected: String?
        init(_ kind: String, _ input: String, _ expected: String?) {
            self.kind = kind
            self.input = input
            self.expected = expected
        }
        var testDescription: String { "\(kind) \"\(input.replacingOccurrences(of: "\n", with: "\\n"))\" → \(expected ?? "asked again")" }
    }

    static let choiceOptions = [
        "      - lonely: I feel lonely",
        "      - angry: I'm angry at them",
        "      - bored: Just bored | nothing to do, meh",
    ]

    static func script(kind: String) -> String {
        var lines = ["flow main", "  node start", "    ask x as \(kind): The question?"]
        if kind == "choice" { lines += choiceOptions }
        lines += ["    say: got {x}", "    end"]
        return lines.joined(separator: "\n") + "\n"
    }

    static func reasked(kind: String) -> [String] {
        let hint = "<hint-\(kind.split(separator: " ")[0])>"
        if kind == "choice" { return [hint, "The question?", "  1. I feel lonely", "  2. I'm angry at them", "  3. Just bored"] }
        return [hint, "The question?"]
    }

    static let examples: [Example] = [
        // Choices: by number, by word, by key, by label words, by synonym, by ordinal.
        Example("choice", "2", "angry"),
        Example("choice", "two", "angry"),
        Example("choice", " 3 ", "bored"),
        // A longer answer that opens with the number (drive-27: the words after it chose another option).
        Example("choice", "3 i guess, not angry at all, not lonely either", "bored"),
        Example("choice", "1, lonely. not angry, not bored", "lonely"),
        Example("choice", "2 weeks of nothing to do, so bored", "bored"),
        // The number as its own last sentence, after words that deny another option (drive-34).
        Example("choice", "wtf im not lonely at all. 2", "angry"),
        Example("choice", "lonely", "lonely"),
        Example("choice", "Lonely.", "lonely"),
        Example("choice", "I FEEL LONELY", "lonely"),
        Example("choice", "I'm angry", "angry"),
        Example("choice", "honestly just so angry at him", "angry"),
        Example("choice", "the second one", "angry"),
        Example("choice", "the third", "bored"),
        Example("choice", "first", "lonely"),
        Example("choice", "meh", "bored"),
        Example("choice", "there is nothing to do here", "bored"),
        // The other person is "them" in an option and "him" or "her" in an answer (drive-20).
        Example("choice", "at her mostly", "angry"),
        Example("choice", "purple", nil),
        Example("choice", "4", nil),
        Example("choice", "0", nil),
        Example("choice", "lonely or angry", nil),
        // A longer question put to us is no option by its words (drive-36: "Will she not think it rude if I simply
        // ignore it?" was taken for "Leave it unanswered").
        Example("choice", "would it not be kinder if i just said i feel lonely?", nil),
        Example("choice", "just bored?", "bored"),
        // One word a letter off an option's word of five letters or more (drive-36: "canda" at the regions).
        Example("choice", "lonly", "lonely"),
        Example("choice", "angy", nil),
        Example("choice", "", nil),
        // Scales.
        Example("scale", "7", "7"),
        Example("scale", "seven", "7"),
        Example("scale", "7/10", "7"),
        Example("scale", "about 8 out of 10", "8"),
        Example("scale", "0", "0"),
        Example("scale", "10", "10"),
        Example("scale", "Ten!", "10"),
        // Past the top of the scale is its top (drive-22: "like a 11 lol" was asked again).
        Example("scale", "11", "10"),
        Example("scale", "like a 11 lol", "10"),
        Example("scale", "-3", nil),
        // A rough count is no rating (drive-36: "a few" at the mood question was saved as 3).
        Example("scale", "a few", nil),
        Example("scale", "several i guess", nil),
        Example("scale", "a few, maybe 4", "4"),
        Example("scale", "500", nil),
        // Stop 18: a number taken back settles on the last one; the top of the scale in words; "-ish".
        Example("scale", "was 9 an hour ago, now more like 5", "5"),
        Example("scale", "a 3 this morning, now maybe 6 — so 6 i guess", "6"),
        Example("scale", "3 no more like 4", "4"),
        Example("scale", "off the charts honestly", "10"),
        Example("scale", "not bad, sixish", "6"),
        Example("scale", "between 6 and 7", "6"),
        // "one" that stands for a thing is no rating (drive-23: "The glasses one. Perhaps a seven." was 1).
        Example("scale", "The glasses one. Perhaps a seven.", "7"),
        Example("scale", "that one hurt. 8", "8"),
        Example("scale", "one of those days, like a 6", "6"),
        Example("scale", "one", "1"),
        Example("scale", "like a one", "1"),
        // A count of things is no rating (drive-24: "ive had like 5 beers" was a 5).
        Example("scale", "ive had like 5 beers and i saw her story", nil),
        Example("scale", "had 3 beers, the urge is like a 7", "7"),
        Example("number", "not even once :)", "0"),
        Example("number", "3 no more like 4", "4"),
        Example("number", "2 or 3", "2"),
        Example("duration", "two days, maybe three, no two", "172800"),
        Example("duration", "seal it for liek 3 dyas i cant be trusted", "259200"),
        Example("duration", "2 hours no wait 3 hours", "10800"),
        // A length said as the day it ends, to nine that morning (now is Monday 23:40; drive-27: "till sunday").
        Example("duration", "till sunday", "465600"),
        // A morning is nine o'clock by the clock, here 23:40 (drive-32: "tomorrow morning" was a whole day).
        Example("duration", "till the morn", "33600"),
        Example("duration", "tomorrow morning", "33600"),
        // Hedged yeses (drive-27, drive-28), and a hedge that is still not a yes.
        Example("yesno", "i guess yea", "yes"),
        Example("yesno", "yaa", "yes"),
        Example("yesno", "Perhaps. Ninety days seems rather arbitrary, but I shall try it.", "yes"),
        Example("yesno", "ill give it a go i suppose", "yes"),
        Example("yesno", "ill try but i dont think i can", nil),
        // More of a letter, not a yes (drive-29: taken as "yes, safe" and lost from the draft).
        Example("yesno", "I am not writing to argue about the house or the pension.", nil),
        Example("yesno", "i am fine", "yes"),
        // "I don't know" that opens with a word for no (drive-30: taken as a no).
        Example("yesno", "no sé. maybe", nil),
        Example("yesno", "no", "no"),
        Example("duration", "until friday morning i think", "292800"),
        Example("duration", "til monday", "552000"),
        Example("duration", "yeah seal it for the weekend", "552000"),
        Example("scale", "twenty", "10"),
        // A rating in words, as a share of the scale (drive-22: "medium" was asked again).
        Example("scale", "medium", "5"),
        Example("scale", "very strong", "9"),
        Example("scale", "low", "3"),
        Example("scale", "strong or weak idk", nil),
        Example("scale", "-3", nil),
        Example("scale 1 to 5", "5", "5"),
        Example("scale 1 to 5", "0", "1"),
        Example("scale 1 to 5", "6", "5"),
        // Yes and no, the way people say them.
        Example("yesno", "y", "yes"),
        // A grudging yes is a yes; a "not" turns it around (drive-24: "whatever. go on" was asked again).
        Example("yesno", "whatever. go on", "yes"),
        Example("yesno", "i guess so", "yes"),
        Example("yesno", "fine", "yes"),
        Example("yesno", "im not fine", nil),
        Example("yesno", "i guess", nil),
        Example("yesno", "yes", "yes"),
        Example("yesno", "Yeah", "yes"),
        Example("yesno", "yep", "yes"),
        Example("yesno", "sure, why not", "yes"),
        Example("yesno", "of course", "yes"),
        Example("yesno", "I think so", "yes"),
        Example("yesno", "n", "no"),
        Example("yesno", "no", "no"),
        Example("yesno", "nope", "no"),
        Example("yesno", "nah", "no"),
        Example("yesno", "not really", "no"),
        Example("yesno", "no thanks", "no"),
        Example("yesno", "maybe", nil),
        // Other languages' yes and no, as typed (drive-20: "oo sige", "wala naman").
        Example("yesno", "oo sige", "yes"),
        Example("yesno", "sim", "yes"),
        Example("yesno", "ouais", "yes"),
        Example("yesno", "wala naman", "no"),
        Example("yesno", "hindi po", "no"),
        Example("yesno", "não", "no"),
        // A change of mind takes back the opening word: ask again.
        Example("yesno", "no. actually wait. i want him to feel what i felt", nil),
        Example("yesno", "yes, hang on, let me think", nil),
        Example("yesno", "no actually", "no"),
        Example("yesno", "no changed my", "no"),
        Example("yesno", "yes on second thought", nil),
        Example("yesno", "", nil),
        // Free text.
        Example("text", "hello there", "hello there"),
        Example("text", "", nil),
        Example("text", "   ", nil),
        // Dates, with now = 2026-11-23 23:40 UTC.
        Example("date", "today", "2026-11-23"),
        Example("date", "Yesterday", "2026-11-22"),
        Example("date", "last night", "2026-11-22"),
        Example("date", "3 days ago", "2026-11-20"),
        Example("date", "three days ago", "2026-11-20"),
        Example("date", "a week ago", "2026-11-16"),
        Example("date", "last week", "2026-11-16"),
        Example("date", "2 months ago", "2026-09-23"),
        Example("date", "2026-11-01", "2026-11-01"),
        Example("date", "1 november", "2026-11-01"),
        Example("date", "nov 1 2025", "2025-11-01"),
        Example("date", "25 december", "2025-12-25"),
        Example("date", "November 1st", "2026-11-01"),
        Example("date", "2 weeks ago", "2026-11-09"),
        // drive-26: a fortnight, "since 3 weeks" (as German speakers say it), and numbered days.
        Example("date", "a fortnight ago", "2026-11-09"),
        Example("date", "since 3 weeks", "2026-11-02"),
        Example("date", "14.11.2026", "2026-11-14"),
        Example("date", "14/11/26", "2026-11-14"),
        Example("date", "11/14/2026", "2026-11-14"),
        Example("date", "3.11.", "2026-11-03"),
        Example("date", "30.12.2026", nil),
        Example("date", "It was the fourteenth of October, after the solicitor's letter arrived.", "2026-10-14"),
        Example("date", "the twenty first of october", "2026-10-21"),
        Example("date", "a second time in march", nil),
        // drive-35: a month alone is its first day (or its middle or end, said so), the latest one past.
        Example("date", "august", "2026-08-01"),
        Example("date", "since august", "2026-08-01"),
        Example("date", "mid december", "2025-12-15"),
        Example("date", "summer", nil),
        Example("date", "a month ago", "2026-10-23"),
        Example("date", "last year", "2025-11-23"),
        Example("date", "monday", "2026-11-23"),
        Example("date", "last monday", "2026-11-16"),
        Example("date", "Friday", "2026-11-20"),
        Example("date", "on saturday", "2026-11-21"),
        Example("date", "someday", nil),
        Example("date", "2026-12-25", nil),
        Example("date", "in 3 days", nil),
        // A hedged day is still a day; the plan's start can be changed later (`unsent plan set start`).
        Example("date", "maybe the 3rd", "2026-11-03"),
        // Stop 18: days said the way people say them (answers blind-1).
        Example("date", "the 20th", "2026-11-20"),
        Example("date", "on the 15th", "2026-11-15"),
        Example("date", "the 28th", "2026-10-28"),
        Example("date", "since saturday", "2026-11-21"),
        Example("date", "started this morning", "2026-11-23"),
        Example("date", "day before yesterday", "2026-11-21"),
        Example("date", "4 days", "2026-11-19"),
        Example("date", "a week", "2026-11-16"),
        Example("date", "halloween lol", "2026-10-31"),
        Example("date", "christmas", "2025-12-25"),
        Example("date", "6 days ago, no wait, a week ago exactly", "2026-11-16"),
        Example("date", "i think it was like 3 days ago", "2026-11-20"),
        Example("date", "in 3 days", nil),
        Example("date", "the 40th", nil),
        Example("date", "31 november", nil),
        Example("date", "tomorrow", nil),
        Example("date", "2026-02-30", nil),
        Example("date", "someday", nil),
        // Durations, stored in seconds.
        Example("duration", "10m", "600"),
        Example("duration", "5 minutes", "300"),
        Example("duration", "1h30m", "5400"),
        Example("duration", "half an hour", "1800"),
        Example("duration", "an hour", "3600"),
        Example("duration", "90s", "90"),
        Example("duration", "ten minutes", "600"),
        Example("duration", "2 hours and 15 minutes", "8100"),
        Example("duration", "20", "1200"),
        Example("duration", "1.5 hours", "5400"),
        Example("duration", "30 mins", "1800"),
        Example("duration", "2 days", "172800"),
        Example("duration", "soon", nil),
        Example("duration", "10 minutes ago", nil),
        Example("duration", "0", nil),
        // Words around a length are passed over (answers blind-1, stop 17).
        Example("duration", "like 8 hours", "28800"),
        Example("duration", "give it 24 hours", "86400"),
        Example("duration", "a day and a half", "129600"),
        Example("duration", "5 days pls", "432000"),
        Example("duration", "8 pls", nil),
        Example("number", "twice", "2"),
        Example("yesno", "not sure", nil),
        // A yes or a no closing a sentence of its own (drive-26).
        Example("yesno", "That seems sensible, yes.", "yes"),
        Example("yesno", "I think I will leave it, no.", "no"),
        Example("yesno", "not for me, yes?", nil),
        Example("yesno", "i am not sure", nil),
        // Scots, and a no with a reason after it (drive-32).
        Example("yesno", "naw leave it", "no"),
        Example("yesno", "why not", "yes"),
        Example("yesno", "no i might actually need to send this one", "no"),
        // Numbers.
        Example("number", "3", "3"),
        Example("number", "three", "3"),
        Example("number", "twenty one", "21"),
        Example("number", "I had 2", "2"),
        Example("number", "none", "0"),
        Example("number", "lots", nil),
        // No urge at all is the bottom of the scale (drive-31); a number said with it still counts.
        Example("scale", "I have no urge at all. I asked you a question.", "0"),
        Example("scale", "9, not at all calm", "9"),
        // Numbers of days, for a plan's length (drive-30: "40" and "about 1 year and half" were asked again).
        Example("yesno", "ight bet", "yes"),
        Example("yesno", "bet", "yes"),
        Example("yesno", "i bet", nil),
        Example("days", "40", "40"),
        Example("days", "about 45", "45"),
        Example("days", "six weeks", "42"),
        Example("days", "a month and a half", "45"),
        Example("days", "about 1 year and half", "548"),
        Example("days", "3 months", "90"),
        Example("days", "6mo", "180"),
        Example("days", "2 hours", nil),
        Example("days", "lots", nil),
        // One number in digits in a longer answer (drive-36).
        Example("days", "About 135, I think, which takes me to the end of March.", "135"),
        Example("days", "between 60 and 90 i guess", nil),
        // A day of a month is no number of days (drive-36: "Until the 31st of March" was read as 31).
        Example("days", "Until the 31st of March, please.", nil),
    ]

    /// drive-36: "no, afraid no. Sad yes, afraid never." to "Have you ever felt afraid of them?" was read as yes.
    @Test(arguments: [("no, afraid no. Sad yes, afraid never.", false), ("yes, afraid sometimes", true),
                      ("no. sad yes, but not afraid", false), ("i was afraid of him", true)])
    func aYesOrNoWithOptionsReadsDenialsAroundItsWords(_ answer: String, _ expected: Bool) throws {
        var chat = try Chat("""
            flow main
              node start
                ask x as yesno: Have you ever felt afraid of them?
                  - yes: Yes | afraid, scared
                  - no: No | not afraid, never scared
                say: got {x}
                end

            """)
        #expect(chat.send(answer) == ["got \(expected ? "yes" : "no")"])
    }

    @Test(arguments: examples)
    func answer(_ example: Example) throws {
        var chat = try Chat(Self.script(kind: example.kind))
        let lines = chat.send(example.input)
        if let expected = example.expected {
            #expect(lines == ["got \(expected)"])
            #expect(chat.ended == "finished")
        } else {
            #expect(lines == Self.reasked(kind: example.kind))
            #expect(chat.state.prompt?.text == "The question?")
            #expect(chat.variable("x") == nil)
        }
    }

    /// At a question that takes free words, only an answer that is nothing but "I don't know" is unsure
    /// (drive-32: "idk" became the plan's reason); "i guess i deserve better" is a reason.
    @Test(arguments: [("idk", true), ("no idea tbh", true), ("not sure yet", true), ("i dont know", true), ("I am not sure", true),
                      ("i guess i deserve better", false), ("maybe because i want peace", false), ("my kids", false)])
    func onlyAnUnsureAnswerIsUnsure(_ text: String, _ unsure: Bool) throws {
        let normalizer = try Self.content.get().normalizer
        #expect(AnswerReader(normalizer: normalizer, calendar: Engine.utcCalendar).isOnlyUnsure(text) == unsure)
    }
    static let content: Result<Content, any Error> = Result { try Repository.loadContent() }

    /// A rating said in passing counts only when said as one (drive-31: "9/10" at the home menu was asked again).
    @Test(arguments: [("i want to text her again lol. 9/10", 9), ("like 8 out of 10 honestly", 8), ("thinking of him 24/7", nil),
                      ("was 3/10 now 7/10", nil), ("i am 9", nil)] as [(String, Int?)])
    func aRatingSaidInPassing(_ text: String, _ rating: Int?) {
        #expect(AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar).ratingSaid(in: text, range: 0...10) == rating)
    }

    /// A seal says when it opens, in the words a person would use (drive-30: "Sealed." said nothing of when).
    @Test(arguments: [(3600, "today at 11:00"), (86_400, "tomorrow at 10:00"), (3 * 86_400, "Thursday at 10:00"),
                      (10 * 86_400, "17 December at 10:00")])
    func whenASealOpensIsSaidInWords(_ seconds: Int, _ said: String) {
        let reader = AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
        // Monday 7 December 2026, 10:00 UTC.
        let now = Date(timeIntervalSince1970: 1_796_637_600)
        #expect(reader.whenItOpens(after: seconds, now: now) == said)
    }

    /// An end date at a question of days (`counted from:`) is the next such day; a number said beside it is the
    /// answer instead (drive-36).
    @Test(arguments: [("Until the 31st of March, please.", "2027-03-31"), ("until march 31", "2027-03-31"),
                      ("till the end of january", "2027-01-31"), ("until valentines day", "2027-02-14"), ("to the 20th of december", "2026-12-20"),
                      ("About 135, I think, which takes me to the end of March.", nil), ("31", nil), ("six weeks", nil),
                      ("until 1 december", "2027-12-01")])
    func anEndDateIsTheNextSuchDay(_ text: String, _ day: String?) {
        let reader = AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
        // Monday 7 December 2026, 10:00 UTC.
        let now = Date(timeIntervalSince1970: 1_796_637_600)
        #expect(reader.endDate(in: text, now: now)?.description == day)
    }

    /// "till tomorrow morning" at 01:20:35 opens this morning at 09:00, not "today at 08:59" (drive-35).
    @Test func aSealTillMorningMadeBeforeDawnOpensThisMorning() throws {
        let reader = AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
        // Monday 7 December 2026, 01:20:35.4 UTC.
        let now = Date(timeIntervalSince1970: 1_796_606_435.4)
        let seconds = try #require(reader.untilMorning("til tmrw morning", now: now))
        #expect(reader.whenItOpens(after: seconds, now: now) == "this morning at 09:00")
    }

    /// A menu with `days:` takes a number of days typed instead of an option; a bare option number is still the option.
    @Test(arguments: [("40", "days", 40), ("six weeks", "days", 42), ("3 days", "days", 3), ("2", "angry", nil), ("meh", "bored", nil)])
    func aMenuOfLengthsTakesANumberOfDays(_ input: String, _ choice: String, _ days: Int?) throws {
        let script = Self.script(kind: "choice").replacingOccurrences(of: "nothing to do, meh\n", with: "nothing to do, meh\n      days: length\n")
        var chat = try Chat(script)
        chat.send(input)
        #expect(chat.variable("x") == .text(choice))
        #expect(chat.variable("length") == days.map(Value.number))
    }

    @Test(arguments: ["-2", "-12"])
    func aNegativeNumberIsNotReadAsPositive(_ input: String) throws {
        var chat = try Chat(Self.script(kind: "number"))
        chat.send(input)
        #expect(chat.variable("x") != .number(abs(Int(input) ?? 0)))
    }

    @Test func aChoiceIsShownWithNumberedOptions() throws {
        let chat = try Chat(Self.script(kind: "choice"))
        #expect(chat.lines == ["The question?", "  1. I feel lonely", "  2. I'm angry at them", "  3. Just bored"])
        #expect(chat.state.prompt?.kind == .choice)
        #expect(chat.state.prompt?.choices.map(\.key) == ["lonely", "angry", "bored"])
        #expect(chat.state.prompt?.choices.last?.synonyms == ["nothing to do", "meh"])
        #expect(chat.state.prompt?.node == "main.start")
    }

    @Test func valuesAreTyped() throws {
        var chat = try Chat(Self.script(kind: "scale"))
        chat.send("seven")
        #expect(chat.variable("x") == .number(7))
        chat = try Chat(Self.script(kind: "yesno"))
        chat.send("nope")
        #expect(chat.variable("x") == .bool(false))
        chat = try Chat(Self.script(kind: "choice"))
        chat.send("2")
        #expect(chat.variable("x") == .text("angry"))
        #expect(chat.variable("input") == .text("2"))
    }

    @Test func anOutOfRangeScaleIsAskedAgainWithItsOwnHint() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask urge as scale: How strong, from 0 to 10?",
            "      hint: A number from 0 to 10, like 6.",
            "    say: {urge}",
            "    end"))
        #expect(chat.send("-4") == ["A number from 0 to 10, like 6.", "How strong, from 0 to 10?"])
        #expect(chat.send("very") == ["A number from 0 to 10, like 6.", "How strong, from 0 to 10?"])
        #expect(chat.send("6") == ["6"])
    }

    // MARK: Lines

    static let linesScript = TestScript.lines(
        "flow main",
        "  node start",
        "    ask message as lines: Write it out.",
        "    save draft message",
        "    say: kept",
        "    end")

    @Test func linesAreCollectedUntilAnEmptyLine() throws {
        var chat = try Chat(Self.linesScript)
        #expect(chat.lines == ["Write it out.", "<lines-hint>"])
        #expect(chat.send("Hi Sam.") == [])
        #expect(chat.state.isCollectingLines)
        #expect(chat.send("I keep thinking about you.") == [])
        #expect(chat.send("") == ["kept"])
        #expect(chat.drafts == ["Hi Sam.\nI keep thinking about you."])
        #expect(chat.variable("message") == .text("Hi Sam.\nI keep thinking about you."))
        #expect(!chat.state.isCollectingLines)
    }

    /// A line added to a long multi-line answer must not copy every line before it (a draft of
    /// many lines took time in the square of its length): stepped in place, as a session runs,
    /// the collected lines move to new storage only when it grows, a few times in all.
    @Test func aLongMultiLineAnswerGrowsInPlace() throws {
        let engine = Engine(content: try TestScript.load(Self.linesScript))
        var (state, _) = engine.start("main", seed: 1)
        let count = 5_000
        var moves = 0
        var storage: UnsafeRawPointer?
        for index in 0..<count {
            _ = engine.step(&state, .line("line \(index) of a long draft"), now: Chat.now)
            let current = state.pendingLines.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if current != storage { moves += 1 }
            storage = current
        }
        #expect(moves < 64, "the collected lines moved \(moves) times in \(count) lines")
        // The same count for a caller that keeps the state it passed in until the step returns,
        // as the session runner did: every line copies all the lines before it. (This shows the
        // count above can see the copying it rules out.)
        var (kept, _) = engine.start("main", seed: 1)
        var copies = 0
        var copied: UnsafeRawPointer?
        for index in 0..<200 {
            (kept, _) = engine.step(kept, .line("line \(index)"), now: Chat.now)
            let current = kept.pendingLines.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if current != copied { copies += 1 }
            copied = current
        }
        #expect(copies > 150, "a kept state's lines moved only \(copies) times in 200 lines")
        let outputs = engine.step(&state, .line(""), now: Chat.now)
        let drafts = outputs.compactMap { output -> String? in if case .draft(let text) = output { text } else { nil } }
        #expect(drafts == [(0..<count).map { "line \($0) of a long draft" }.joined(separator: "\n")])
    }

    @Test func aLoneDotEndsLinesToo() throws {
        var chat = try Chat(Self.linesScript)
        chat.send("one")
        #expect(chat.send(".") == ["kept"])
        #expect(chat.drafts == ["one"])
    }

    @Test func pastedTextWithNewlinesIsKeptWhole() throws {
        var chat = try Chat(Self.linesScript)
        let pasted = "Dear Sam,\n\nI miss you.\n  Indented line.\nBye"
        #expect(chat.send(pasted) == [])
        #expect(chat.send("") == ["kept"])
        #expect(chat.drafts == [pasted])
    }

    @Test func commandsInsideLinesAreJustWords() throws {
        var chat = try Chat(Self.linesScript)
        chat.send("I want to go")
        chat.send("back")
        chat.send("help")
        #expect(chat.send("") == ["kept"])
        #expect(chat.drafts == ["I want to go\nback\nhelp"])
    }

    @Test func anEmptyFirstLineIsAskedAgain() throws {
        var chat = try Chat(Self.linesScript)
        #expect(chat.send("") == ["<hint-lines>", "Write it out.", "<lines-hint>"])
        chat.send("now")
        #expect(chat.send("") == ["kept"])
    }

    @Test func anOptionalTextMayBeEmpty() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask note as optional text: Anything to add?",
            "    if note: say: noted {note}",
            "    else: say: nothing",
            "    end"))
        #expect(chat.send("") == ["nothing"])
        #expect(chat.variable("note") == Value.none)
        chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask note as optional text: Anything to add?",
            "    if note: say: noted {note}",
            "    else: say: nothing",
            "    end"))
        #expect(chat.send("a bit") == ["noted a bit"])
    }

    // MARK: Retries

    @Test func theRetryLimitRunsTheElseStatement() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as scale: How strong?",
            "      hint: A number, please.",
            "      else: goto rescue",
            "    say: got {x}",
            "    end",
            "  node rescue",
            "    say: rescued",
            "    end"))
        #expect(chat.send("a") == ["A number, please.", "How strong?"])
        #expect(chat.send("b") == ["A number, please.", "How strong?"])
        #expect(chat.send("c") == ["<retry-limit>", "rescued"])
        #expect(chat.ended == "finished")
        #expect(chat.variable("x") == nil)
    }

    @Test func theRetryLimitWithoutElseUsesTheDefault() throws {
        var chat = try Chat(TestScript.lines(
            "var before = 4",
            "flow main",
            "  node start",
            "    ask x as scale: How strong?",
            "      retries: 1",
            "      default: before + 1",
            "    say: got {x}",
            "    end"))
        #expect(chat.send("a") == ["<hint-scale>", "How strong?"])
        #expect(chat.send("b") == ["<retry-limit>", "got 5"])
        #expect(chat.variable("x") == .number(5))
    }

    @Test func theRetryLimitWithElseAndDefaultSetsTheDefaultToo() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask ready as yesno: Ready?",
            "      retries: 0",
            "      default: yes",
            "      else: say: Let's go on anyway.",
            "    say: ready is {ready}",
            "    end"))
        #expect(chat.send("hmm") == ["<retry-limit>", "Let's go on anyway.", "ready is yes"])
    }

    @Test func retriesZeroGivesUpAtOnceAndNoDefaultLeavesNothing() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as yesno: Sure?",
            "      retries: 0",
            "    if x is none: say: no answer",
            "    end"))
        #expect(chat.send("perhaps") == ["<retry-limit>", "no answer"])
    }

    @Test func aValidAnswerAfterRetriesResetsTheCount() throws {
        var chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as scale: First?",
            "      retries: 1",
            "    ask y as scale: Second?",
            "      retries: 1",
            "    say: {x} {y}",
            "    end"))
        chat.send("a")
        #expect(chat.send("1") == ["Second?"])
        #expect(chat.send("b") == ["<hint-scale>", "Second?"])
        #expect(chat.send("2") == ["1 2"])
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// The tone checker's behaviour: quotes, categories, revisions, and the format's errors.
@Suite struct ToneRulesTests {
    @Test func aDraftWithThreeFlagsRevisedToNone() throws {
        let rules = try ToneSupport.rules()
        let draft = "I'm so sorry, please please come back. I love you xx"
        let flags = rules.check(draft, category: "miss-you")
        #expect(flags.map(\.id) == ["begging", "intimacy", "over-apology"])
        #expect(flags.map(\.quote) == ["please please", "I love you", "so sorry"])
        for flag in flags {
            #expect(!flag.advice.isEmpty)
            #expect(!flag.advice.contains("!"), "advice never shouts")
        }
        #expect(flags.first { $0.id == "begging" }?.template != nil)
        let revised = "Thanks for telling me. I'm not ready to talk, and I'm taking some space. Take care."
        #expect(rules.check(revised, category: "miss-you").isEmpty)
    }

    @Test func tooLongDependsOnTheCategory() throws {
        let rules = try ToneSupport.rules()
        let draft = Array(repeating: "The van is booked for nine on Saturday morning.", count: 5).joined(separator: " ")
        #expect(ToneRules.wordCount(draft) == 45)
        #expect(rules.wordLimit(for: "logistics") == 60)
        #expect(rules.wordLimit(for: "hoover") == 40)
        #expect(rules.wordLimit(for: nil) == 50)
        #expect(rules.wordLimit(for: "no-such-category") == 50)
        #expect(rules.check(draft, category: "logistics").isEmpty)
        #expect(rules.check(draft, category: "check-in").isEmpty)
        let tooLong = try #require(rules.check(draft, category: "hoover").first)
        #expect(tooLong.id == "too-long")
        #expect(tooLong.quote == "45 words")
        #expect(tooLong.advice.contains("boundary"), "boundary replies get their own advice")
    }

    @Test func intimacyIsStricterInPracticalMessages() throws {
        let rules = try ToneSupport.rules()
        let signOff = "I'll drop your post round tomorrow. Love, Jen"
        #expect(rules.check(signOff, category: "logistics").map(\.id) == ["intimacy"])
        #expect(rules.check(signOff, category: "check-in").isEmpty)
        let practical = try #require(rules.check("see you at 6 xx", category: "children").first)
        #expect(practical.advice.contains("practical"))
    }

    @Test(arguments: [
        ("Saturday at 10 works for the handover. I'll bring her bag and the inhaler.", "children"),
        ("You always pick her up on Fridays, so I'll have her from Saturday.", "children"),
        ("sorry for the late reply about the car. yes, tuesday is fine", "logistics"),
        ("Please confirm the time so I can sort work.", "logistics"),
        ("No need to apologise, these things happen.", "apology"),
        ("FYI the MOT is booked, I'll forward the PDF.", "logistics"),
    ])
    func practicalRepliesComeOutClean(draft: String, category: String) throws {
        #expect(try ToneSupport.rules().check(draft, category: category).isEmpty)
    }

    @Test func quotesKeepTheDraftAsTyped() throws {
        let rules = try ToneSupport.rules()
        let flags = rules.check("Please, PLEASE don’t leave me… WHY would you?!", category: "miss-you")
        let quotes = Dictionary(uniqueKeysWithValues: flags.map { ($0.id, $0.quote) })
        #expect(quotes["begging"] == "Please, PLEASE")
        #expect(quotes["shouting"] == "PLEASE")
        #expect(flags.map(\.id) == flags.map(\.id).sorted())
        let stretched = rules.check("pleaseeee come home, i miss u sooo much 😘", category: "miss-you")
        #expect(stretched.first { $0.id == "begging" }?.quote == "pleaseeee come home")
        #expect(stretched.first { $0.id == "intimacy" }?.quote == "i miss u")
    }

    @Test func unlinkedRulesFindNothing() {
        #expect(ToneRules().check("please please come back") == [])
        #expect(ToneRules().wordLimit(for: "logistics") == nil)
    }

    // MARK: errors

    @Test func brokenToneFileRendersFileLineColumnAndCaret() {
        let text = """
        categories: logistics, children
        flag begging
            advice: Try asking for nothing.
            words: please [come back|dont go
            wrods: please please
            repeat 1: sorry
        flg intimacy
        """
        var error: ContentError?
        do { _ = try ToneSupport.load([("Content/tone/broken.tone", text)]) } catch let caught { error = caught }
        let rendered = error?.description ?? ""
        #expect(rendered.contains("""
        Content/tone/broken.tone:4:19: error: this '[' is never closed
            words: please [come back|dont go
                          ^
        note: close the alternatives with ']'
        """))
        #expect(rendered.contains("Content/tone/broken.tone:5:5: error: 'wrods' is not a flag line"))
        #expect(rendered.contains("note: did you mean 'words'?"))
        #expect(rendered.contains("Content/tone/broken.tone:6:12: error: 'repeat 1' needs a number of times from 2 to 20"))
        #expect(rendered.contains("Content/tone/broken.tone:7:1: error: 'flg' does not start a tone line"))
        #expect(rendered.contains("note: did you mean 'flag'?"))
    }

    @Test func linkingNamesUnknownFlagsCategoriesAndConceptsWithSuggestions() {
        let text = """
        categories: logistics, children
        group practical: logistics, childrn
        length: 50
        length practicle: 60
        flag beging
            advice: Try asking for nothing.
        flag intimacy
            advice: Keep it kind, not close.
            words in practical: ~kisses
            sample in logistcs: see you at 6 xx
        concept kiss: xx, xxx
        flag guilt
            words: after everything
        """
        var error: ContentError?
        do { _ = try ToneSupport.load([("Content/tone/names.tone", text)]) } catch let caught { error = caught }
        let diagnostics = error?.diagnostics ?? []
        #expect(diagnostics.map(\.description) == [
            """
            Content/tone/names.tone:2:29: error: there is no category named 'childrn'
            group practical: logistics, childrn
                                        ^
            note: did you mean 'children'?
            """,
            """
            Content/tone/names.tone:4:8: error: there is no category or group named 'practicle'
            length practicle: 60
                   ^
            note: did you mean 'practical'?
            """,
            """
            Content/tone/names.tone:5:6: error: 'beging' is not a tone flag; the flags are contempt, hostility, begging, blame, guilt, intimacy, jealousy, over-apology, reopening, shouting, too-long, ultimatum, baiting
            flag beging
                 ^
            note: did you mean 'begging'?
            """,
            """
            Content/tone/names.tone:9:26: error: there is no concept named 'kisses'
                words in practical: ~kisses
                                     ^
            note: did you mean 'kiss'?
            """,
            """
            Content/tone/names.tone:10:15: error: there is no category named 'logistcs'
                sample in logistcs: see you at 6 xx
                          ^
            note: did you mean 'logistics'?
            """,
            """
            Content/tone/names.tone:12:6: error: the flag 'guilt' has no 'advice:' line that applies everywhere
            flag guilt
                 ^
            note: every flag needs advice; 'advice in ...:' lines only add variants
            """,
        ])
    }

    @Test func samplesThatDoNotComeOutAsWrittenAreLintErrors() throws {
        let text = """
        categories: logistics
        length: 50
        flag begging
            advice: Try asking for nothing.
            words: please please
            sample: come back to me
            sample none: please please confirm
        """
        let rules = try ToneSupport.load([("Content/tone/samples.tone", text)])
        let problems = rules.lint().filter { $0.severity == .error }.map(\.message)
        #expect(problems == [
            "the sample 'come back to me' does not raise 'begging'",
            "the sample 'please please confirm' raises 'begging' on 'please please', but is marked none",
        ])
    }

    // MARK: robustness

    @Test func randomStringsNeverCrash() throws {
        let rules = try ToneSupport.rules()
        var generator = SeededRandom(seed: 20_261_123)
        let pieces = ["please", "PLEASE", "sorry", "you", "never", "xx", "!", "?", "?!", " ", ",", ".", "\n", "’", "'",
                      "😘", "❤️", "\u{301}", "\u{200F}", "\u{0}", "\u{1B}[31m", "é", "ß", "İ", "ﬁ", "#", "~", "[", "]", "$", "^", "..", "_"]
        let categories: [String?] = [nil, "logistics", "miss-you", "nonsense"]
        for _ in 0..<2_000 {
            var draft = ""
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                if Bool.random(using: &generator) {
                    draft += pieces.randomElement(using: &generator) ?? ""
                } else {
                    draft.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &generator)) ?? " ")
                }
            }
            let flags = rules.check(draft, category: categories.randomElement(using: &generator) ?? nil)
            for flag in flags where flag.id != "too-long" { #expect(draft.contains(flag.quote)) }
        }
    }

    @Test func aMebibyteDraftIsChecked() throws {
        let rules = try ToneSupport.rules()
        let sentence = "please please come back, I'm SO sorry, you never listen!! "
        let draft = String(String(repeating: sentence, count: (1 << 20) / sentence.utf8.count + 1).utf8.prefix(1 << 20))!
        let start = ContinuousClock.now
        let flags = rules.check(draft, category: "logistics")
        #expect(flags.map(\.id) == ["begging", "blame", "over-apology", "shouting", "too-long"])
        #expect(ContinuousClock.now - start < .seconds(60))
        let oneWord = String(repeating: "a", count: 1 << 20)
        #expect(rules.check(oneWord).isEmpty)
    }
}

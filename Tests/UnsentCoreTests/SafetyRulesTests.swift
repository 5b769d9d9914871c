import Foundation
import Testing
@testable import UnsentCore

/// Idioms, negation, jokes, voice and the rule format's errors.
@Suite struct SafetyRulesTests {
    /// The idioms named in the issue: never a crisis, never a check-in.
    @Test(arguments: [
        "dying to text him", "this is killing me", "killing me", "dead tired", "I could kill for a coffee",
        "I'm done with him", "shoot me a text", "he hit me with the we-need-to-talk text", "killing it at work",
        "my phone died", "the suspense is killing me", "i miss him to death",
        // A co-parent's plans and a legal threat (drive-31, drive-32), and someone else's task.
        "i already plan to take him to my mother", "I'm planning to take him to my mum's on Sunday",
        "she's threatening the lawyer again", "Stop threatening me with your lawyer every time something goes wrong.",
        "I am not sure it would have floored me, exactly, but I would have waited for him to do it.",
    ])
    func idiomsAreNotCrises(_ line: String) throws {
        let rules = try SafetySupport.rules()
        #expect(rules.classify(line) == nil, "\(line) -> \(String(describing: rules.explain(line)))")
    }

    @Test(arguments: [
        ("i want to kill myself", CrisisCategory.suicide),
        ("kms", .suicide),
        ("i'm going to unalive myself", .suicide),
        ("thinking about sewerslide", .suicide),
        ("wanna die", .suicide),
        ("i just want to end it all", .suicide),
        ("i hope i dont wake up tomorrow", .suicide),
        ("he said he'd kill himself if i leave", .exSelfHarm),
        ("he said he'd kill me", .danger),
        ("jake said he'd hurt me", .danger),
        ("jake hit me", .danger),
        ("maria threatened to end it if i don't call", .exSelfHarm),
        ("i'm going to kill him", .harmOthers),
        ("he keeps telling me to kys", .danger),
        ("I’m not going to hurt myself", .ambiguous),
        ("i'm not going to hurt myself", .ambiguous),
        ("kms lol", .ambiguous),
        ("i want to die lmao", .ambiguous),
        // Anger said as a joke is still anger: its steps, not the check-in's self-harm question (drive-34).
        ("i could kill her lol", .harmOthers),
    ])
    func categories(_ line: String, _ expected: CrisisCategory) throws {
        let rules = try SafetySupport.rules()
        #expect(rules.classify(line) == expected, "\(line) -> \(String(describing: rules.explain(line)))")
    }

    @Test func explainNamesTheRule() throws {
        let rules = try SafetySupport.rules()
        let found = try #require(rules.explain("i want to kill myself"))
        #expect(found.category == .suicide)
        #expect(found.rule == "kill-myself")
        let softened = try #require(rules.explain("i want to die lmao"))
        #expect(softened.category == .ambiguous)
        #expect(softened.rule == "want-to-die (softened)")
        let negated = try #require(rules.explain("i'm not going to hurt myself"))
        #expect(negated.rule == "hurt-myself (negated)")
    }

    @Test func emptyAndUnlinkedRulesFindNothing() throws {
        #expect(SafetyRules().classify("i want to die") == nil)
        let rules = try SafetySupport.rules()
        #expect(rules.classify("") == nil)
        #expect(rules.classify("   \n\t ") == nil)
    }

    // MARK: the format

    static func rules(_ text: String, file: String = "Content/safety/test.safety") throws(ContentError) -> SafetyRules {
        try SafetySupport.load([(file, text)]).0
    }

    @Test func aSmallRuleFileWorks() throws {
        let rules = try Self.rules("""
            concept want: want, wish, need
            concept negation: not, never, dont
            concept self: i, im
            concept other: he, she, hed, shed
            spell want to: wanna
            idiom: dying to
            rule die: suicide
                near 4: {want} die/dying
                sample: wanna die
                sample none: dying to text him
            rule joke: soften
                words: lol
            """)
        #expect(rules.classify("i really want to die") == .suicide)
        #expect(rules.classify("want... to die") == .suicide)
        #expect(rules.classify("die, i want to") == .suicide)
        #expect(rules.classify("i dont want to die") == .ambiguous)
        #expect(rules.classify("want to die lol") == .ambiguous)
        #expect(rules.classify("she said she'd want to die") == .exSelfHarm)
        #expect(rules.classify("dying to text him") == nil)
        #expect(rules.classify("wanting a diet") == nil)
        #expect(rules.lint().filter { $0.severity == .error }.isEmpty)
    }

    @Test func lintReportsSamplesThatDoNotMatch() throws {
        let rules = try Self.rules("""
            rule die: suicide
                words: want to die
                sample: i wish i was gone
            """)
        let problems = rules.lint()
        #expect(problems.map(\.description) == ["""
            Content/safety/test.safety:3:13: error: the sample 'i wish i was gone' of rule 'die' is classified as nothing, not as suicide
            note: widen a pattern, or check the idioms and 'unless' lines that hide it
            """])
    }

    @Test func unknownConceptIsReportedWithItsPlaceAndASuggestion() throws {
        let error = #expect(throws: ContentError.self) {
            try Self.rules("""
                concept means: pills, rope
                rule plan: suicide
                    near 5: bought {meens}
                """)
        }
        #expect(error?.description == """
            Content/safety/test.safety:3:21: error: there is no concept named 'meens'
                near 5: bought {meens}
                                ^
            note: did you mean 'means'?
            """)
    }

    @Test func brokenRuleLinesAreReportedWithFileLineAndColumn() throws {
        let error = #expect(throws: ContentError.self) {
            try Self.rules("""
                rule die: suicde
                    words: want to die
                rule kms: suicide
                    near x: kms
                    wrods: kms
                    order 2: kms now tonight
                concpt time: tonight
                """)
        }
        let rendered = error?.description ?? ""
        #expect(rendered.contains("""
            Content/safety/test.safety:1:11: error: 'suicde' is not a crisis category; use one of 'suicide', 'self-harm', 'harm-others', 'danger', 'ex-self-harm', 'ambiguous' or 'soften'
            rule die: suicde
                      ^
            note: did you mean 'suicide'?
            """))
        #expect(rendered.contains("Content/safety/test.safety:4:5: error: 'near x' needs a number of words from 2 to 30"))
        #expect(rendered.contains("Content/safety/test.safety:5:5: error: 'wrods' is not a rule line"))
        #expect(rendered.contains("note: did you mean 'words'?"))
        #expect(rendered.contains("Content/safety/test.safety:6:5: error: a span of 2 words cannot hold 3 items"))
        #expect(rendered.contains("Content/safety/test.safety:7:1: error: 'concpt' does not start a safety line"))
        #expect(rendered.contains("note: did you mean 'concept'?"))
    }

    @Test func aPatternMustStartWithAWord() throws {
        let error = #expect(throws: ContentError.self) {
            try Self.rules("""
                rule x: danger
                    words: * hit me
                """)
        }
        #expect(error?.description.hasPrefix("Content/safety/test.safety:2:12: error: a pattern must start with a word or a concept, not '*'") == true)
    }

    @Test func duplicateRuleIdsAreReported() throws {
        let error = #expect(throws: ContentError.self) {
            try Self.rules("""
                rule x: danger
                    words: hit me
                rule x: danger
                    words: choked me
                """)
        }
        #expect(error?.description.hasPrefix("Content/safety/test.safety:3:1: error: the rule id 'x' is already used at Content/safety/test.safety:1:1") == true)
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// Free-text matching: normalizing what people type, patterns with wildcards, alternatives and
/// concepts, captures, pronoun reflection, and a classic ELIZA-style script played through the engine.
struct MatchingTests {
    // MARK: Normalizer

    static let spellings: [String: [String]] = ["wanna": ["want", "to"], "u": ["you"], "cuz": ["because"]]

    @Test(arguments: [
        ("I’m fine", ["im", "fine"]),
        ("I'm fine", ["im", "fine"]),
        ("I‘m fine", ["im", "fine"]),
        ("Im fine", ["im", "fine"]),
        ("don't go", ["dont", "go"]),
        ("DON’T GO", ["dont", "go"]),
        ("dont go", ["dont", "go"]),
        ("Hello, World!!!", ["hello", "world"]),
        ("  many   spaces\tand\ttabs\n", ["many", "spaces", "and", "tabs"]),
        ("'quoted' words", ["quoted", "words"]),
        ("7/10", ["7", "10"]),
        ("café naïve", ["café", "naïve"]),
        ("I wanna see u", ["i", "want", "to", "see", "you"]),
        ("WANNA?", ["want", "to"]),
        ("just cuz", ["just", "because"]),
        ("...", []),
        ("", []),
    ])
    func normalizing(_ text: String, _ expected: [String]) {
        #expect(Normalizer(spellings: Self.spellings).words(text) == expected)
    }

    @Test func tokensKeepWhatWasTypedForShowingBack() {
        let tokens = Normalizer(spellings: Self.spellings).tokens("I’m SO tired, u know")
        #expect(tokens.map(\.original) == ["I'm", "SO", "tired", "you", "know"])
        #expect(tokens.map(\.normalized) == ["im", "so", "tired", "you", "know"])
    }

    @Test func longInputIsCutToTheTokenLimit() {
        let normalizer = Normalizer(tokenLimit: 3)
        #expect(normalizer.words("one two three four five") == ["one", "two", "three"])
    }

    @Test func contentSpellingsApplyToInputAndPatterns() throws {
        let content = try TestScript.load(TestScript.lines(
            "spellings",
            "  wanna, wana > want to",
            "  U > you",
            "rules talk",
            "  rule want",
            "    when: * i wanna *",
            "    say: ok",
            "  fallback",
            "    say: hm"))
        #expect(content.normalizer.words("U wana go") == ["you", "want", "to", "go"])
        #expect(content.match("I want to see her", in: "talk")?.ruleID == "want")
        #expect(content.match("i wana see her", in: "talk")?.ruleID == "want")
    }

    // MARK: Patterns

    static let patternScript = TestScript.lines(
        "concept ex: my ex, him, her, the ex",
        "concept family: mother, father, my mum, my dad",
        "concept person: ~ex, ~family, my best friend",
        "rules m",
        "  rule miss",
        "    when: * i miss ~person *",
        "    say: x",
        "  rule think",
        "    when: * [cant stop|keep] thinking about *",
        "    say: x",
        "  rule want",
        "    when: * i want to *",
        "    say: x",
        "  rule exact",
        "    when: hello",
        "    say: x",
        "  rule feel",
        "    when: * i feel * about *",
        "    say: x",
        "  fallback",
        "    say: x",
        "spellings",
        "  wanna > want to")

    struct MatchCase: Sendable, CustomTestStringConvertible {
        var input: String
        var rule: String?
        var captures: [String]
        var testDescription: String { "\"\(input)\" → \(rule ?? "nothing")" }
    }

    @Test(arguments: [
        MatchCase(input: "I miss my ex so much", rule: "miss", captures: ["", "so much"]),
        MatchCase(input: "i miss him", rule: "miss", captures: ["", ""]),
        MatchCase(input: "Honestly, I miss my mum.", rule: "miss", captures: ["Honestly", ""]),
        MatchCase(input: "I miss my best friend", rule: "miss", captures: ["", ""]),
        MatchCase(input: "I MISS THE EX", rule: "miss", captures: ["", ""]),
        MatchCase(input: "I miss mother", rule: "miss", captures: ["", ""]),
        MatchCase(input: "I miss cake", rule: nil, captures: []),
        MatchCase(input: "I can't stop thinking about her", rule: "think", captures: ["I", "her"]),
        MatchCase(input: "I keep thinking about it", rule: "think", captures: ["I", "it"]),
        MatchCase(input: "I keep on thinking about it", rule: nil, captures: []),
        MatchCase(input: "I wanna leave", rule: "want", captures: ["", "leave"]),
        MatchCase(input: "Hello!", rule: "exact", captures: []),
        MatchCase(input: "hello there", rule: nil, captures: []),
        MatchCase(input: "Honestly I feel angry about him", rule: "feel", captures: ["Honestly", "angry", "him"]),
        MatchCase(input: "I miss him and I keep thinking about him", rule: "miss", captures: ["", "and I keep thinking about him"]),
        MatchCase(input: "Hi. I miss him.", rule: "miss", captures: ["", ""]),
    ])
    func patterns(_ example: MatchCase) throws {
        let content = try TestScript.load(Self.patternScript)
        let match = content.match(example.input, in: "m")
        #expect(match?.ruleID == example.rule)
        if let match {
            #expect(match.captures.map { $0.map(\.original).joined(separator: " ") } == example.captures)
        }
    }

    @Test func nestedConceptsPutLongerPhrasesFirst() throws {
        let content = try TestScript.load(Self.patternScript)
        let compiled = try #require(content.compiledPatterns["m"]?.first?.first)
        guard case .choice(let members) = compiled.elements[3] else {
            Issue.record("the concept did not compile to a choice: \(compiled.elements)")
            return
        }
        #expect(Set(members) == Set([["my", "ex"], ["him"], ["her"], ["the", "ex"], ["mother"], ["father"],
                                     ["my", "mum"], ["my", "dad"], ["my", "best", "friend"]]))
        #expect(members.first == ["my", "best", "friend"])
        #expect(members.map(\.count) == members.map(\.count).sorted(by: >))
    }

    @Test func aPatternMatchesTheWholeInput() {
        let pattern = CompiledPattern(elements: [.word("hello")])
        let normalizer = Normalizer()
        #expect(pattern.match(normalizer.tokens("hello")) == [])
        #expect(pattern.match(normalizer.tokens("hello you")) == nil)
        #expect(pattern.match(normalizer.tokens("oh hello")) == nil)
    }

    @Test(arguments: [
        ("we dont have a pet", false), ("its not about the dog", false), ("we never had a dog", false),
        ("i miss our dog", true), ("i dont know why i miss the dog", true), ("not now, the dog", true),
    ])
    func wordsSaidOnlyToDenyThemDoNotMatch(_ text: String, _ matches: Bool) {
        let pattern = CompiledPattern(elements: [.wildcard, .choice([["pet"], ["dog"]]), .wildcard])
        let tokens = Normalizer().tokens(text)
        #expect(pattern.match(tokens) != nil)
        #expect((pattern.matchSaid(tokens, words: Set(tokens.map(\.normalized))) != nil) == matches)
    }

    @Test func wildcardsCaptureTheShortestLeadingRun() {
        let pattern = CompiledPattern(elements: [.wildcard, .word("and"), .wildcard])
        #expect(pattern.match(Normalizer().tokens("bread and butter and jam")) == [0..<1, 2..<5])
        #expect(pattern.minimumLength == 1)
    }

    @Test func aPathologicalPatternGivesUpInsteadOfHanging() {
        var elements: [CompiledPattern.Element] = []
        for _ in 0..<12 { elements += [.wildcard, .word("a")] }
        elements.append(.word("b"))
        let tokens = Normalizer().tokens(Array(repeating: "a", count: 60).joined(separator: " "))
        let started = Date()
        #expect(CompiledPattern(elements: elements).match(tokens) == nil)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    // MARK: Reflection

    static let reflector = Reflector(table: ["i": "you", "me": "you", "my": "your", "im": "you're", "am": "are"])

    @Test(arguments: [
        ("I need to tell him how I feel", "you need to tell him how you feel"),
        ("I'm scared my mum hates me", "you're scared your mum hates you"),
        ("I’m done", "you're done"),
        ("I am lost", "you are lost"),
        ("Him and ME", "Him and you"),
        ("I feel, like, lost.", "you feel like lost"),
        ("", ""),
    ])
    func reflecting(_ text: String, _ expected: String) {
        #expect(Self.reflector.reflect(Normalizer().tokens(text)) == expected)
    }

    @Test func aRuleShowsCapturesReflectedOrRaw() throws {
        var chat = try Chat(TestScript.lines(
            "reflections",
            "  i > you",
            "  me > you",
            "  my > your",
            "  im > you're",
            "  am > are",
            "flow main",
            "  node start",
            "    ask line as text: Tell me.",
            "    match line with talk",
            "    end",
            "rules talk",
            "  rule need",
            "    when: * i need to *",
            "    say: You need to {2}. ({raw 2}) [{1}]",
            "  fallback",
            "    say: hm"))
        #expect(chat.send("Honestly I need to tell him how I feel") ==
            ["You need to tell him how you feel. (tell him how I feel) [Honestly]"])
    }

    // MARK: An ELIZA-style script

    static func eliza() throws -> Content {
        try TestScript.load(try Repository.fixture("eliza/eliza.unsent"), file: "eliza.unsent")
    }

    @Test(arguments: [
        ("I remember my first bike", "Do you often think of your first bike?"),
        ("I'm sorry", "Please don't apologise."),
        ("My mother hates me!", "Tell me more about your family. Who else in your family hates you?"),
        ("I am tired of waiting", "How long have you been tired of waiting?"),
        ("I'm lonely", "How long have you been lonely?"),
        ("I am depressed", "I am sorry to hear you are feeling down."),
        ("I feel like nobody listens to me", "Do you often feel like nobody listens to you?"),
        ("I wish I could forget him", "Why do you wish you could forget him?"),
        ("It's cuz of my job", "Is that the real reason?"),
        ("My job is boring", "Your job is boring?"),
        ("He never calls", "Can you think of a specific example?"),
        ("u never listen", "Can you think of a specific example?"),
        ("You are a machine", "What makes you think I am a machine?"),
        ("Do you understand me", "We were discussing you, not me."),
        ("The weather is nice", "Please go on."),
    ])
    func elizaReplies(_ input: String, _ reply: String) throws {
        var chat = Chat(content: try Self.eliza(), flow: "eliza")
        #expect(chat.lines == ["How do you do. Please tell me your problem.", "What's on your mind?"])
        #expect(chat.send(input) == [reply, "What's on your mind?"])
    }

    @Test func elizaKeepsGoingAndItsFallbackCycles() throws {
        var chat = Chat(content: try Self.eliza(), flow: "eliza")
        var replies: [String] = []
        for input in ["The weather", "Well, I remember the sea", "Hmm", "Yes", "No idea", "Anyway"] {
            replies.append(chat.send(input).first ?? "")
        }
        #expect(replies == ["Please go on.", "Do you often think of the sea?", "I see.", "Tell me more.", "Please go on.", "I see."])
        #expect(chat.ended == nil)
    }

    @Test func elizaSamplesLintClean() throws {
        let problems = Linter.check(try Self.eliza())
        #expect(problems.map(\.description) == [])
    }
}

import Testing
@testable import UnsentCore

/// The words layer's scanner: folded words, their ranges in the text as typed, capitals, emoji,
/// apostrophes, stretched letters, and the marks between words (which each check reads by its
/// own policy).
struct WordScannerTests {
    /// Each piece as text: a word as its folded form, a mark as `<kind>`.
    static func pieces(_ text: String, _ options: WordScanner.Options) -> [String] {
        var pieces: [String] = []
        WordScanner(options).scan(text) { piece in
            switch piece {
            case .word(let word): pieces.append(word.isEmoji ? "emoji:\(word.folded)" : word.folded)
            case .mark(let mark): pieces.append("<\(mark.kind)>")
            }
            return true
        }
        return pieces
    }

    static func words(_ text: String, _ options: WordScanner.Options) -> [ScannedWord] {
        var words: [ScannedWord] = []
        WordScanner(options).scan(text) { piece in
            if case .word(let word) = piece { words.append(word) }
            return true
        }
        return words
    }

    static let allOptions: [WordScanner.Options] = [.flowRules, .crisisCheck, .toneCheck]

    // MARK: folding

    @Test(arguments: allOptions)
    func apostrophesOfEveryKindAreDroppedInsideAWord(_ options: WordScanner.Options) {
        for text in ["I'm", "I’m", "I‘m", "I`m", "I´m"] {
            #expect(Self.words(text, options).map(\.folded) == ["im"], "\(text)")
        }
    }

    /// "ʼ" (U+02BC) is a letter to Unicode: whole characters keep it in the word, as the flow rules
    /// always have; the checks drop it as an apostrophe. (Kept as found: changing it changes what rules see.)
    @Test func theModifierLetterApostropheIsALetterForWholeCharacters() {
        #expect(Self.words("Iʼm", .flowRules).map(\.folded) == ["iʼm"])
        #expect(Self.words("Iʼm", .crisisCheck).map(\.folded) == ["im"])
        #expect(Self.words("Iʼm", .toneCheck).map(\.folded) == ["im"])
    }

    @Test(arguments: allOptions)
    func caseIsFoldedAndAccentsKept(_ options: WordScanner.Options) {
        #expect(Self.words("DON’T Go, Café NAÏVE", options).map(\.folded) == ["dont", "go", "café", "naïve"])
    }

    @Test func flowRulesReadStretchedLettersOnce() {
        #expect(Self.words("sooo SOOOO pleeease soo 1000", .flowRules).map(\.folded) == ["so", "so", "please", "soo", "1000"])
    }

    @Test(arguments: [WordScanner.Options.crisisCheck, .toneCheck])
    func theChecksKeepStretchedLettersForTheirLexicons(_ options: WordScanner.Options) {
        #expect(Self.words("sooo pleeease", options).map(\.folded) == ["sooo", "pleeease"])
    }

    @Test func foldMatchesTheSpellingTablesKeys() {
        #expect(WordScanner.fold("Don't") == "dont")
        #expect(WordScanner.fold("YESSSS") == "yes")
        #expect(WordScanner.fold("YESSSS", squeezing: false) == "yessss")
    }

    // MARK: ranges and capitals

    @Test(arguments: allOptions)
    func rangesCoverTheWordAsTypedWithoutOuterApostrophes(_ options: WordScanner.Options) {
        let text = "'Don’t' GO—please…"
        let words = Self.words(text, options)
        #expect(words.map { String(text[$0.range]) } == ["Don’t", "GO", "please"])
    }

    @Test(arguments: allOptions)
    func capitalsAreReportedPerWord(_ options: WordScanner.Options) {
        let words = Self.words("WHY would You DO this 2DAY 42", options)
        #expect(words.map(\.isCapitals) == [true, false, false, true, false, true, false])
        #expect(words.map(\.letters) == [3, 5, 3, 2, 4, 3, 0])
    }

    @Test(arguments: allOptions)
    func wordsSayWhetherASpaceCameBefore(_ options: WordScanner.Options) {
        let words = Self.words("well-known\tfact,again  ok", options)
        #expect(words.map(\.followsSpace) == [true, false, true, false, true])
    }

    // MARK: emoji

    @Test func flowRulesKeepAnEmojiSequenceWholeWithoutSkinToneOrSelector() {
        let text = "ok👍🏽 ❤️ 👨‍👩‍👧"
        let words = Self.words(text, .flowRules)
        #expect(words.map(\.folded) == ["ok", "👍", "❤", "👨‍👩‍👧"])
        #expect(words.map(\.isEmoji) == [false, true, true, true])
        #expect(words.dropFirst().map { String(text[$0.range]) } == ["👍🏽", "❤️", "👨‍👩‍👧"])
    }

    @Test func theCrisisCheckReadsEachEmojiPresentationScalar() {
        #expect(Self.pieces("ok👍🏽 ❤️ 😭", .crisisCheck) == ["ok", "emoji:👍", "emoji:🏽", "emoji:😭"])
    }

    @Test func theToneCheckKeepsModifiersInTheEmojisRange() {
        let text = "ok👍🏽 ❤️ 😭"
        let words = Self.words(text, .toneCheck)
        #expect(words.map(\.folded) == ["ok", "👍", "❤", "😭"])
        #expect(words.dropFirst().map { String(text[$0.range]) } == ["👍🏽", "❤️", "😭"])
    }

    @Test(arguments: allOptions)
    func anEmojiSeparatesWords(_ options: WordScanner.Options) {
        #expect(Self.words("miss😭you", options).filter { !$0.isEmoji }.map(\.folded) == ["miss", "you"])
    }

    // MARK: marks

    @Test func marksAreNamedNotJudged() {
        #expect(Self.pieces("a. b! c? d; e: f, (g) h – i … j\nk\rl\u{2028}m", .crisisCheck) == [
            "a", "<fullStop>", "b", "<exclamation>", "c", "<question>", "d", "<semicolon>", "e", "<colon>",
            "f", "<comma>", "<parenthesis>", "g", "<parenthesis>", "h", "<dash>", "i", "<ellipsis>", "j",
            "<lineFeed>", "k", "<carriageReturn>", "l", "<lineSeparator>", "m",
        ])
    }

    @Test func quotationMarksSayWhetherTheyOpenOrClose() {
        #expect(Self.pieces("he said “stop” and \"go\" «non»", .toneCheck) == [
            "he", "said", "<openingQuote>", "stop", "<closingQuote>", "and", "<straightQuote>", "go",
            "<straightQuote>", "<openingQuote>", "non", "<closingQuote>",
        ])
    }

    @Test func fullWidthMarksKeepTheirScalarAndRange() {
        let text = "no！？"
        var marks: [TextMark] = []
        WordScanner(.toneCheck).scan(text) { piece in
            if case .mark(let mark) = piece { marks.append(mark) }
            return true
        }
        #expect(marks.map(\.kind) == [.exclamation, .question])
        #expect(marks.map { String(text[$0.range]) } == ["！", "？"])
    }

    @Test(arguments: allOptions)
    func hyphensSlashesAndControlCharactersOnlySeparate(_ options: WordScanner.Options) {
        #expect(Self.pieces("self-harm 7/10 a\u{1B}[31mb", options) == ["self", "harm", "7", "10", "a", "31mb"])
    }

    // MARK: walking

    @Test func theVisitorCanStopTheWalk() {
        var seen: [String] = []
        WordScanner(.flowRules).scan("one two three four") { piece in
            if case .word(let word) = piece { seen.append(word.folded) }
            return seen.count < 2
        }
        #expect(seen == ["one", "two"])
    }

    @Test(arguments: allOptions)
    func longTextIsReadInOnePass(_ options: WordScanner.Options) {
        let text = String(repeating: "I’m sooo tired. ", count: 20_000)
        #expect(Self.words(text, options).count == 60_000)
    }

    // MARK: sentences

    @Test(arguments: [
        ("what?! no. ok", false, ["what", " no", " ok"]),
        ("what?! no. ok", true, ["what?!", "no.", "ok"]),
        ("one\ntwo;three", false, ["one", "two", "three"]),
        ("one\r\n  two  ", true, ["one", "two"]),
        ("  . \t ;ok", false, ["ok"]),
        ("wait。really", false, ["wait。really"]),
    ])
    func sentencesEndAtLineBreaksAndRunsOfEnds(text: String, keepingEnds: Bool, expected: [String]) {
        #expect(WordScanner.sentences(text, keepingEnds: keepingEnds) == expected)
    }

    @Test func sentencesStopAtMost() {
        let text = String(repeating: "a. ", count: 80)
        #expect(WordScanner.sentences(text, keepingEnds: false, most: 50).count == 50)
        #expect(WordScanner.sentences(text, keepingEnds: true).count == 80)
    }
}

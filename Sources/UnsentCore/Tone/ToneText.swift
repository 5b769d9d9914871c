/// A draft cut into words for the tone check, keeping where each word is in the text as typed
/// (quotes are slices of the draft), its sentence and clause, and whether it was typed in capitals.
///
/// The words come from the words layer (`WordScanner` with the tone check's options: lower case;
/// curly and straight apostrophes alike, then dropped, so "I’m" is "im"); then the rules'
/// spellings apply ("pls" → please), and a stretched word the rules do not know is tried with its
/// repeats squeezed ("pleaseee" → please). This type holds only the tone check's policy for the
/// marks between words: sentences end at `. ! ? ;`, `…`, `。` and line breaks; clauses also end at
/// `, : ( )`, dashes and quotation marks. Linear in the length of the draft.
struct ToneText {
    /// A run of two or more `!` and `?` ("?!", "!!!"), with the word typed right before it, if any.
    struct MarkRun {
        var marks: String
        var range: Range<String.Index>
        var word: Int?
    }

    let text: String
    /// Folded words after spellings; a spelled variant can become several words sharing one range.
    private(set) var words: [String] = []
    private(set) var ranges: [Range<String.Index>] = []
    /// The typed word each word came from (spellings can turn one typed word into several).
    private(set) var origin: [Int] = []
    private(set) var sentence: [Int] = []
    /// Whether the word starts a clause (or a sentence).
    private(set) var clauseStart: [Bool] = []
    /// Per typed word: letters in it, and whether every letter is a capital.
    private(set) var letterCounts: [Int] = []
    private(set) var allCapitals: [Bool] = []
    /// Per sentence: its first word and one past its last.
    private(set) var sentenceBounds: [Range<Int>] = []
    private(set) var markRuns: [MarkRun] = []
    /// Pieces between white space that hold a letter or a digit.
    private(set) var wordCount = 0

    var count: Int { words.count }

    /// At most this many mark runs are kept; only the first can be quoted.
    static let markRunLimit = 16

    init(_ text: String, lexicon: ToneLexicon) {
        self.text = text
        read(lexicon: lexicon)
    }

    /// Pieces between white space that hold a letter or a digit, by the scalars' properties alone:
    /// no scan needed. (It differs from `wordCount` of a read draft in one place only: "ʼ", a
    /// letter to Unicode and an apostrophe to the scanner, counts here when it follows a space.)
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                inWord = false
            } else if !inWord, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// The end of the clause: true when `position` is past the last word of its sentence or starts a new clause.
    func isClauseEnd(_ position: Int, sentenceEnd: Int) -> Bool {
        position >= sentenceEnd || clauseStart[position]
    }

    /// The typed text from the start of word `first` to the end of word `last`.
    func quote(_ first: Int, _ last: Int) -> String {
        quote(ranges[first].lowerBound..<ranges[last].upperBound)
    }

    /// The typed text of a range, widened to whole characters (a combining accent or a
    /// variation selector after a word belongs to it), so the quote is a substring of the draft.
    func quote(_ range: Range<String.Index>) -> String {
        let scalars = text.unicodeScalars
        var lower = range.lowerBound
        while lower > text.startIndex, String.Index(lower, within: text) == nil { lower = scalars.index(before: lower) }
        var upper = range.upperBound
        while upper < text.endIndex, String.Index(upper, within: text) == nil { upper = scalars.index(after: upper) }
        return String(text[lower..<upper])
    }

    // MARK: reading

    static let scanner = WordScanner(.toneCheck)

    private enum Break { case none, clause, sentence }

    private mutating func read(lexicon: ToneLexicon) {
        var pending = Break.sentence
        var typedWords = 0
        var run: MarkRun?

        func closeRun() {
            guard let done = run else { return }
            if done.marks.count >= 2, markRuns.count < Self.markRunLimit { markRuns.append(done) }
            run = nil
        }

        func add(_ typed: ScannedWord) {
            for word in lexicon.read(typed.folded) {
                if pending == .sentence || words.isEmpty {
                    if let last = sentenceBounds.last, last.upperBound == last.lowerBound { sentenceBounds.removeLast() }
                    sentenceBounds.append(words.count..<words.count)
                }
                clauseStart.append(pending != .none)
                pending = .none
                words.append(word)
                ranges.append(typed.range)
                origin.append(typedWords)
                sentence.append(sentenceBounds.count - 1)
                sentenceBounds[sentenceBounds.count - 1] = sentenceBounds[sentenceBounds.count - 1].lowerBound..<words.count
            }
            letterCounts.append(typed.letters)
            allCapitals.append(typed.isCapitals)
            typedWords += 1
            if typed.followsSpace, !typed.isEmoji { wordCount += 1 }
        }

        /// A `!` or `?` joins the run it touches, or starts one after the word it touches, if any.
        func addToRun(_ mark: TextMark) {
            if let current = run, current.range.upperBound == mark.range.lowerBound {
                run?.marks.unicodeScalars.append(mark.scalar)
                run?.range = current.range.lowerBound..<mark.range.upperBound
                return
            }
            closeRun()
            let adjacent = words.isEmpty || ranges[words.count - 1].upperBound != mark.range.lowerBound ? nil : words.count - 1
            run = MarkRun(marks: String(mark.scalar), range: mark.range, word: adjacent)
        }

        Self.scanner.scan(text) { piece in
            switch piece {
            case .word(let word):
                closeRun()
                add(word)
            case .mark(let mark):
                let kind: Break
                switch mark.kind {
                case .exclamation, .question:
                    if pending != .sentence { pending = .sentence }
                    addToRun(mark)
                    return true
                case .fullStop, .semicolon, .ellipsis, .lineFeed, .carriageReturn, .lineSeparator:
                    kind = .sentence
                case .comma, .colon, .parenthesis, .dash, .straightQuote, .openingQuote, .closingQuote:
                    kind = .clause
                }
                closeRun()
                if kind == .sentence || pending == .none { pending = kind }
            }
            return true
        }
        closeRun()
    }
}

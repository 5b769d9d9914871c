/// A draft cut into words for the tone check, keeping where each word is in the text as typed
/// (quotes are slices of the draft), its sentence and clause, and whether it was typed in capitals.
///
/// Words are folded the way `Normalizer` folds them (lower case; curly and straight apostrophes
/// alike, then dropped, so "I’m" is "im"); then the rules' spellings apply ("pls" → please), and
/// a stretched word the rules do not know is tried with its repeats squeezed ("pleaseee" → please).
/// Sentences end at `. ! ? ;`, `…` and line breaks; clauses also end at `, : ( )` and dashes.
/// Runs once over the scalars, so long drafts cost linear time.
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

    private enum Break { case none, clause, sentence }

    private mutating func read(lexicon: ToneLexicon) {
        let scalars = text.unicodeScalars
        var folded = ""
        var wordStart: String.Index?
        var wordEnd = scalars.startIndex
        var letters = 0
        var sawUpper = false
        var sawLower = false
        var pending = Break.sentence
        var typedWords = 0
        var marks = ""
        var marksStart: String.Index?
        var marksEnd = scalars.startIndex
        var inWord = false

        func flushWord() {
            guard let start = wordStart else { return }
            let range = start..<wordEnd
            let spelled = lexicon.read(folded)
            for word in spelled {
                if pending == .sentence || words.isEmpty {
                    if let last = sentenceBounds.last, last.upperBound == last.lowerBound { sentenceBounds.removeLast() }
                    sentenceBounds.append(words.count..<words.count)
                }
                clauseStart.append(pending != .none)
                pending = .none
                words.append(word)
                ranges.append(range)
                origin.append(typedWords)
                sentence.append(sentenceBounds.count - 1)
                sentenceBounds[sentenceBounds.count - 1] = sentenceBounds[sentenceBounds.count - 1].lowerBound..<words.count
            }
            letterCounts.append(letters)
            allCapitals.append(sawUpper && !sawLower)
            typedWords += 1
            folded.removeAll(keepingCapacity: true)
            wordStart = nil
            letters = 0
            sawUpper = false
            sawLower = false
        }

        func closeMarks() {
            guard let start = marksStart else { return }
            if marks.count >= 2, markRuns.count < Self.markRunLimit {
                let previous = words.isEmpty ? nil : origin.count - 1
                let adjacent = previous.flatMap { ranges[$0].upperBound == start ? $0 : nil }
                markRuns.append(MarkRun(marks: marks, range: start..<marksEnd, word: adjacent))
            }
            marks.removeAll(keepingCapacity: true)
            marksStart = nil
        }

        func breakAt(_ kind: Break) {
            flushWord()
            if kind == .sentence || pending == .none { pending = kind }
        }

        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            let value = scalar.value
            if value != 0x21, value != 0x3F, value != 0xFF01, value != 0xFF1F { closeMarks() }
            if scalar.properties.isWhitespace {
                inWord = false
            }
            if value < 0x80 {
                switch UInt8(value) {
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    if wordStart == nil { wordStart = index }
                    folded.unicodeScalars.append(scalar); wordEnd = next; letters += 1; sawLower = true
                    if !inWord { inWord = true; wordCount += 1 }
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if wordStart == nil { wordStart = index }
                    folded.unicodeScalars.append(Unicode.Scalar(UInt8(value) + 32)); wordEnd = next; letters += 1; sawUpper = true
                    if !inWord { inWord = true; wordCount += 1 }
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if wordStart == nil { wordStart = index }
                    folded.unicodeScalars.append(scalar); wordEnd = next
                    if !inWord { inWord = true; wordCount += 1 }
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    break
                case UInt8(ascii: "!"), UInt8(ascii: "?"):
                    breakAt(.sentence)
                    if marksStart == nil { marksStart = index }
                    marks.unicodeScalars.append(scalar); marksEnd = next
                case UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    breakAt(.sentence)
                case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""):
                    breakAt(.clause)
                default:
                    flushWord()
                }
                index = next
                continue
            }
            switch value {
            case 0x2019, 0x2018, 0x02BC, 0x00B4:
                break
            case 0xFF01, 0xFF1F:
                breakAt(.sentence)
                if marksStart == nil { marksStart = index }
                marks.unicodeScalars.append(scalar); marksEnd = next
            case 0x2026, 0x3002, 0x2028, 0x2029, 0x85:
                breakAt(.sentence)
            case 0x2013, 0x2014, 0x201C, 0x201D, 0x00AB, 0x00BB:
                breakAt(.clause)
            default:
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    if wordStart == nil { wordStart = index }
                    folded += properties.lowercaseMapping
                    wordEnd = next
                    if properties.isAlphabetic {
                        letters += 1
                        if properties.isUppercase { sawUpper = true }
                        if properties.isLowercase { sawLower = true }
                    }
                    if !inWord { inWord = true; wordCount += 1 }
                } else if properties.generalCategory == .nonspacingMark, wordStart != nil {
                    folded.unicodeScalars.append(scalar)
                    wordEnd = next
                } else if properties.isEmoji, value > 0xFF {
                    flushWord()
                    var end = next
                    while end < scalars.endIndex, Self.isEmojiModifier(scalars[end]) { end = scalars.index(after: end) }
                    wordStart = index
                    wordEnd = end
                    folded.unicodeScalars.append(scalar)
                    flushWord()
                    index = end
                    continue
                } else {
                    flushWord()
                }
            }
            index = next
        }
        flushWord()
        closeMarks()
    }

    /// Variation selectors and skin tones that belong to the emoji before them.
    private static func isEmojiModifier(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF: true
        default: false
        }
    }
}

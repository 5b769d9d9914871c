/// A text cut into word ids for the crisis check, with the sentence and clause of every word
/// and whether it stands inside quotation marks.
///
/// Words are folded the way `Normalizer` folds them (lower case, apostrophes dropped, so
/// "I’m" is "im"), then the rules' spellings are applied. Sentences end at `. ! ? ; :`, a
/// line break or `…`; clauses also end at `,`, a quotation mark and the words of the
/// `clause` concept (such as "but"). Runs once over the scalars, so long text costs linear time.
struct SafetyText {
    /// What a word looks like to the matcher: an id from the lexicon, `unknown`, or `masked` once an idiom covers it.
    static let unknown: Int32 = -1
    static let masked: Int32 = -2

    var words: [Int32] = []
    var sentence: [Int32] = []
    var clause: [Int32] = []
    var quoted: [Bool] = []
    /// Per word: the folded word when the lexicon does not know it (its id is `unknown`), else
    /// empty. The rules never look at it; the statistical model (`SafetyModel`) reads its stem.
    var unknownText: [String] = []
    /// Per sentence id: the first word and one past the last.
    var sentenceStart: [Int] = []
    var sentenceEnd: [Int] = []
    /// Per sentence id: its paragraph (text between line breaks).
    var paragraphOfSentence: [Int32] = []
    /// Per paragraph id: the first word and one past the last.
    var paragraphStart: [Int] = []
    var paragraphEnd: [Int] = []

    var count: Int { words.count }

    /// The bounds of the sentence the word at `position` is in.
    func sentenceBounds(_ position: Int) -> Range<Int> {
        let id = Int(sentence[position])
        return sentenceStart[id]..<sentenceEnd[id]
    }

    /// The bounds of the paragraph (the text between line breaks) the word at `position` is in;
    /// `near` and `order` windows may cross sentences, not paragraphs.
    func paragraphBounds(_ position: Int) -> Range<Int> {
        let id = Int(paragraphOfSentence[Int(sentence[position])])
        return paragraphStart[id]..<paragraphEnd[id]
    }

    init(_ text: String, lexicon: SafetyLexicon) {
        read(text, lexicon: lexicon)
    }

    private mutating func read(_ text: String, lexicon: SafetyLexicon) {
        var tokenizer = SafetyTokenizer()
        tokenizer.run(text) { word, boundary in
            switch boundary {
            case .sentence: self.breakSentence()
            case .paragraph: self.breakSentence(); self.closeParagraph()
            case .clause: self.breakClause()
            case .quote(let open): self.breakClause(); self.inQuotes = open ?? !self.inQuotes
            case .none:
                switch lexicon.lookUp(word) {
                case .one(let id): self.append(id, lexicon: lexicon, text: id == SafetyText.unknown ? word : "")
                case .many(let ids): for id in ids { self.append(id, lexicon: lexicon, text: "") }
                }
            }
        }
        closeSentence()
        closeParagraph()
    }

    private var sentenceId: Int32 = 0
    private var clauseId: Int32 = 0
    private var inQuotes = false
    private var sentenceOpen = false
    private var paragraphId: Int32 = 0
    private var paragraphOpen = false

    private mutating func append(_ id: Int32, lexicon: SafetyLexicon, text: String) {
        if id >= 0, lexicon.isClauseWord(id), clause.last == clauseId, !words.isEmpty { clauseId += 1 }
        if !paragraphOpen {
            paragraphStart.append(words.count)
            paragraphOpen = true
        }
        if !sentenceOpen {
            sentenceStart.append(words.count)
            paragraphOfSentence.append(paragraphId)
            sentenceOpen = true
        }
        words.append(id)
        sentence.append(sentenceId)
        clause.append(clauseId)
        quoted.append(inQuotes)
        unknownText.append(text)
    }

    private mutating func breakClause() {
        if clause.last == clauseId { clauseId += 1 }
    }

    private mutating func breakSentence() {
        breakClause()
        closeSentence()
    }

    private mutating func closeParagraph() {
        guard paragraphOpen else { return }
        paragraphEnd.append(words.count)
        paragraphOpen = false
        paragraphId += 1
    }

    private mutating func closeSentence() {
        guard sentenceOpen else { return }
        sentenceEnd.append(words.count)
        sentenceOpen = false
        sentenceId += 1
    }
}

/// Splits text into folded words and boundaries, scalar by scalar. Never fails: control
/// characters, escapes, direction marks and anything else that is not a letter, a digit or
/// an emoji only separate words.
struct SafetyTokenizer {
    enum Boundary {
        case none
        case sentence
        /// A line break: ends the sentence and the paragraph.
        case paragraph
        case clause
        /// A quotation mark: true opens, false closes, nil toggles (a straight `"`).
        case quote(Bool?)
    }

    private var current = String()

    mutating func run(_ text: String, _ emit: (String, Boundary) -> Void) {
        current.reserveCapacity(24)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    current.unicodeScalars.append(scalar)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    current.unicodeScalars.append(Unicode.Scalar(byte + 32))
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    continue
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"),
                     UInt8(ascii: ":"), UInt8(ascii: "\r"):
                    flush(emit); emit("", .sentence)
                case UInt8(ascii: "\n"):
                    flush(emit); emit("", .paragraph)
                case UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"):
                    flush(emit); emit("", .clause)
                case UInt8(ascii: "\""):
                    flush(emit); emit("", .quote(nil))
                default:
                    flush(emit)
                }
                continue
            }
            switch value {
            case 0x2019, 0x2018, 0x02BC, 0x00B4:
                continue
            case 0x201C, 0x00AB:
                flush(emit); emit("", .quote(true))
            case 0x201D, 0x00BB:
                flush(emit); emit("", .quote(false))
            case 0x2026, 0x3002, 0xFF01, 0xFF1F:
                flush(emit); emit("", .sentence)
            default:
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    current += properties.lowercaseMapping
                } else if properties.generalCategory == .nonspacingMark, !current.isEmpty {
                    current.unicodeScalars.append(scalar)
                } else if properties.isEmojiPresentation {
                    flush(emit)
                    emit(String(scalar), .none)
                } else {
                    flush(emit)
                }
            }
        }
        flush(emit)
    }

    private mutating func flush(_ emit: (String, Boundary) -> Void) {
        guard !current.isEmpty else { return }
        emit(current, .none)
        current.removeAll(keepingCapacity: true)
    }

    /// The folded words of a phrase written in content, without spellings ("Self-harm" → self, harm).
    static func words(of phrase: String) -> [String] {
        var tokenizer = SafetyTokenizer()
        var words: [String] = []
        tokenizer.run(phrase) { word, boundary in
            if case .none = boundary { words.append(word) }
        }
        return words
    }
}

/// A text cut into word ids for the crisis check, with the sentence and clause of every word
/// and whether it stands inside quotation marks.
///
/// The words come from the words layer (`WordScanner` with the crisis check's options: lower
/// case, apostrophes dropped, so "I’m" is "im"), then the rules' spellings are applied. This
/// type holds only the crisis check's policy for the marks between words: sentences end at
/// `. ! ? ; :`, `…`, `。` and a carriage return; a line feed also ends the paragraph; clauses
/// also end at `, ( )`, a quotation mark and the words of the `clause` concept (such as "but").
/// Dashes and the Unicode line separators only separate words. Linear in the length of the text.
struct SafetyText {
    /// What a word looks like to the matcher: an id from the lexicon, `unknown`, or `masked` once an idiom covers it.
    static let unknown: Int32 = -1
    static let masked: Int32 = -2

    var words: [Int32] = []
    var sentence: [Int32] = []
    var clause: [Int32] = []
    var quoted: [Bool] = []
    /// The clauses that begin with a turning word of the `clause` concept ("but", "though"…).
    var turningClauses: Set<Int32> = []
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

    /// The words an idiom left visible, joined by spaces, or nil when no idiom covered any: what the
    /// trained reader reads, so "i'd literally kill for a cigarette" is not heard as "kill" (blind-10).
    func visibleText(lexicon: SafetyLexicon) -> String? {
        guard words.contains(Self.masked) else { return nil }
        var visible: [String] = []
        for (index, id) in words.enumerated() where id != Self.masked {
            visible.append(id >= 0 ? lexicon.words[Int(id)] : unknownText[index])
        }
        return visible.joined(separator: " ")
    }

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

    static let scanner = WordScanner(.crisisCheck)

    /// The folded words of a phrase written in content, without spellings ("Self-harm" → self, harm).
    static func words(of phrase: String) -> [String] {
        scanner.words(phrase)
    }

    /// The words and emoji of a text as the crisis check scans them, with where each stands.
    static func scannedWords(of text: String) -> [ScannedWord] {
        var words: [ScannedWord] = []
        scanner.scan(text) { piece in
            if case .word(let word) = piece { words.append(word) }
            return true
        }
        return words
    }

    private mutating func read(_ text: String, lexicon: SafetyLexicon) {
        Self.scanner.scan(text) { piece in
            switch piece {
            case .word(let word):
                switch lexicon.lookUp(word.folded) {
                case .one(let id): append(id, lexicon: lexicon, text: id == SafetyText.unknown ? word.folded : "")
                case .many(let ids): for id in ids { append(id, lexicon: lexicon, text: "") }
                }
            case .mark(let mark):
                switch mark.kind {
                case .fullStop, .exclamation, .question, .semicolon, .colon, .ellipsis, .carriageReturn:
                    breakSentence()
                case .lineFeed:
                    breakSentence(); closeParagraph()
                case .comma, .parenthesis:
                    breakClause()
                case .straightQuote:
                    breakClause(); inQuotes.toggle()
                case .openingQuote:
                    breakClause(); inQuotes = true
                case .closingQuote:
                    breakClause(); inQuotes = false
                case .dash, .lineSeparator:
                    break
                }
            }
            return true
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
        if id >= 0, lexicon.isClauseWord(id) {
            if clause.last == clauseId, !words.isEmpty { clauseId += 1 }
            turningClauses.insert(clauseId)
        }
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

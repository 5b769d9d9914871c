/// The words layer's one pass over typed text, under every reader: it walks the text once (linear
/// time) and reports each word folded (lower case, curly and straight apostrophes alike and then
/// dropped, so "I’m" is "im"), where it stands in the text, whether it was typed in capitals and
/// whether a space came before it; emoji as words of their own; and every punctuation mark or
/// break it passed (`TextMark`). It decides nothing: which mark ends a sentence or a clause is the
/// policy of the check that reads the marks (`SafetyText`, `ToneText`); spellings and concepts are
/// the lexicon's.
///
/// Anything that is not a letter, a digit, an apostrophe or an emoji separates words, so control
/// characters, escapes and direction marks never join or break anything else.
public struct WordScanner: Sendable {
    /// What one step of the walk reads. The three readers were written apart and cut text in
    /// slightly different ways; each keeps its own here so that what it sees does not change.
    public enum Unit: Sendable, Hashable {
        /// Whole characters as a person sees them (grapheme clusters), as the flow rules and
        /// reflections read: a letter keeps every mark and joiner typed onto it, a keycap stays in
        /// its word, and an emoji sequence (👨‍👩‍👧, a flag, 👍🏽) is one token, read without its skin
        /// tone and variation selector. Letters typed three times or more count once when
        /// `squeezesRepeats` is set.
        case characters
        /// Unicode scalars, as the two checks read (faster, and ranges fall on scalars): letters and
        /// digits join a word, and a non-spacing mark joins the word it follows.
        case scalars(ScalarEmoji)
    }

    /// Which scalars the scalar walk reads as emoji. The crisis check reads only pictographs shown
    /// as emoji by default, one scalar each (a skin tone is one of its own); the tone check reads
    /// every emoji above U+00FF and keeps the variation selectors and skin tones after it in its
    /// range, so a quote shows the emoji whole. One style for both would change which words the
    /// crisis model sees, so they stay apart until a change that means to change behaviour.
    public enum ScalarEmoji: Sendable, Hashable {
        case presentation
        case withModifiers
    }

    public struct Options: Sendable, Hashable {
        public var unit: Unit
        /// Letters typed three times or more in a row count once ("sooo" = "so"). The tone check
        /// squeezes only words its lexicon does not know, so it leaves this off.
        public var squeezesRepeats: Bool

        public init(unit: Unit, squeezesRepeats: Bool) {
            self.unit = unit
            self.squeezesRepeats = squeezesRepeats
        }

        /// Flow rules, trained readers and reflections (`Normalizer`).
        public static let flowRules = Options(unit: .characters, squeezesRepeats: true)
        /// The crisis check (`SafetyText`).
        public static let crisisCheck = Options(unit: .scalars(.presentation), squeezesRepeats: false)
        /// The tone check (`ToneText`).
        public static let toneCheck = Options(unit: .scalars(.withModifiers), squeezesRepeats: false)
    }

    /// What the walk reports, in text order.
    public enum Piece: Sendable, Hashable {
        case word(ScannedWord)
        case mark(TextMark)
    }

    public var options: Options

    public init(_ options: Options) {
        self.options = options
    }

    /// Walks `text` once, handing each piece to `visit`; `visit` returns false to stop early.
    public func scan(_ text: String, _ visit: (Piece) -> Bool) {
        switch options.unit {
        case .characters: scanCharacters(text, visit)
        case .scalars(let emoji): scanScalars(text, emoji: emoji, visit)
        }
    }

    /// The folded words and emoji of a phrase written in content, in order.
    public func words(_ phrase: String) -> [String] {
        var words: [String] = []
        scan(phrase) { piece in
            if case .word(let word) = piece { words.append(word.folded) }
            return true
        }
        return words
    }

    // MARK: scalars

    private func scanScalars(_ text: String, emoji: ScalarEmoji, _ visit: (Piece) -> Bool) {
        let scalars = text.unicodeScalars
        var word = WordBuffer()
        var stopped = false
        var index = scalars.startIndex

        func flush() {
            guard let scanned = word.take(squeezing: options.squeezesRepeats) else { return }
            if !stopped, !visit(.word(scanned)) { stopped = true }
        }
        func mark(_ kind: TextMark.Kind, _ scalar: Unicode.Scalar, _ range: Range<String.Index>) {
            flush()
            if !stopped, !visit(.mark(TextMark(kind: kind, scalar: scalar, range: range))) { stopped = true }
        }

        while index < scalars.endIndex, !stopped {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(truncatingIfNeeded: value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    word.start(at: index)
                    word.folded.unicodeScalars.append(scalar)
                    word.end = next; word.letters += 1; word.hasLowerCase = true
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    word.start(at: index)
                    word.folded.unicodeScalars.append(Unicode.Scalar(byte + 32))
                    word.end = next; word.letters += 1; word.hasCapital = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    word.start(at: index)
                    word.folded.unicodeScalars.append(scalar)
                    word.end = next
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    break
                case UInt8(ascii: " "), 0x09, 0x0B, 0x0C:
                    word.spaceSeen = true
                    flush()
                case UInt8(ascii: "\n"):
                    word.spaceSeen = true
                    mark(.lineFeed, scalar, index..<next)
                case UInt8(ascii: "\r"):
                    word.spaceSeen = true
                    mark(.carriageReturn, scalar, index..<next)
                default:
                    if let kind = Self.asciiMarks[Int(byte)] { mark(kind, scalar, index..<next) } else { flush() }
                }
                index = next
                continue
            }
            let properties = scalar.properties
            if properties.isWhitespace { word.spaceSeen = true }
            if let kind = Self.mark(value) {
                mark(kind, scalar, index..<next)
            } else if Self.isApostrophe(value) {
                // Dropped, without ending the word: "don’t" is "dont".
            } else if properties.isAlphabetic || properties.numericType != nil {
                word.start(at: index)
                word.folded += properties.lowercaseMapping
                word.end = next
                if properties.isAlphabetic {
                    word.letters += 1
                    if properties.isUppercase { word.hasCapital = true }
                    if properties.isLowercase { word.hasLowerCase = true }
                }
            } else if properties.generalCategory == .nonspacingMark, word.isOpen {
                word.folded.unicodeScalars.append(scalar)
                word.end = next
            } else {
                flush()
                switch emoji {
                case .presentation where properties.isEmojiPresentation:
                    if !stopped, !visit(.word(word.emoji(String(scalar), index..<next))) { stopped = true }
                case .withModifiers where properties.isEmoji && value > 0xFF:
                    var end = next
                    while end < scalars.endIndex, Self.isEmojiModifier(scalars[end]) { end = scalars.index(after: end) }
                    if !stopped, !visit(.word(word.emoji(String(scalar), index..<end))) { stopped = true }
                    index = end
                    continue
                default:
                    break
                }
            }
            index = next
        }
        flush()
    }

    // MARK: characters

    private func scanCharacters(_ text: String, _ visit: (Piece) -> Bool) {
        var word = WordBuffer()
        var typed = ""
        var stopped = false
        var index = text.startIndex

        func flush() {
            guard word.isOpen else { return }
            word.folded = Self.fold(typed, squeezing: options.squeezesRepeats)
            typed.removeAll(keepingCapacity: true)
            guard let scanned = word.take(squeezing: false), !scanned.folded.isEmpty else { return }
            if !visit(.word(scanned)) { stopped = true }
        }

        for character in text {
            let next = text.utf8.index(index, offsetBy: character.utf8.count)
            defer { index = next }
            guard let first = character.unicodeScalars.first else { continue }
            // A character is a letter or a number by its first scalar (as `Character.isLetter`
            // and `isNumber` decide); ASCII is decided by value, without property look-ups.
            let value = first.value
            let isLetter: Bool
            let isWordPart: Bool
            if value < 0x80 {
                isLetter = (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
                isWordPart = isLetter || (value >= 0x30 && value <= 0x39)
            } else {
                isLetter = first.properties.isAlphabetic
                isWordPart = isLetter || first.properties.numericType != nil
            }
            if isWordPart {
                word.start(at: index)
                typed.append(character)
                word.end = next
                if isLetter {
                    word.letters += 1
                    if value < 0x80 {
                        if value < 0x61 { word.hasCapital = true } else { word.hasLowerCase = true }
                    } else {
                        if first.properties.isUppercase { word.hasCapital = true }
                        if first.properties.isLowercase { word.hasLowerCase = true }
                    }
                }
                continue
            }
            if Self.apostrophes.contains(character) {
                if word.isOpen { typed.append("'") }
                continue
            }
            if character.isWhitespace { word.spaceSeen = true }
            flush()
            if !stopped, let first = character.unicodeScalars.first, let kind = Self.mark(first.value) {
                if !visit(.mark(TextMark(kind: kind, scalar: first, range: index..<next))) { stopped = true }
            } else if !stopped, Self.isEmoji(character) {
                let bare = String(String.UnicodeScalarView(character.unicodeScalars.filter { !Self.isDroppedModifier($0) }))
                if !visit(.word(word.emoji(bare, index..<next))) { stopped = true }
            }
            if stopped { return }
        }
        flush()
    }
}

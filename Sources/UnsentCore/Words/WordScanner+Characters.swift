/// The characters the `WordScanner` treats specially, and the fold it gives words.
extension WordScanner {
    /// Curly and straight apostrophes and the marks typed for them, as whole characters.
    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]

    /// The same set as scalar values, for the scalar walk (ASCII `'` and `` ` `` are handled inline).
    static func isApostrophe(_ value: UInt32) -> Bool {
        value == 0x2019 || value == 0x2018 || value == 0x02BC || value == 0x00B4
    }

    /// Lower case without apostrophes, so "Don't", "dont" and "don’t" are the same word; a letter
    /// typed three times or more in a row counts once ("sooo" = "so", "pleeease" = "please").
    public static func fold(_ word: String, squeezing: Bool = true) -> String {
        guard squeezing else { return String(word.lowercased().filter { $0 != "'" }) }
        var folded = ""
        var previous: Character?
        var run = 0
        for character in word.lowercased() where character != "'" {
            if character == previous, character.isLetter {
                run += 1
            } else {
                run = 1
                previous = character
            }
            folded.append(character)
            if run == 3 {
                folded.removeLast(2)
            } else if run > 3 {
                folded.removeLast()
            }
        }
        return folded
    }

    /// A folded word with every run of three or more of a letter read once; the word itself when
    /// no letter repeats three times (the common case costs one pass and no copy).
    static func squeezingRepeats(_ folded: String) -> String {
        var previous: Character?
        var run = 0
        for character in folded {
            if character == previous, character.isLetter {
                run += 1
                if run == 3 { return fold(folded) }
            } else {
                run = 1
                previous = character
            }
        }
        return folded
    }

    /// A pictograph or an emoji sequence, as a whole character (not a plain digit or #, which
    /// are emoji bases too).
    public static func isEmoji(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, first.value > 0x7F else { return false }
        return first.properties.isEmojiPresentation || (first.properties.isEmoji && character.unicodeScalars.count > 1)
    }

    /// Skin tones and the emoji variation selector, dropped from a whole-character emoji: "👍🏽" reads as "👍".
    static func isDroppedModifier(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE0F, 0x1F3FB...0x1F3FF: true
        default: false
        }
    }

    /// Variation selectors (text and emoji) and skin tones that belong to the emoji before them in the scalar walk.
    static func isEmojiModifier(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF: true
        default: false
        }
    }

    /// The mark a scalar is, if any (not the white space and line breaks the ASCII walk handles inline).
    static func mark(_ value: UInt32) -> TextMark.Kind? {
        if value < 0x80 { return asciiMarks[Int(value)] ?? (value == 0x0A ? .lineFeed : value == 0x0D ? .carriageReturn : nil) }
        switch value {
        case 0x3002: return .fullStop
        case 0xFF01: return .exclamation
        case 0xFF1F: return .question
        case 0x2026: return .ellipsis
        case 0x2013, 0x2014: return .dash
        case 0x2028, 0x2029, 0x85: return .lineSeparator
        case 0x201C, 0x00AB: return .openingQuote
        case 0x201D, 0x00BB: return .closingQuote
        default: return nil
        }
    }

    /// ASCII marks by byte.
    static let asciiMarks: [TextMark.Kind?] = {
        var table = [TextMark.Kind?](repeating: nil, count: 128)
        table[Int(UInt8(ascii: "."))] = .fullStop
        table[Int(UInt8(ascii: "!"))] = .exclamation
        table[Int(UInt8(ascii: "?"))] = .question
        table[Int(UInt8(ascii: ";"))] = .semicolon
        table[Int(UInt8(ascii: ":"))] = .colon
        table[Int(UInt8(ascii: ","))] = .comma
        table[Int(UInt8(ascii: "("))] = .parenthesis
        table[Int(UInt8(ascii: ")"))] = .parenthesis
        table[Int(UInt8(ascii: "\""))] = .straightQuote
        return table
    }()
}

/// The words layer's tokenizer: turns free text into the tokens every reader sees (rules and
/// trained readers alike): lower case, curly and straight apostrophes alike and then dropped
/// ("I’m" = "im"), letters stretched for emphasis read once ("sooo" = "so"), punctuation ignored,
/// emoji kept as tokens of their own, and the content's spelling table applied ("wanna" → "want
/// to", "u" → "you").
public struct Normalizer: Sendable {
    public var spellings: [String: [String]]
    /// Longer inputs are cut to this many tokens before rule matching (drafts keep their full text).
    public var tokenLimit: Int

    public init(spellings: [String: [String]] = [:], tokenLimit: Int = 600) {
        self.spellings = spellings
        self.tokenLimit = tokenLimit
    }

    public func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var original = ""
        func flush() {
            guard !original.isEmpty else { return }
            let trimmed = original.trimmingApostrophes()
            original = ""
            let key = Self.fold(trimmed)
            guard !key.isEmpty else { return }
            if let replacement = spellings[key] {
                for word in replacement { tokens.append(Token(normalized: word, original: word)) }
            } else {
                tokens.append(Token(normalized: key, original: trimmed))
            }
        }
        for character in text {
            if tokens.count >= tokenLimit { break }
            if character.isLetter || character.isNumber {
                original.append(character)
            } else if Self.apostrophes.contains(character) {
                if !original.isEmpty { original.append("'") }
            } else {
                flush()
                if Self.isEmoji(character) {
                    let emoji = String(character.unicodeScalars.filter { !Self.emojiModifiers.contains($0.value) })
                    tokens.append(Token(normalized: emoji, original: String(character)))
                }
            }
        }
        flush()
        return tokens.count > tokenLimit ? Array(tokens.prefix(tokenLimit)) : tokens
    }

    /// The normalized words of a phrase written in content, with spellings applied.
    public func words(_ phrase: String) -> [String] {
        tokens(phrase).map(\.normalized)
    }

    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]

    /// Lower case without apostrophes, so "Don't", "dont" and "don’t" are the same word; a letter
    /// typed three times or more in a row counts once ("sooo" = "so", "pleeease" = "please").
    static func fold(_ word: String) -> String {
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

    /// Skin tones and the emoji variation selector: "👍🏽" reads as "👍".
    static let emojiModifiers: Set<UInt32> = [0xFE0F, 0x1F3FB, 0x1F3FC, 0x1F3FD, 0x1F3FE, 0x1F3FF]

    /// A pictograph or an emoji sequence (not a plain digit or #, which are emoji bases too).
    static func isEmoji(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, first.value > 0x7F else { return false }
        return first.properties.isEmojiPresentation || (first.properties.isEmoji && character.unicodeScalars.count > 1)
    }
}

extension String {
    fileprivate func trimmingApostrophes() -> String {
        var slice = Substring(self)
        while slice.first == "'" { slice = slice.dropFirst() }
        while slice.last == "'" { slice = slice.dropLast() }
        return String(slice)
    }
}

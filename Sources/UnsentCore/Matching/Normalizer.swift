/// Turns free text into tokens the rules can match: lower case, curly and straight
/// apostrophes alike and then dropped ("I’m" = "im"), punctuation ignored, and the
/// content's spelling table applied ("wanna" → "want to", "u" → "you").
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

    /// Lower case without apostrophes, so "Don't", "dont" and "don’t" are the same word.
    static func fold(_ word: String) -> String {
        String(word.lowercased().filter { $0 != "'" })
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

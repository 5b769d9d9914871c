/// The flow rules' reading of free text, on the words layer (`WordScanner` with whole characters):
/// the tokens every reader sees (rules and trained readers alike): lower case, curly and straight
/// apostrophes alike and then dropped ("I’m" = "im"), letters stretched for emphasis read once
/// ("sooo" = "so"), punctuation ignored, emoji kept as tokens of their own, and the content's
/// spelling table applied ("wanna" → "want to", "u" → "you").
public struct Normalizer: Sendable {
    public var spellings: [String: [String]]
    /// Longer inputs are cut to this many tokens before rule matching (drafts keep their full text).
    public var tokenLimit: Int

    public init(spellings: [String: [String]] = [:], tokenLimit: Int = 600) {
        self.spellings = spellings
        self.tokenLimit = tokenLimit
    }

    static let scanner = WordScanner(.flowRules)

    public func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        Self.scanner.scan(text) { piece in
            guard case .word(let word) = piece else { return true }
            if word.isEmoji {
                tokens.append(Token(normalized: word.folded, original: String(text[word.range])))
            } else if let replacement = spellings[word.folded] {
                for spelled in replacement { tokens.append(Token(normalized: spelled, original: spelled)) }
            } else {
                tokens.append(Token(normalized: word.folded, original: Self.typed(text[word.range])))
            }
            return tokens.count < tokenLimit
        }
        return tokens.count > tokenLimit ? Array(tokens.prefix(tokenLimit)) : tokens
    }

    /// The normalized words of a phrase written in content, with spellings applied.
    public func words(_ phrase: String) -> [String] {
        tokens(phrase).map(\.normalized)
    }

    /// A word as typed, for reflection: every kind of apostrophe written as "'" (but "ʼ", which
    /// Unicode counts as a letter, is read as one and kept).
    private static func typed(_ slice: Substring) -> String {
        func isApostrophe(_ character: Character) -> Bool {
            WordScanner.apostrophes.contains(character) && !character.isLetter
        }
        // Every apostrophe has a byte ' or ` or one above ASCII: most words are settled by bytes alone.
        guard slice.utf8.contains(where: { $0 == 0x27 || $0 == 0x60 || $0 >= 0x80 }),
              slice.contains(where: isApostrophe) else { return String(slice) }
        return String(slice.map { isApostrophe($0) ? "'" : $0 })
    }
}

/// The person's own words, turned around to be shown back ("i just want to know why you left"
/// → "you just want to know why they left"): the sentence that carries the most words, cut to a
/// phrase of at most twenty words, so a line that fits no card still hears its own words.
public enum SaidBack {
    /// At most this many words are shown back.
    static let mostWords = 20

    public static func phrase(_ text: String, normalizer: Normalizer, reflector: Reflector) -> String {
        let sentences = WordScanner.sentences(text, keepingEnds: false, most: 50).map { normalizer.tokens($0) }.filter { !$0.isEmpty }
        guard var tokens = sentences.max(by: { $0.count < $1.count }) else { return "" }
        // Emoji say nothing worth repeating in words.
        tokens = tokens.filter { token in !(token.original.first.map(WordScanner.isEmoji) ?? false) }
        // Two words ("hey", "miss you") are not worth saying back as a thought.
        guard tokens.count >= 3 else { return "" }
        return reflector.reflect(tokens.prefix(mostWords))
    }
}

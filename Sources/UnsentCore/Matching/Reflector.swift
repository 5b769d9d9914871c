/// Swaps the person's pronouns for the bot's when words are shown back:
/// "I need to tell him how I feel" → "you need to tell him how you feel".
public struct Reflector: Sendable, Codable {
    /// Normalized word → replacement, from the content's `reflections` block.
    public var table: [String: String]

    public init(table: [String: String]) { self.table = table }

    /// Words after which "you" is the one doing something ("why you left", "you were"), so it
    /// reads back as "they", not "them".
    static let subjectFollowers: Set<String> = [
        "are", "were", "was", "have", "had", "can", "could", "will", "would", "should", "do", "did", "dont", "didnt",
        "cant", "couldnt", "wont", "wouldnt", "never", "always", "just", "still", "even", "really", "left", "said",
        "know", "knew", "want", "wanted", "need", "needed", "moved", "went", "came", "made", "make", "think", "thought",
        "feel", "felt", "love", "loved", "miss", "missed", "chose", "choose", "cheated", "lied", "ended", "broke", "got",
        "say", "go", "walked", "forgot", "gave", "took", "told", "ghosted", "blocked", "hurt", "seem", "seemed", "look",
        "looked", "care", "cared", "stopped", "started", "found", "met", "deserve", "deserved", "used", "ever",
    ]

    public func reflect(_ tokens: some Collection<Token>) -> String {
        let words = Array(tokens)
        return words.indices.map { index in
            let token = words[index]
            guard let replacement = table[token.normalized] else { return token.original }
            // "you" addressed to the ex reads back as "them", or "they" when it does something.
            if replacement == "them", index + 1 < words.count, Self.subjectFollowers.contains(words[index + 1].normalized) {
                return "they"
            }
            return replacement
        }.joined(separator: " ")
    }
}

/// Whether a text is written in English well enough for the word-reading checks (tone, crisis,
/// the readers) to read it. They read English only; on a text in another language they would find
/// nothing and call it calm, so the tone check says plainly that it cannot read it instead.
///
/// The guess is deliberately simple: a text of five words or more reads as English when at least
/// 15% of its words are among the most common English words (typed as people type them,
/// "im", "u", "dont"), and most of its letters are Latin. A mixed line ("te extraño so much")
/// reads as English; "Ich vermisse dich so sehr" or "我真的很想你" does not.
public enum LanguageGuess {
    /// Texts shorter than this many words are never called foreign: "ok", "k", "lol".
    static let fewestWords = 5
    static let englishShare = 0.15

    public static func readsAsEnglish(_ text: String, normalizer: Normalizer) -> Bool {
        var letters = 0, latin = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if scalar.value < 0x250 { latin += 1 }
        }
        guard letters > 0 else { return true }
        if latin * 2 < letters { return false }
        let words = normalizer.tokens(text).map(\.normalized).filter { $0.first?.isLetter == true }
        guard words.count >= fewestWords else { return true }
        let known = words.filter(common.contains).count
        return Double(known) >= Double(words.count) * englishShare
    }

    /// The most common words of English as it is texted, after the normaliser (apostrophes
    /// dropped, spellings applied).
    static let common: Set<String> = [
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "back", "be", "because",
        "been", "before", "but", "by", "can", "cant", "could", "day", "did", "didnt", "do", "does", "doesnt", "dont",
        "even", "ever", "every", "feel", "for", "from", "get", "go", "going", "gonna", "good", "got", "had", "has",
        "have", "he", "her", "here", "hes", "hey", "him", "his", "how", "i", "id", "if", "ill", "im", "in", "is",
        "it", "its", "ive", "just", "know", "last", "let", "like", "lol", "love", "make", "me", "miss", "more",
        "much", "my", "need", "never", "no", "not", "now", "of", "off", "oh", "ok", "okay", "on", "one", "only",
        "or", "our", "out", "over", "really", "right", "said", "say", "see", "she", "shes", "should", "so", "some",
        "still", "sorry", "talk", "tell", "than", "thank", "thanks", "that", "thats", "the", "their", "them",
        "then", "there", "they", "theyre", "thing", "think", "this", "time", "to", "today", "tomorrow", "tonight",
        "too", "up", "us", "very", "want", "wanna", "was", "way", "we", "well", "were", "what", "when", "where",
        "which", "who", "why", "will", "with", "without", "wont", "would", "yeah", "yes", "you", "your", "youre",
        // Common words of texting, and of English as it is spoken in Scotland, Ireland and the north.
        "babe", "baby", "birthday", "bro", "call", "come", "fr", "happy", "heard", "home", "hope", "idk", "lmao",
        "message", "mate", "mates", "new", "ngl", "night", "omg", "pals", "please", "rn", "stop", "tbh", "text",
        "wtf", "x", "xx", "year", "aboot", "awright", "cannae", "dinnae", "goin", "ma", "oor", "wee", "willnae",
        "ye", "yer", "youse", "yous",
    ]
}

/// Whether a text is written in English well enough for the word-reading checks (tone, crisis,
/// the readers) to read it. They read English only; on a text in another language they would find
/// nothing and call it calm, so the tone check says plainly that it cannot read it instead.
///
/// The guess is deliberately simple: a text of five words or more reads as English when at least
/// 15% of its words are among the most common English words (typed as people type them,
/// "im", "u", "dont"), and most of its letters are Latin. A mixed line ("te extraño so much")
/// reads as English; "Ich vermisse dich so sehr" or "我真的很想你" does not.
public enum LanguageGuess {
    /// Texts shorter than this many words are called foreign only by `otherLanguages`: "ok", "k", "lol" stay English.
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
        let known = words.filter(common.contains).count
        guard words.count >= fewestWords else {
            // A short text is English unless more of its words are common words of the other
            // languages people write here than of English (drive-19: "me siento muy sola" and
            // "no sé" read calm and clear, against the check's own help).
            let foreign = words.filter(otherLanguages.contains).count
            return words.count < 2 || foreign == 0 || foreign < known || (foreign == known && known > 1)
        }
        // More words of the other languages than of English's commonest is another language, however long.
        let foreign = words.filter(otherLanguages.contains).count
        if foreign >= 2, foreign >= known { return false }
        return Double(known) >= Double(words.count) * englishShare
    }

    /// Common words of Spanish, Portuguese, French, Italian, German and Tagalog that English
    /// does not share (after the normaliser: accents as typed, apostrophes dropped).
    static let otherLanguages: Set<String> = [
        // Spanish
        "estoy", "muy", "sola", "sé", "se", "pero", "que", "qué", "quiero", "tengo", "siento", "mucho", "mucha",
        "extraño", "extrano", "porque", "nada", "bien", "gracias", "vida", "amor", "nunca", "ahora", "hoy", "soy",
        "eres", "te", "amo", "tu", "está", "esta", "puedo", "más", "triste",
        // Portuguese
        "estou", "muito", "não", "nao", "você", "voce", "saudade", "saudades", "eu", "sinto", "falta", "sozinha",
        "sozinho", "obrigada", "obrigado", "também", "tambem",
        // French
        "je", "suis", "pas", "mais", "très", "tres", "moi", "toi", "cest", "jai", "seule", "seul",
        "toujours", "jamais", "veux", "manques",
        // Italian (drive-29: "Va bene per Lione, ma voglio Sofia a capodanno" read calm and clear)
        "sono", "molto", "grazie", "anche", "sempre", "bene", "voglio", "vuoi", "ciao", "perché", "perche", "manchi",
        "questo", "quando", "dove", "della", "sei",
        // German
        "ich", "nicht", "bin", "dich", "mich", "sehr", "und", "allein", "danke", "vermisse",
        // Tagalog
        "ako", "ikaw", "hindi", "sana", "mahal", "kita", "talaga", "namin", "natin",
    ]

    /// Whether the folded words of a text (lower case, apostrophes dropped) make a short everyday
    /// answer: three or fewer, each a common word of English, a hedge ("not sure", "sometimes",
    /// "kinda") or a number. The crisis check's nets learnt such answers from the safety questions
    /// they were given to, and on their own read them as worrying (drive-21: "not sure" at "Where do
    /// you land?" brought the check-in); the rules still read them. The tone reader leaves them to
    /// the tone rules for the same reason (drive-22).
    public static func isShortEverydayAnswer(_ words: some Sequence<String>) -> Bool {
        var count = 0
        for word in words {
            count += 1
            guard count <= 3, common.contains(word) || hedges.contains(word) || Int(word) != nil else { return false }
        }
        return count > 0
    }

    /// Words people hedge an answer with.
    static let hedges: Set<String> = [
        "sure", "unsure", "sometimes", "maybe", "kinda", "kind", "sorta", "sort", "bit", "little", "guess", "probably",
        "perhaps", "often", "rarely", "always", "dunno", "whatever", "nah", "nope", "yep", "yup", "mostly", "hmm", "meh",
        "possibly", "somewhat", "fine", "idk", "ig", "tbh", "honestly", "eh", "uh", "um", "umm",
        // Texted yeses (drive-22: "ya sure" at "seal it?" brought the check-in, five times out of five).
        "ya", "ye", "yea", "yah", "yeh", "ofc", "okie", "kk",
    ]

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

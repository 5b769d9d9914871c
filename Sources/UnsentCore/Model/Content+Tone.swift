import Foundation

/// The tone check of a draft reply: the tone rules first, then the trained tone reader
/// (`Content/tone/tone.model`, when there is one) as the net for what the rules' words miss.
extension Content {
    /// The classes a tone reader is trained on: the flags read from words, and `none`.
    /// `shouting` and `too-long` are counted from the draft's letters and length, never read.
    public static let toneReaderClasses = ToneRules.flagIDs.filter { !["shouting", "too-long"].contains($0) } + ["none"]
    /// The crisis check's trained reader (`Content/safety/safety.model`), the last net (`SafetyReaderNet`).
    public static let safetyReader = "safety"
    /// Its classes: the crisis check's, with `none` for the `-` of the labelled files.
    public static let safetyReaderClasses = SafetyModel.classNames

    /// The tone flags a draft raises, sorted by id, at most one per id. The reader's best
    /// reading is added when it is a flag the rules did not raise and its confidence is at least
    /// the reader's act threshold; the quote is the sentence the reader reads it in most strongly.
    /// - Parameters:
    ///   - draft: the reply as typed.
    ///   - category: the kind of message being answered; see `ToneRules.check`.
    public func checkTone(_ draft: String, category: String? = nil) -> [ToneFlag] {
        var flags = tone.check(draft, category: category)
        // A short everyday answer ("sure", "please stop", "ok thanks") is left to the rules: the reader
        // learnt its words from longer drafts and read "sure" as reopening, "please stop" as begging (drive-22).
        // So is a draft of one or two words: its reading rests on a word or two ("last week" read as an
        // ultimatum, drive-25).
        let words = SafetyText.words(of: draft)
        guard let reader = readers[Self.toneReader], words.count >= Self.readerFewestWords,
              !LanguageGuess.isShortEverydayAnswer(words) else { return flags }
        let ranked = reader.ranked(draft, normalizer: normalizer)
        guard let best = ranked.first, best.id != "none", best.confidence >= reader.act,
              !flags.contains(where: { $0.id == best.id }),
              let index = reader.classes.firstIndex(of: best.id) else { return flags }
        let sentences = WordScanner.sentences(draft, keepingEnds: false, most: 50).map { $0.trimmingCharacters(in: .whitespaces) }
        // Each sentence scored once; the first of the strongest is the quote.
        let scores = sentences.map { reader.probabilities(of: $0, normalizer: normalizer)[index] }
        let quote = scores.indices.max { scores[$0] < scores[$1] }.map { sentences[$0] } ?? draft
        if let flag = tone.flag(best.id, quote: quote, category: category, yielding: true) { flags.append(flag) }
        return flags.sorted { $0.id < $1.id }
    }

    /// The draft without its flagged sentences, in the person's own words: what a calmer
    /// version keeping their facts (times, places, names) could start from. A sentence is left
    /// out when a flag quotes it or when the tone check flags it alone, and what is left must
    /// read as calm as a whole. Nil when nothing was flagged, when every sentence goes, or
    /// when fewer than three words would be left.
    ///
    /// The tone check of each sentence alone is made only for a draft of at most
    /// `keptWordsMostSentences` sentences and `keptWordsMostBytes` bytes, so a pasted letter
    /// costs one more check, not one per sentence: there only the flags' quotes leave sentences out.
    public func keptWords(of draft: String, flags: [ToneFlag], category: String? = nil) -> String? {
        guard !flags.isEmpty else { return nil }
        let quotes = flags.map(\.quote).filter { !$0.isEmpty && draft.contains($0) }
        let sentences = WordScanner.sentences(draft, keepingEnds: true)
        let checksEach = sentences.count <= Self.keptWordsMostSentences && draft.utf8.count <= Self.keptWordsMostBytes
        let kept = sentences.filter { sentence in
            !quotes.contains { sentence.contains($0) || $0.contains(sentence) }
                && (!checksEach || checkTone(sentence, category: category).isEmpty)
        }
        guard kept.count < sentences.count, !kept.isEmpty else { return nil }
        let text = kept.joined(separator: " ")
        guard text.split(whereSeparator: \.isWhitespace).count >= 3, checkTone(text, category: category).isEmpty else { return nil }
        return text
    }

    /// The most sentences, and the most bytes, of a draft whose sentences `keptWords` checks one
    /// by one: a reply is a few sentences (the longest the tone rules let pass is 60 words).
    static let keptWordsMostSentences = 50
    static let keptWordsMostBytes = 4_000

    /// The fewest words of a draft the tone reader reads; shorter ones are left to the rules.
    static let readerFewestWords = 3

    /// The name a tone reader's `reader:` line carries.
    public static let toneReader = "tone"
}

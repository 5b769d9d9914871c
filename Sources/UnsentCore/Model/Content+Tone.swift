import Foundation

/// The tone check of a draft reply: the tone rules first, then the trained tone reader
/// (`Content/tone/tone.model`, when there is one) as the net for what the rules' words miss.
extension Content {
    /// The classes a tone reader is trained on: the flags read from words, and `none`.
    /// `shouting` and `too-long` are counted from the draft's letters and length, never read.
    public static let toneReaderClasses = ToneRules.flagIDs.filter { !["shouting", "too-long"].contains($0) } + ["none"]

    /// The tone flags a draft raises, sorted by id, at most one per id. The reader's best
    /// reading is added when it is a flag the rules did not raise and its confidence is at least
    /// the reader's act threshold; the quote is the sentence the reader reads it in most strongly.
    /// - Parameters:
    ///   - draft: the reply as typed.
    ///   - category: the kind of message being answered; see `ToneRules.check`.
    public func checkTone(_ draft: String, category: String? = nil) -> [ToneFlag] {
        var flags = tone.check(draft, category: category)
        guard let reader = readers[Self.toneReader] else { return flags }
        let ranked = reader.ranked(draft, normalizer: normalizer)
        guard let best = ranked.first, best.id != "none", best.confidence >= reader.act,
              !flags.contains(where: { $0.id == best.id }),
              let index = reader.classes.firstIndex(of: best.id) else { return flags }
        let sentences = Self.sentences(draft).map { $0.trimmingCharacters(in: .whitespaces) }
        let quote = sentences.max { reader.probabilities(of: $0, normalizer: normalizer)[index]
            < reader.probabilities(of: $1, normalizer: normalizer)[index] } ?? draft
        if let flag = tone.flag(best.id, quote: quote, category: category) { flags.append(flag) }
        return flags.sorted { $0.id < $1.id }
    }

    /// The name a tone reader's `reader:` line carries.
    static let toneReader = "tone"
}

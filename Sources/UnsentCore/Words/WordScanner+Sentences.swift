import Foundation

/// The one sentence splitter over typed text, for the readers that read a text sentence by
/// sentence as strings: the flow rules and trained readers (`Content.match`), the tone reader's
/// quote and the calmer draft (`Content.checkTone`, `keptWords`), the words said back (`SaidBack`)
/// and `unsent dev read`. The crisis and tone checks split their scanned words by the `TextMark`s
/// of the scan instead, each by its own policy.
extension WordScanner {
    /// The characters that end a sentence, besides line breaks.
    ///
    /// Whole characters, compared as typed: unlike the scan's marks, `。`, `！` and `？` end no
    /// sentence here, a mark with an accent typed onto it is no end, and a vertical tab or form
    /// feed is a line break. The readers above were measured with these ends; reading them from
    /// the marks would change what they see.
    static let sentenceEnds: Set<Character> = [".", "!", "?", ";"]

    /// The sentences of `text`, in order: a sentence ends at a line break or at a run of sentence
    /// ends (`.`, `!`, `?`, `;`), so "what?! no" is two.
    /// - Parameters:
    ///   - keepingEnds: each sentence as typed, with the ends that close it ("what?!") and
    ///     trimmed of white space and line breaks; otherwise without its ends and untrimmed
    ///     (" no"), a piece of only spaces and tabs left out.
    ///   - most: stop after this many sentences; the rest of the text is not read.
    public static func sentences(_ text: String, keepingEnds: Bool, most: Int = .max) -> [String] {
        var sentences: [String] = []
        var start = text.startIndex
        // Where the run of ends that closes the current sentence begins, once one is seen.
        var endsStart: String.Index?

        /// Ends the current sentence before `end`; true once `most` sentences are found.
        func close(before end: String.Index) -> Bool {
            if keepingEnds {
                let sentence = String(text[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
                if !sentence.isEmpty { sentences.append(sentence) }
            } else {
                let sentence = String(text[start..<(endsStart ?? end)])
                if !sentence.trimmingSpaces().isEmpty { sentences.append(sentence) }
            }
            endsStart = nil
            return sentences.count >= most
        }

        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character.isNewline {
                if close(before: index) { return sentences }
                start = next
            } else if sentenceEnds.contains(character) {
                if endsStart == nil { endsStart = index }
            } else if endsStart != nil {
                if close(before: index) { return sentences }
                start = index
            }
            index = next
        }
        _ = close(before: text.endIndex)
        return sentences
    }
}

/// A punctuation mark or break the `WordScanner` passed between words. The scanner only names
/// it; each check decides what it ends (the crisis check ends a sentence at ':', the tone check
/// only a clause).
public struct TextMark: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `.` and the ideographic full stop `。`.
        case fullStop
        /// `!` and the full-width `！`.
        case exclamation
        /// `?` and the full-width `？`.
        case question
        case semicolon
        case colon
        case comma
        /// `(` or `)`.
        case parenthesis
        /// An en or em dash (`–`, `—`); a hyphen only separates words.
        case dash
        /// `…`.
        case ellipsis
        /// `\n`.
        case lineFeed
        /// `\r`.
        case carriageReturn
        /// The Unicode line and paragraph separators and NEL (U+2028, U+2029, U+0085).
        case lineSeparator
        /// A straight `"`, which opens or closes.
        case straightQuote
        /// `“` or `«`.
        case openingQuote
        /// `”` or `»`.
        case closingQuote
    }

    public var kind: Kind
    /// The mark as typed (`！` stays full-width).
    public var scalar: Unicode.Scalar
    public var range: Range<String.Index>
}

/// A `spell RIGHT WORDS: variant, variant` line of a rule file: each variant is read as the right
/// words before matching ("spell want to: wanna, wana").
struct SpellingLine: Sendable, Codable {
    /// The right spelling, folded into words.
    var canonical: [String]
    /// The variants, each one folded word.
    var variants: [LocatedText]
    var location: SourceLocation
}

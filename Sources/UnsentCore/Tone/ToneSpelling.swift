/// A `spell RIGHT WORDS: variant, variant` line: variants are read as the right words before matching.
struct ToneSpelling: Sendable, Codable {
    var canonical: [String]
    var variants: [ToneName]
    var location: SourceLocation
}

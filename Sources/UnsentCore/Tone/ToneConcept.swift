/// A `concept NAME: phrase, phrase, ~other` line: words and phrases that stand for the same thing.
struct ToneConcept: Sendable, Codable {
    var name: String
    /// Members as written: a phrase, or `~name` for another concept.
    var members: [ToneName]
    var location: SourceLocation
}

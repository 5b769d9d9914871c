/// Ranked free-text rules with a required fallback; the best matching rule's body runs.
public struct RuleSet: Sendable, Codable {
    public var name: String
    public var rules: [Rule]
    public var fallback: Code?
    public var fallbackLocation: SourceLocation?
    public var location: SourceLocation
    /// Rule indexes in the order they are tried: rank first, then file order.
    public var order: [Int] = []
    /// `ranks: decide`: when a rule fires, a trained reader's reading of a lower-ranked card does
    /// not argue with it (a text holding both is read as the higher rank); without it, the
    /// reader's best reading is offered first.
    public var ranksDecide = false
}

/// One free-text rule: patterns, its rank, an optional context, samples for the linter, and a body.
public struct Rule: Sendable, Codable {
    public var id: String
    /// The patterns as written; matching uses their compiled form (`Content.compiledPatterns`).
    public var patterns: [Pattern] = []
    public var rank: Int
    /// Qualified node names; when not empty the rule applies only right after a question there.
    public var after: [String]
    public var afterLocations: [SourceLocation]
    public var samples: [LocatedText] = []
    public var thought: String?
    public var code: Code
    public var location: SourceLocation

    /// `sure: always`: when this card's rule fires, no trained reader argues with it.
    public var alwaysSure = false
    /// `reads: whole text`: its patterns are tried on the whole text only, never on one sentence of it.
    public var wholeTextOnly = false

    /// A snapshot leaves out what only linking and `content check` read: the written patterns and the samples.
    enum CodingKeys: String, CodingKey { case id, rank, after, afterLocations, thought, code, location }
}

/// A concept: a named set of words and phrases that mean the same thing to the matcher.
public struct Concept: Sendable, Codable {
    public var name: String
    /// Members as written; `~name` members refer to other concepts.
    public var members: [LocatedText]
    public var location: SourceLocation
}

/// A declared event kind and the fields it records.
public struct EventDeclaration: Sendable, Codable {
    public var name: String
    public var fields: [String]
    public var location: SourceLocation
}

/// A declared variable with its default value.
public struct VariableDeclaration: Sendable, Codable {
    public var name: String
    public var defaultValue: Expression
    public var location: SourceLocation
}

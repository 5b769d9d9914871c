/// Ranked free-text rules with a required fallback; the best matching rule's body runs.
public struct RuleSet: Sendable {
    public var name: String
    public var rules: [Rule]
    public var fallback: Code?
    public var fallbackLocation: SourceLocation?
    public var location: SourceLocation
    /// Rule indexes in the order they are tried: rank first, then file order.
    public var order: [Int] = []
}

/// One free-text rule: patterns, its rank, an optional context, samples for the linter, and a body.
public struct Rule: Sendable {
    public var id: String
    public var patterns: [Pattern]
    public var rank: Int
    /// Qualified node names; when not empty the rule applies only right after a question there.
    public var after: [String]
    public var afterLocations: [SourceLocation]
    public var samples: [(text: String, location: SourceLocation)]
    public var thought: String?
    public var code: Code
    public var location: SourceLocation
}

/// A concept: a named set of words and phrases that mean the same thing to the matcher.
public struct Concept: Sendable {
    public var name: String
    /// Members as written; `~name` members refer to other concepts.
    public var members: [(text: String, location: SourceLocation)]
    public var location: SourceLocation
}

/// A declared event kind and the fields it records.
public struct EventDeclaration: Sendable {
    public var name: String
    public var fields: [String]
    public var location: SourceLocation
}

/// A declared variable with its default value.
public struct VariableDeclaration: Sendable {
    public var name: String
    public var defaultValue: Expression
    public var location: SourceLocation
}

/// A word of input: `normalized` is what rules compare (lower case, no apostrophes,
/// spelling variants replaced); `original` is what reflection shows back.
public struct Token: Sendable, Hashable, Codable {
    public var normalized: String
    public var original: String
}

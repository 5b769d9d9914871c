/// Swaps the person's pronouns for the bot's when words are shown back:
/// "I need to tell him how I feel" → "you need to tell him how you feel".
public struct Reflector: Sendable, Codable {
    /// Normalized word → replacement, from the content's `reflections` block.
    public var table: [String: String]

    public init(table: [String: String]) { self.table = table }

    public func reflect(_ tokens: some Collection<Token>) -> String {
        tokens.map { table[$0.normalized] ?? $0.original }.joined(separator: " ")
    }
}

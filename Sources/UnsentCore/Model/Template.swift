/// A line of dialogue with holes: `{urge}` reads a variable, `{1}` a rule's first capture
/// with pronouns reflected ("I need him" → "you need him"), `{raw 1}` the capture as typed.
public struct Template: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case variable(String)
        case capture(Int, reflected: Bool)
    }

    public var parts: [Part]
    public var location: SourceLocation

    public init(parts: [Part], location: SourceLocation) {
        self.parts = parts
        self.location = location
    }

    public var variableNames: [String] {
        parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }
}

/// A line of dialogue with holes: `{urge}` reads a variable, `{1}` a rule's first capture
/// with pronouns reflected ("I need him" → "you need him"), `{raw 1}` the capture as typed.
public struct Template: Sendable, Hashable, Codable {
    public enum Part: Sendable, Hashable, Codable {
        case text(String)
        case variable(String)
        case capture(Int, reflected: Bool)
    }

    public var parts: [Part]
    public var location: SourceLocation
    /// Where each part starts, in characters from `location` (for error carets).
    public var offsets: [Int]

    public init(parts: [Part], location: SourceLocation, offsets: [Int] = []) {
        self.parts = parts
        self.location = location
        self.offsets = offsets
    }

    /// The location of part `index`.
    public func location(ofPart index: Int) -> SourceLocation {
        var place = location
        if index < offsets.count { place.column += offsets[index] }
        return place
    }

    public var variableNames: [String] {
        parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }
}

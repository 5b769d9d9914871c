/// A word or line as written in a content file, with where it was written (for errors and lint).
public struct LocatedText: Sendable, Hashable, Codable {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, _ location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// The help lines of one region (or the international fallback), in the order written.
public struct RegionResources: Sendable, Hashable, Codable {
    /// The region's code in lower case, such as "us" or "uk"; "international" for the fallback.
    public var code: String
    /// Other codes that mean the same region ("gb" for "uk").
    public var aliases: [String]
    public var name: String
    public var entries: [Resource]
    public var location: SourceLocation

    public init(code: String, aliases: [String] = [], name: String, entries: [Resource] = [],
                location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)) {
        self.code = code
        self.aliases = aliases
        self.name = name
        self.entries = entries
        self.location = location
    }

    /// Short plain lines for the entries of these kinds, in file order.
    public func lines(kinds: Set<Resource.Kind>) -> [String] {
        entries.filter { kinds.contains($0.kind) }.map(\.line)
    }
}

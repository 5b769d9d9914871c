/// A name as written in a tone file (a category, a group, a concept), with where it is.
struct ToneName: Sendable, Hashable, Codable {
    var name: String
    var location: SourceLocation
}

/// A name as written in a tone file (a category, a group, a concept), with where it is.
struct ToneName: Sendable, Hashable {
    var name: String
    var location: SourceLocation
}

/// A `group NAME: category, category` line: a name for several reply categories at once.
struct ToneGroup: Sendable {
    var name: String
    var members: [ToneName]
    var location: SourceLocation
}

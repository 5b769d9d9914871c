/// A `group NAME: category, category` line: a name for several reply categories at once.
struct ToneGroup: Sendable, Codable {
    var name: String
    var members: [ToneName]
    var location: SourceLocation
}

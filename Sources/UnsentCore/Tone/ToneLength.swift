/// A `length: N` (the default) or `length NAME: N` line: the most words a reply to that
/// category or group should have before `too-long` is raised.
struct ToneLength: Sendable, Codable {
    /// The category or group; nil for the default.
    var target: ToneName?
    var words: Int
    var location: SourceLocation
}

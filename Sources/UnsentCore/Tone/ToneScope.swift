/// The `in NAME, NAME` part of a line: the reply categories (or groups of them) it applies to.
/// An empty scope applies everywhere.
struct ToneScope: Sendable, Codable {
    var names: [ToneName] = []

    var isEverywhere: Bool { names.isEmpty }
}

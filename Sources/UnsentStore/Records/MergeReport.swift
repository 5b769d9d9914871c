/// What an import merged into the store: how many rows of each kind it added, how many it found already
/// there (so importing the same file twice adds nothing), and the settings it left as they were.
public struct MergeReport: Sendable, Equatable {
    /// Rows added, by table name ("session", "turn", "event", "draft", "history", "setting", "variation").
    public var added: [String: Int] = [:]
    /// Rows that were already in the store, by table name.
    public var alreadyThere: [String: Int] = [:]
    /// Settings the file holds with another value than the store's: the store's value was kept.
    public var keptSettings: [String] = []

    public init() {}

    /// Every row added, all tables together.
    public var totalAdded: Int { added.values.reduce(0, +) }
    /// Every row found already there, all tables together.
    public var totalAlreadyThere: Int { alreadyThere.values.reduce(0, +) }
}

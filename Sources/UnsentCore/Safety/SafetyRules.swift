/// The crisis rules from `Content/safety/*.safety`. (Filled in by the safety work.)
public struct SafetyRules: Sendable {
    public init() {}

    /// Reads one `.safety` file's outline into the rules.
    public mutating func add(file: String, lines: [OutlineLine]) throws(ContentError) {}

    /// Checks the rules once every file is read: unknown concepts and the like.
    public mutating func link() -> [Diagnostic] { [] }

    /// Problems a writer should hear about from `unsent content check` (not needed to start).
    public func lint() -> [Diagnostic] { [] }

    /// The category of crisis language in the text, or nil when there is none.
    public func classify(_ text: String) -> CrisisCategory? { nil }
}

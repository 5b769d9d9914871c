/// How a rule file names a concept inside a pattern or another concept: `{name}` in a `.safety`
/// file, `~name` in a `.tone` file. (One syntax for every rule file is the next step of the words
/// layer; until then each file keeps its own, and this is the only place that knows both.)
enum ConceptReference: Sendable {
    case braces
    case tilde

    /// The concept a member or item names, or nil when it is words.
    func name(in text: String) -> String? {
        switch self {
        case .braces:
            guard text.hasPrefix("{"), text.hasSuffix("}"), text.count > 2 else { return nil }
            return String(text.dropFirst().dropLast())
        case .tilde:
            guard text.hasPrefix("~") else { return nil }
            return String(text.dropFirst())
        }
    }

    /// Whether a member as written is meant as a reference (it is not checked for words).
    func isWrittenAsReference(_ text: String) -> Bool {
        switch self {
        case .braces: text.hasPrefix("{")
        case .tilde: text.hasPrefix("~")
        }
    }
}

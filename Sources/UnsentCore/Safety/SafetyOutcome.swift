/// What a safety rule reports when it fires: a crisis category, or (for a rule's
/// `if ...:` lines) nothing at all.
public enum SafetyOutcome: Sendable, Hashable, Codable, CustomStringConvertible {
    case category(CrisisCategory)
    case nothing

    /// Reads `suicide`, `ambiguous`, `none` and the other category names.
    init?(name: String) {
        if name == "none" { self = .nothing; return }
        guard let category = CrisisCategory(rawValue: name) else { return nil }
        self = .category(category)
    }

    /// The names a writer may use after `if negated:` and the like.
    static var names: [String] { CrisisCategory.allCases.map(\.rawValue) + ["none"] }

    public var description: String {
        switch self {
        case .category(let category): category.rawValue
        case .nothing: "none"
        }
    }
}

/// A pattern line of a safety rule as written (`words:`, `near N:`, `order N:`), before linking.
struct SafetyPattern: Sendable, Codable {
    enum Shape: Sendable, Hashable, Codable {
        /// The items one after another, nothing between them.
        case sequence
        /// Every item within a span of this many words, in any order.
        case near(Int)
        /// The items in this order, gaps allowed, within a span of this many words.
        case order(Int)
    }

    var shape: Shape
    var items: [SafetyItem]
    var location: SourceLocation
}

/// One slot of a pattern as written: `word`, `a/b`, `{concept}`, `*`, `$`, with `!` (not) or `?` (optional).
struct SafetyItem: Sendable, Codable {
    enum Kind: Sendable, Codable {
        /// One or more folded words (a literal word can split, as "self-harm" does).
        case words([String])
        /// Alternatives (`a/b/{concept}`), each a folded word sequence or a concept.
        case alternatives([Choice])
        case concept(String)
        /// Any one word.
        case any
        /// The end of a clause (before `,` `.` `but` and the like) or of the text.
        case clauseEnd
        /// The start of a clause (only first in a `words:` pattern).
        case clauseStart
    }

    /// One alternative of `a/b/{concept}`.
    enum Choice: Sendable, Codable {
        case words([String])
        case concept(String)
    }

    var kind: Kind
    /// `!`: one word that is not this.
    var negated: Bool
    /// `?`: may be missing (sequences only).
    var optional: Bool
    var location: SourceLocation
    var text: String
}

extension SafetyPattern {
    /// The concepts the pattern names, alone or among alternatives.
    var conceptNames: [String] {
        items.flatMap { item -> [String] in
            switch item.kind {
            case .concept(let name): [name]
            case .alternatives(let choices): choices.compactMap { if case .concept(let name) = $0 { name } else { nil } }
            case .words, .any, .clauseEnd, .clauseStart: []
            }
        }
    }
}

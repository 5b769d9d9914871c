/// A pattern of a tone line as written: `please ?just [talk to me|answer] ..` and the like.
///
/// Items: a word; `[a|b c|~concept|$]` alternatives (`$`: or the end of the clause); `~concept`; `_` any one word; `..` up to
/// three words; `#` a number; `^` the start of a clause (first only); `$` the end of a clause (last only);
/// `?item` an optional item; `!item` one word that is not the item. A pattern matches inside
/// one sentence, anywhere in it.
struct TonePattern: Sendable, Codable {
    enum Kind: Sendable, Codable {
        /// One or more folded words.
        case words([String])
        case alternatives([Choice])
        case concept(String)
        case any
        /// A word of digits.
        case number
        case gap
        case clauseStart
        case clauseEnd
    }

    enum Choice: Sendable, Codable {
        case words([String])
        case concept(String)
        case clauseEnd
    }

    struct Item: Sendable, Codable {
        var kind: Kind
        var optional = false
        var negated = false
        var location: SourceLocation
        var text: String
    }

    var items: [Item]
    var text: String
    var location: SourceLocation
}

extension TonePattern {
    /// The concepts the pattern names, alone or among alternatives.
    var conceptNames: [String] {
        items.flatMap { item -> [String] in
            switch item.kind {
            case .concept(let name): [name]
            case .alternatives(let choices): choices.compactMap { if case .concept(let name) = $0 { name } else { nil } }
            case .words, .any, .number, .gap, .clauseStart, .clauseEnd: []
            }
        }
    }
}

/// A free-text pattern as written: `* i [need|want] ~closure *`.
///
/// `*` matches any words (none included) and captures them; a word matches itself;
/// `~name` matches any member of a concept; `[a|b c]` matches one of its alternatives.
/// A pattern matches the whole input, so most begin and end with `*`.
public struct Pattern: Sendable, Hashable, Codable {
    public enum Element: Sendable, Hashable, Codable {
        case wildcard
        case word(String)
        case concept(String, SourceLocation)
        case alternatives([String])
    }

    public var elements: [Element]
    public var source: String
    public var location: SourceLocation

    public var wildcardCount: Int { elements.filter { $0 == .wildcard }.count }

    static func parse(_ text: String, at location: SourceLocation) throws(ContentError) -> Pattern {
        var elements: [Element] = []
        let characters = Array(text)
        var index = 0
        func at(_ offset: Int) -> SourceLocation {
            var shifted = location
            shifted.column += offset
            return shifted
        }
        while index < characters.count {
            let character = characters[index]
            if character == " " { index += 1; continue }
            if character == "*" {
                if elements.last == .wildcard {
                    throw ContentError([.error(at: at(index), "two wildcards in a row match the same words", note: "keep one '*'")])
                }
                elements.append(.wildcard); index += 1; continue
            }
            if character == "[" {
                guard let close = characters[index...].firstIndex(of: "]") else {
                    throw ContentError([.error(at: at(index), "this '[' is never closed")])
                }
                let alternatives = String(characters[(index + 1)..<close]).split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingSpaces() }
                if alternatives.contains(where: \.isEmpty) {
                    throw ContentError([.error(at: at(index), "an alternative inside '[...]' is empty")])
                }
                elements.append(.alternatives(alternatives))
                index = close + 1
                continue
            }
            let start = index
            while index < characters.count, characters[index] != " ", characters[index] != "[", characters[index] != "*" { index += 1 }
            let word = String(characters[start..<index])
            if word.hasPrefix("~") {
                let name = String(word.dropFirst())
                guard TemplateParser.isName(name) else {
                    throw ContentError([.error(at: at(start), "'\(word)' is not a concept name")])
                }
                elements.append(.concept(name, at(start)))
            } else if word.contains(where: { "]|{}".contains($0) }) {
                throw ContentError([.error(at: at(start), "unexpected '\(word)' in a pattern")])
            } else {
                elements.append(.word(word))
            }
        }
        if elements.isEmpty { throw ContentError([.error(at: location, "the pattern is empty")]) }
        return Pattern(elements: elements, source: text, location: location)
    }
}

/// A pattern ready to match: concepts and alternatives expanded to normalized word sequences.
public struct CompiledPattern: Sendable, Hashable, Codable {
    public enum Element: Sendable, Hashable, Codable {
        case wildcard
        case word(String)
        case choice([[String]])
    }

    public var elements: [Element]
    /// The least number of tokens an input needs to match.
    public var minimumLength: Int
    /// For each word or choice, the words one of which the input must contain: a cheap
    /// test that rules most patterns out before any backtracking. Worked out when asked (only
    /// building a rule index asks), so that reading a snapshot's thousands of patterns builds no sets.
    public var requiredWords: [Set<String>] {
        elements.compactMap { element in
            switch element {
            case .wildcard: nil
            case .word(let word): [word]
            case .choice(let options): Set(options.compactMap(\.first))
            }
        }
    }

    public init(elements: [Element]) {
        self.elements = elements
        minimumLength = elements.reduce(0) { total, element in
            switch element {
            case .wildcard: total
            case .word: total + 1
            case .choice(let options): total + (options.lazy.map(\.count).min() ?? 0)
            }
        }
    }

    /// The capture ranges (one per wildcard) when the pattern matches all of `tokens`.
    public func match(_ tokens: [Token]) -> [Range<Int>]? {
        match(tokens, words: Set(tokens.map(\.normalized)))
    }

    /// As `match(_:words:)`, but no match when the pattern's first words are said only to be denied:
    /// "we dont have a pet", "its not about the dog", "we never had kids" (drive-34: the pet card was
    /// offered for "we dont have a pet"). Only a denial of having or of being about counts, so "he
    /// didnt answer" and "i cant stop thinking about him" still match.
    public func matchSaid(_ tokens: [Token], words: Set<String>) -> [Range<Int>]? {
        guard let captures = match(tokens, words: words) else { return nil }
        if case .wildcard = elements.first, let first = captures.first, Self.denies(tokens, before: first.upperBound) { return nil }
        return captures
    }

    private static let negations: Set<String> = ["not", "dont", "didnt", "doesnt", "never", "isnt", "wasnt", "arent", "werent",
                                                 "aint", "havent", "hasnt", "hadnt"]
    private static let denied: Set<String> = ["have", "had", "has", "got", "about"]
    private static let fillers: Set<String> = ["a", "an", "the", "any", "our", "my", "your", "his", "her", "their", "that", "this",
                                               "even", "really", "ever", "actually"]

    /// Whether the words just before `start` deny what follows: a negation, then "have", "had",
    /// "got" or "about", with only small words ("a", "the", "our", "even") between.
    static func denies(_ tokens: [Token], before start: Int) -> Bool {
        var index = start - 1, bridged = false
        while index >= 0, start - index <= 5 {
            let word = tokens[index].normalized
            if negations.contains(word) { return bridged }
            if denied.contains(word) { bridged = true } else if !fillers.contains(word) { return false }
            index -= 1
        }
        return false
    }

    /// As `match(_:)`, with the set of the input's words computed once by the caller.
    public func match(_ tokens: [Token], words: Set<String>) -> [Range<Int>]? {
        guard tokens.count >= minimumLength else { return nil }
        guard hasRequiredWords(words) else { return nil }
        var captures: [Range<Int>] = []
        var budget = 20_000
        return matchFrom(0, 0, tokens, &captures, &budget) ? captures : nil
    }

    /// Whether `words` holds, for each word or choice, one of the words the input must contain
    /// (`requiredWords`, tested without building it).
    func hasRequiredWords(_ words: Set<String>) -> Bool {
        for element in elements {
            switch element {
            case .wildcard: continue
            case .word(let word): if !words.contains(word) { return false }
            case .choice(let options): if !options.contains(where: { $0.first.map(words.contains) ?? false }) { return false }
            }
        }
        return true
    }

    private func matchFrom(_ element: Int, _ position: Int, _ tokens: [Token],
                           _ captures: inout [Range<Int>], _ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        if element == elements.count { return position == tokens.count }
        switch elements[element] {
        case .word(let word):
            guard position < tokens.count, tokens[position].normalized == word else { return false }
            return matchFrom(element + 1, position + 1, tokens, &captures, &budget)
        case .choice(let options):
            for option in options where Self.hasPrefix(tokens, at: position, option) {
                if matchFrom(element + 1, position + option.count, tokens, &captures, &budget) { return true }
            }
            return false
        case .wildcard:
            if element == elements.count - 1 {
                captures.append(position..<tokens.count)
                return true
            }
            for end in position...tokens.count {
                captures.append(position..<end)
                if matchFrom(element + 1, end, tokens, &captures, &budget) { return true }
                captures.removeLast()
            }
            return false
        }
    }

    static func hasPrefix(_ tokens: [Token], at position: Int, _ words: [String]) -> Bool {
        guard position + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() where tokens[position + offset].normalized != word { return false }
        return true
    }
}

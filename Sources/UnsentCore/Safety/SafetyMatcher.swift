/// The linked, indexed form of the safety rules that `classify` runs.
///
/// Every literal word, alternative and concept becomes a numbered word set; each pattern is
/// indexed under the words of one of its items (its anchor), so a text is read once and only
/// the patterns whose anchor word occurs are tried there, inside a bounded window.
struct SafetyMatcher: Sendable, Codable {
    /// A pattern slot after linking.
    struct Item: Sendable, Codable {
        enum Kind: Sendable, Codable { case set(Int), notSet(Int), any, clauseEnd, clauseStart }
        var kind: Kind
        var optional: Bool
    }

    struct Pattern: Sendable, Codable {
        var shape: SafetyPattern.Shape
        var items: [Item]
        /// The item the pattern is indexed under (the first one for sequences and orders).
        var anchor: Int
        /// The rule (or idiom) it belongs to.
        var owner: Int
    }

    /// Patterns with an index from anchor word id to pattern numbers.
    struct PatternIndex: Sendable, Codable {
        var patterns: [Pattern] = []
        var byAnchor: [[Int32]] = []
    }

    struct Rule: Sendable, Codable {
        var id: String
        var kind: SafetyRule.Kind
        var ifOther: SafetyOutcome?
        var ifOwn: SafetyOutcome?
        var ifUnknown: SafetyOutcome?
        var ifNegated: SafetyOutcome?
        var ifSoftened: SafetyOutcome?
        var exceptions: [Pattern]
        var softens: Bool
        /// A rule of the net: tried only when no precise rule matched; a negation inside its
        /// match counts too ("i never wanted to hurt her").
        var net = false
        /// `if ordinary:` (see `SafetyRule.ifOrdinary`).
        var ifOrdinary: SafetyOutcome? = nil
    }

    /// The well-known concepts the matcher itself uses, when the rules define them.
    struct Roles: Sendable, Codable {
        var negation: Int?
        var selfWords: Int?
        var otherWords: Int?
        var report: Int?
        var reflexiveSelf: Int?
        var reflexiveOther: Int?
    }

    var lexicon = SafetyLexicon()
    var setCount = 0
    /// Which sets each word is in: a bitset of `stride` 64-bit chunks per word (bit n: set n),
    /// of which only the chunks that are not zero are kept (a word is in a few of thousands of
    /// sets). Word w's chunks are `membership[membershipStart[w]..<membershipStart[w + 1]]`,
    /// and `membershipChunk` says which chunk of the bitset each one is.
    var membership: [UInt64] = []
    var membershipChunk: [UInt16] = []
    var membershipStart: [Int32] = [0]
    var stride = 1
    /// Per set: its members of two words or more.
    var phrases: [[[Int32]]] = []
    var idioms = PatternIndex()
    var rulePatterns = PatternIndex()
    /// The patterns of `net` rules: tried only when no precise rule matched.
    var netPatterns = PatternIndex()
    var rules: [Rule] = []
    var roles = Roles()
    /// The word set of every named concept, by name (the statistical model reads them as features).
    var conceptSets: [String: Int] = [:]

    /// How many words before a match a negation still counts (same clause).
    static let negationReach = 4
    /// How far (in words) a soften match reaches on either side.
    static let softenReach = 12
    /// How far back the subject of a match is looked for.
    static let subjectReach = 12
    /// How far around a match `unless` patterns and quote attributions are looked for.
    static let exceptionReach = 8
    static let attributionReach = 30

    // MARK: Sets

    @inline(__always)
    func contains(_ set: Int, _ word: Int32) -> Bool {
        guard word >= 0, Int(word) + 1 < membershipStart.count else { return false }
        let chunk = UInt16(truncatingIfNeeded: set >> 6)
        for index in Int(membershipStart[Int(word)])..<Int(membershipStart[Int(word) + 1]) where membershipChunk[index] == chunk {
            return membership[index] & (1 << UInt64(set & 63)) != 0
        }
        return false
    }

    /// The end of the longest member of `set` starting at `position`, staying before `limit`.
    func match(set: Int, at position: Int, limit: Int, in text: SafetyText) -> Int? {
        guard position < limit else { return nil }
        var best: Int?
        for phrase in phrases[set] where position + phrase.count <= limit {
            var fits = true
            for (offset, word) in phrase.enumerated() where text.words[position + offset] != word {
                fits = false
                break
            }
            if fits, position + phrase.count > (best ?? 0) { best = position + phrase.count }
        }
        if best == nil, contains(set, text.words[position]) { best = position + 1 }
        return best
    }

    /// Where an item matching at `position` ends (an empty match for the clause end).
    func match(_ item: Item, at position: Int, bounds: Range<Int>, in text: SafetyText) -> Int? {
        switch item.kind {
        case .set(let set):
            return match(set: set, at: position, limit: bounds.upperBound, in: text)
        case .notSet(let set):
            guard position < bounds.upperBound, text.words[position] != SafetyText.masked,
                  !contains(set, text.words[position]) else { return nil }
            return position + 1
        case .any:
            guard position < bounds.upperBound, text.words[position] != SafetyText.masked else { return nil }
            return position + 1
        case .clauseEnd:
            if position >= bounds.upperBound || position >= text.count { return position }
            if position > 0, text.clause[position] != text.clause[position - 1] { return position }
            return nil
        case .clauseStart:
            if position == 0 || position <= bounds.lowerBound { return position }
            if text.clause[position] != text.clause[position - 1] { return position }
            return nil
        }
    }

    // MARK: Patterns

    /// The span a pattern covers when its anchor item sits at `position`, or nil.
    func match(_ pattern: Pattern, anchoredAt position: Int, in text: SafetyText) -> Range<Int>? {
        switch pattern.shape {
        case .sequence:
            let bounds = text.sentenceBounds(position)
            guard let end = matchSequence(pattern.items, from: 0, at: position, bounds: bounds, in: text) else { return nil }
            return position..<end
        case .order(let span):
            let bounds = text.paragraphBounds(position)
            return matchOrder(pattern.items, at: position, span: span, bounds: bounds, in: text)
        case .near(let span):
            let bounds = text.paragraphBounds(position)
            return matchNear(pattern, at: position, span: span, bounds: bounds, in: text)
        }
    }

    private func matchSequence(_ items: [Item], from index: Int, at position: Int,
                               bounds: Range<Int>, in text: SafetyText) -> Int? {
        if index == items.count { return position }
        let item = items[index]
        if let end = match(item, at: position, bounds: bounds, in: text),
           let done = matchSequence(items, from: index + 1, at: end, bounds: bounds, in: text) {
            return done
        }
        if item.optional {
            return matchSequence(items, from: index + 1, at: position, bounds: bounds, in: text)
        }
        return nil
    }

    private func matchOrder(_ items: [Item], at position: Int, span: Int,
                            bounds: Range<Int>, in text: SafetyText) -> Range<Int>? {
        guard var end = match(items[0], at: position, bounds: bounds, in: text) else { return nil }
        let limit = min(bounds.upperBound, position + span)
        let window = bounds.lowerBound..<limit
        for item in items.dropFirst() {
            var found: Int?
            var candidate = end
            while candidate <= limit, found == nil {
                if let itemEnd = match(item, at: candidate, bounds: window, in: text) { found = itemEnd }
                candidate += 1
            }
            if let found { end = found } else if !item.optional { return nil }
        }
        return position..<end
    }

    private func matchNear(_ pattern: Pattern, at position: Int, span: Int,
                           bounds: Range<Int>, in text: SafetyText) -> Range<Int>? {
        guard let anchorEnd = match(pattern.items[pattern.anchor], at: position, bounds: bounds, in: text) else { return nil }
        let low = max(bounds.lowerBound, anchorEnd - span)
        let high = min(bounds.upperBound, position + span)
        // Each other item's matches in the window around the anchor.
        var spots: [[Range<Int>]] = []
        for (index, item) in pattern.items.enumerated() where index != pattern.anchor {
            var found: [Range<Int>] = []
            for candidate in low..<high where !(candidate >= position && candidate < anchorEnd) {
                if let end = match(item, at: candidate, bounds: low..<high, in: text), end > candidate {
                    found.append(candidate..<end)
                }
            }
            if found.isEmpty { return nil }
            spots.append(found)
        }
        // A window of `span` words holding the anchor and one match of every other item.
        var start = max(low, anchorEnd - span)
        while start <= position {
            let window = start..<(start + span)
            var covered = position..<anchorEnd
            var used: [Range<Int>] = [position..<anchorEnd]
            var fitsAll = true
            for found in spots {
                guard let spot = found.first(where: { spot in
                    spot.lowerBound >= window.lowerBound && spot.upperBound <= window.upperBound && !used.contains { $0.overlaps(spot) }
                }) else {
                    fitsAll = false
                    break
                }
                used.append(spot)
                covered = min(covered.lowerBound, spot.lowerBound)..<max(covered.upperBound, spot.upperBound)
            }
            if fitsAll { return covered }
            start += 1
        }
        return nil
    }

    /// Calls `body` with every match of the index's patterns, in text order; `body` returns false to stop.
    func forEachMatch(of index: PatternIndex, in text: SafetyText, _ body: (Int, Range<Int>) -> Bool) {
        for position in 0..<text.count {
            let word = text.words[position]
            guard word >= 0 else { continue }
            for patternNumber in index.byAnchor[Int(word)] {
                let pattern = index.patterns[Int(patternNumber)]
                if let span = match(pattern, anchoredAt: position, in: text) {
                    if !body(Int(patternNumber), span) { return }
                }
            }
        }
    }

    /// Whether a pattern matches anywhere in `range` (for `unless` lines).
    func matchesSomewhere(_ pattern: Pattern, in range: Range<Int>, of text: SafetyText) -> Bool {
        for position in range {
            guard case .set(let set) = pattern.items[pattern.anchor].kind,
                  match(set: set, at: position, limit: range.upperBound, in: text) != nil else { continue }
            if match(pattern, anchoredAt: position, in: text) != nil { return true }
        }
        return false
    }
}

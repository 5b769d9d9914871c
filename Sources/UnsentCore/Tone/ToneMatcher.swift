/// The linked form of the tone rules that `check` runs.
///
/// Every literal word, alternative and concept becomes a numbered word set; `words:` and
/// `repeat` patterns are indexed under the first words of their first set, so a draft is read
/// once and only the patterns whose first word occurs are tried there, inside one sentence.
struct ToneMatcher: Sendable, Codable {
    /// Words and phrases that stand for one item of a pattern.
    struct WordSet: Sendable, Codable {
        var singles: Set<String> = []
        /// Members of two words or more.
        var phrases: [[String]] = []
    }

    enum Step: Sendable, Codable {
        case set(Int)
        case optionalSet(Int)
        /// A set, or the end of the clause (`[a|b|$]`).
        case setOrClauseEnd(Int)
        case notSet(Int)
        case any
        case number
        case gap
        case clauseStart
        case clauseEnd
    }

    struct Pattern: Sendable, Codable {
        var steps: [Step]
        /// The flag (index into `flags`) it belongs to.
        var flag: Int
        var kind: ToneFlagBlock.LineKind
        /// The categories it applies to; nil for all.
        var scope: Set<String>?
    }

    /// Text shown with a flag, limited to some categories or not.
    struct Wording: Sendable, Codable {
        var text: String
        var scope: Set<String>?
    }

    struct Flag: Sendable, Codable {
        var id: String
        var advice: [Wording] = []
        var templates: [Wording] = []
        /// `unless:` patterns.
        var exceptions: [Int] = []
        /// `repeat N:` patterns.
        var repeats: [Int] = []
    }

    /// A flag found in a draft: where its quote starts in the text, and the quote.
    struct Finding {
        var start: String.Index
        var quote: String
    }

    /// The most words a gap (`..`) covers.
    static let gapLimit = 3
    /// How far before a match an `unless:` pattern may start and still overlap it.
    static let exceptionReach = 10
    /// A `repeat` quote spans the repeats when they are this close, else it is the last repeat.
    static let repeatQuoteSpan = 10

    var lexicon = ToneLexicon()
    var sets: [WordSet] = []
    var patterns: [Pattern] = []
    /// First word → `words:` and `repeat` patterns that can start with it.
    var index: [String: [Int]] = [:]
    var flags: [Flag] = []
    var defaultLength: Int?
    var lengths: [String: Int] = [:]
    /// The shouting settings and the flag they raise, when the content has a shouting block.
    var shouting: Shouting?

    /// The shouting settings and the number of the flag they raise.
    struct Shouting: Sendable, Codable {
        var settings: ToneShouting
        var flag: Int
    }
    var tooLong: Int?

    func wordLimit(for category: String?) -> Int? {
        category.flatMap { lengths[$0] } ?? defaultLength
    }

    // MARK: checking

    func check(_ draft: String, category: String?) -> [ToneFlag] {
        let text = ToneText(draft, lexicon: lexicon)
        var found: [Int: Finding] = [:]
        func keep(_ flag: Int, _ finding: Finding) {
            if let earlier = found[flag], earlier.start < finding.start
                || (earlier.start == finding.start && earlier.quote.count >= finding.quote.count) { return }
            found[flag] = finding
        }
        findWords(in: text, category: category, keep)
        if let settings = shouting?.settings, let flag = shouting?.flag, let finding = shout(in: text, settings) { keep(flag, finding) }
        if let flag = tooLong, let limit = wordLimit(for: category), text.wordCount > limit {
            keep(flag, Finding(start: draft.startIndex, quote: "\(text.wordCount) words"))
        }
        return found.map { flagIndex, finding in
            let flag = flags[flagIndex]
            return ToneFlag(id: flag.id, quote: finding.quote,
                            advice: Self.pick(flag.advice, for: category) ?? "",
                            template: Self.pick(flag.templates, for: category))
        }.sorted { $0.id < $1.id }
    }

    private func findWords(in text: ToneText, category: String?, _ keep: (Int, Finding) -> Void) {
        var firstFound: [Int: Int] = [:]
        var repeatHits: [Int: [Range<Int>]] = [:]
        var repeatNext: [Int: Int] = [:]
        for position in 0..<text.count {
            guard let candidates = index[text.words[position]] else { continue }
            for number in candidates {
                let pattern = patterns[number]
                guard Self.applies(pattern.scope, to: category) else { continue }
                switch pattern.kind {
                case .trigger:
                    if let earlier = firstFound[pattern.flag], earlier < position { continue }
                    guard let end = match(pattern, at: position, in: text),
                          !isExcepted(position..<end, flag: pattern.flag, in: text, category: category) else { continue }
                    firstFound[pattern.flag] = position
                    keep(pattern.flag, Finding(start: text.ranges[position].lowerBound, quote: text.quote(position, end - 1)))
                case .repeated:
                    if position < repeatNext[number, default: 0] { continue }
                    guard let end = match(pattern, at: position, in: text),
                          !isExcepted(position..<end, flag: pattern.flag, in: text, category: category) else { continue }
                    repeatHits[number, default: []].append(position..<end)
                    repeatNext[number] = end
                case .exception:
                    continue
                }
            }
        }
        for (number, hits) in repeatHits {
            guard case .repeated(let times) = patterns[number].kind, hits.count >= times else { continue }
            let first = hits[0], last = hits[times - 1]
            let together = text.sentence[first.lowerBound] == text.sentence[last.lowerBound]
                && last.upperBound - first.lowerBound <= Self.repeatQuoteSpan
            let quote = together ? text.quote(first.lowerBound, last.upperBound - 1) : text.quote(last.lowerBound, last.upperBound - 1)
            let start = together ? first.lowerBound : last.lowerBound
            keep(patterns[number].flag, Finding(start: text.ranges[start].lowerBound, quote: quote))
        }
    }

    /// Whether an `unless:` line of the flag (by id) covers at least a third of the words of `sentence`, the one a
    /// reading from outside the rules rests on: the trained reader's reading then yields to the flag's own
    /// exception, as the flag's word lines do (drive-28: the boundary "please stop texting me" was read as
    /// begging). An exception covering a few words of a longer sentence leaves the reading alone.
    func isExcepted(flag id: String, sentence: String, category: String?) -> Bool {
        guard let flag = flags.firstIndex(where: { $0.id == id }), !flags[flag].exceptions.isEmpty else { return false }
        let text = ToneText(sentence, lexicon: lexicon)
        guard text.count > 0 else { return false }
        for number in flags[flag].exceptions where Self.applies(patterns[number].scope, to: category) {
            for start in 0..<text.count {
                if let end = match(patterns[number], at: start, in: text), (end - start) * 3 >= text.count { return true }
            }
        }
        return false
    }

    /// Whether an `unless:` line of the flag matches a span overlapping `range`.
    private func isExcepted(_ range: Range<Int>, flag: Int, in text: ToneText, category: String?) -> Bool {
        let sentence = text.sentenceBounds[text.sentence[range.lowerBound]]
        let from = max(sentence.lowerBound, range.lowerBound - Self.exceptionReach)
        for number in flags[flag].exceptions where Self.applies(patterns[number].scope, to: category) {
            for start in from..<range.upperBound {
                if let end = match(patterns[number], at: start, in: text), end > range.lowerBound { return true }
            }
        }
        return false
    }

    static func applies(_ scope: Set<String>?, to category: String?) -> Bool {
        guard let scope else { return true }
        return category.map(scope.contains) ?? false
    }

    static func pick(_ wordings: [Wording], for category: String?) -> String? {
        wordings.first { $0.scope != nil && applies($0.scope, to: category) }?.text
            ?? wordings.first { $0.scope == nil }?.text
    }

    // MARK: patterns

    /// Where the pattern ends when its first word sits at `position`, or nil.
    func match(_ pattern: Pattern, at position: Int, in text: ToneText) -> Int? {
        let bounds = text.sentenceBounds[text.sentence[position]]
        var budget = 2_000
        return match(pattern.steps, 0, at: position, bounds: bounds, in: text, budget: &budget)
    }

    private func match(_ steps: [Step], _ step: Int, at position: Int, bounds: Range<Int>,
                       in text: ToneText, budget: inout Int) -> Int? {
        budget -= 1
        if budget < 0 { return nil }
        if step == steps.count { return position }
        switch steps[step] {
        case .set(let set), .optionalSet(let set), .setOrClauseEnd(let set):
            for end in ends(of: set, at: position, limit: bounds.upperBound, in: text) {
                if let done = match(steps, step + 1, at: end, bounds: bounds, in: text, budget: &budget) { return done }
            }
            switch steps[step] {
            case .optionalSet:
                return match(steps, step + 1, at: position, bounds: bounds, in: text, budget: &budget)
            case .setOrClauseEnd where text.isClauseEnd(position, sentenceEnd: bounds.upperBound):
                return match(steps, step + 1, at: position, bounds: bounds, in: text, budget: &budget)
            default:
                return nil
            }
        case .notSet(let set):
            guard position < bounds.upperBound,
                  ends(of: set, at: position, limit: bounds.upperBound, in: text).isEmpty else { return nil }
            return match(steps, step + 1, at: position + 1, bounds: bounds, in: text, budget: &budget)
        case .any:
            guard position < bounds.upperBound else { return nil }
            return match(steps, step + 1, at: position + 1, bounds: bounds, in: text, budget: &budget)
        case .number:
            guard position < bounds.upperBound, text.words[position].unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) else { return nil }
            return match(steps, step + 1, at: position + 1, bounds: bounds, in: text, budget: &budget)
        case .gap:
            for skip in 0...Self.gapLimit where position + skip <= bounds.upperBound {
                if let done = match(steps, step + 1, at: position + skip, bounds: bounds, in: text, budget: &budget) { return done }
            }
            return nil
        case .clauseStart:
            guard position == bounds.lowerBound || (position < text.count && text.clauseStart[position]) else { return nil }
            return match(steps, step + 1, at: position, bounds: bounds, in: text, budget: &budget)
        case .clauseEnd:
            guard text.isClauseEnd(position, sentenceEnd: bounds.upperBound) else { return nil }
            return match(steps, step + 1, at: position, bounds: bounds, in: text, budget: &budget)
        }
    }

    /// The ends of the members of a set that start at `position`, longest first.
    private func ends(of set: Int, at position: Int, limit: Int, in text: ToneText) -> [Int] {
        guard position < limit else { return [] }
        var result: [Int] = []
        for phrase in sets[set].phrases where position + phrase.count <= limit {
            if phrase.indices.allSatisfy({ text.words[position + $0] == phrase[$0] }) { result.append(position + phrase.count) }
        }
        if sets[set].singles.contains(text.words[position]) { result.append(position + 1) }
        return result.count > 1 ? result.sorted(by: >) : result
    }

    // MARK: shouting

    /// The first words in capitals or run of marks, when there are enough to count as shouting.
    private func shout(in text: ToneText, _ settings: ToneShouting) -> Finding? {
        var candidates: [Finding] = []
        if let first = capitalsStart(in: text, settings) {
            candidates.append(Finding(start: text.ranges[first.lowerBound].lowerBound, quote: text.quote(first.lowerBound, first.upperBound - 1)))
        }
        if let run = text.markRuns.first(where: { run in settings.marks.contains { run.marks.contains($0) } }) {
            let start = run.word.map { text.ranges[$0].lowerBound } ?? run.range.lowerBound
            candidates.append(Finding(start: start, quote: text.quote(start..<run.range.upperBound)))
        }
        return candidates.min { $0.start < $1.start }
    }

    /// The words (first to last, as word positions) of the first run of capitals that shouts.
    private func capitalsStart(in text: ToneText, _ settings: ToneShouting) -> Range<Int>? {
        var counted: [Int] = []
        var long: Int?
        var typedStarts: [Int] = []
        for position in 0..<text.count where position == 0 || text.origin[position] != text.origin[position - 1] {
            typedStarts.append(position)
            let typed = text.origin[position]
            let letters = text.letterCounts[typed]
            guard text.allCapitals[typed], letters >= settings.shortest else { continue }
            if !settings.allowed.isEmpty, settings.allowed.contains(String(text.text[text.ranges[position]]).uppercased()) { continue }
            counted.append(typedStarts.count - 1)
            if long == nil, letters >= settings.longCapitals { long = typedStarts.count - 1 }
        }
        let chosen: Int
        if counted.count >= settings.capitals, let first = counted.first {
            chosen = first
        } else if let long {
            chosen = long
        } else {
            return nil
        }
        func isCapitals(_ typedIndex: Int) -> Bool {
            let typed = text.origin[typedStarts[typedIndex]]
            return text.allCapitals[typed] && text.letterCounts[typed] > 0
        }
        let sentence = text.sentence[typedStarts[chosen]]
        var low = chosen, high = chosen
        while low > 0, isCapitals(low - 1), text.sentence[typedStarts[low - 1]] == sentence { low -= 1 }
        while high + 1 < typedStarts.count, isCapitals(high + 1), text.sentence[typedStarts[high + 1]] == sentence { high += 1 }
        let lastWord = high + 1 < typedStarts.count ? typedStarts[high + 1] - 1 : text.count - 1
        return typedStarts[low]..<(lastWord + 1)
    }
}

import Foundation

/// Everything loaded from a content folder: flows, rules, concepts and the tables the engine needs.
public struct Content: Sendable {
    public var flows: [String: Flow] = [:]
    public var flowOrder: [String] = []
    /// Every node by qualified name (`flow.node`).
    public var nodes: [String: Node] = [:]
    public var ruleSets: [String: RuleSet] = [:]
    public var concepts: [String: Concept] = [:]
    public var spellings: [String: [String]] = [:]
    public var reflections: [String: String] = [:]
    public var variables: [String: VariableDeclaration] = [:]
    public var events: [String: EventDeclaration] = [:]
    /// Named lines the engine itself says (help, hints, goodbye), keyed by name.
    public var texts: [String: Template] = [:]
    public var textLocations: [String: SourceLocation] = [:]
    /// Compiled patterns per rule set, parallel to its rules: `[rule][pattern]`.
    public var compiledPatterns: [String: [[CompiledPattern]]] {
        get { matching.value.compiledPatterns }
        set { changeMatching { $0.compiledPatterns = newValue } }
    }
    /// Crisis rules, checked against every line the person types.
    public var safety: SafetyRules {
        get {
            // A snapshot's crisis rules carry their net; rules parsed from files get it here.
            var rules = safetyPart.value
            if rules.readerNet == nil {
                rules.readerNet = readers[Self.safetyReader].map { SafetyReaderNet(reader: $0, normalizer: normalizer) }
            }
            return rules
        }
        set { safetyPart = Deferred(newValue) }
    }
    /// Tone rules for draft replies: flags, advice and word norms.
    public var tone: ToneRules {
        get { matching.value.tone }
        set { changeMatching { $0.tone = newValue } }
    }
    /// Daily reflection prompts.
    public var prompts = PromptDeck()
    /// Help lines by region.
    public var resources = ResourceDirectory()
    /// Trained readers by the rule set they read for (`.model` files): asked when no rule fires.
    public var readers: [String: TextReaderModel] {
        get { readersPart.value }
        set { readersPart = Deferred(newValue) }
    }
    /// Per rule set, which rules a word can wake up, so matching skips rules that cannot apply.
    public var ruleIndexes: [String: RuleIndex] {
        get { matching.value.ruleIndexes }
        set { changeMatching { $0.ruleIndexes = newValue } }
    }
    /// The files read, in order.
    public var files: [String] = []
    /// The text of each file, for error carets.
    public var sources: [String: String] = [:]

    /// What only reading a typed line or a draft needs: kept apart so that a start from a snapshot
    /// reads it on another thread while the first prompt is shown (`ContentSnapshot.read`).
    struct Matching: Sendable {
        var compiledPatterns: [String: [[CompiledPattern]]] = [:]
        var ruleIndexes: [String: RuleIndex] = [:]
        var tone = ToneRules()
    }

    /// The crisis rules, the matching tables and the trained readers, each either there or still
    /// being read; the first use waits for them. A change makes a new box, so copies of a content never share one.
    var safetyPart = Deferred(SafetyRules())
    var matching = Deferred(Matching())
    /// The trained readers: most of a snapshot's bytes, and nothing the first prompt needs.
    var readersPart = Deferred([String: TextReaderModel]())
    /// Starts reading the parts still in a snapshot on other threads (`ContentSnapshot.read`).
    var startReading: @Sendable () -> Void = {}

    /// Read from a snapshot, the crisis rules, the matching tables and the trained readers wait
    /// until this is called (or until one is first used, then read on the thread that asks): a
    /// conversation calls it once its first prompt is on screen, so the first prompt has both
    /// cores and the rest is read while the person reads the prompt.
    public func startReadingTheRest() {
        startReading()
    }

    private mutating func changeMatching(_ change: (inout Matching) -> Void) {
        var changed = matching.value
        change(&changed)
        matching = Deferred(changed)
    }

    public init() {}

    // What a snapshot keeps: everything but `nodes`, which repeats the flows' nodes and is
    // rebuilt from them (`ContentSnapshot.read`), `concepts`, which only linking reads
    // (matching uses the compiled patterns), `sources`, the files' text, which only the
    // error carets of `unsent content check` read, and `resources`: the help lines are read
    // from their file at every start, so no snapshot can ever change a crisis number
    // (`Content.write(into:)` in SnapshotCoding+Content.swift).

    public var normalizer: Normalizer { Normalizer(spellings: spellings) }

    /// The names of an engine text and its variants, in the order they are said in turn: `NAME`, then
    /// `NAME-2` … `NAME-9` where the texts define them (the engine's `say`; drive-21).
    public func textVariants(_ name: String) -> [String] {
        guard texts[name + "-2"] != nil else { return [name] }
        return [name] + (2...Self.textVariantLimit).map { "\(name)-\($0)" }.filter { texts[$0] != nil }
    }

    /// The highest variant number an engine text may have.
    static let textVariantLimit = 9

    /// A named engine text, with any `{variables}` filled from `values` (missing ones left empty).
    public func text(_ name: String, _ values: [String: String] = [:]) -> String? {
        guard let template = texts[name] else { return nil }
        return template.parts.map { part in
            switch part {
            case .text(let literal): literal
            case .variable(let variable): values[variable] ?? ""
            case .capture: ""
            }
        }.joined()
    }
    public var reflector: Reflector { Reflector(table: reflections) }

    /// Texts the engine says itself; every content folder must define them.
    public static let requiredTexts = [
        "help", "goodbye", "back-none", "menu-missing", "lines-hint",
        "hint-choice", "hint-scale", "hint-yesno", "hint-text", "hint-lines",
        "hint-date", "hint-duration", "hint-number", "hint-days", "retry-limit", "tone-intro", "tone-flag", "tone-example",
        "tone-kept", "check-clean", "check-crisis", "safety-leaving",
    ]

    /// Finds the best rule of a rule set for some text. `context` is the qualified node of
    /// the question just answered, for rules limited with `after:`.
    public func match(_ text: String, in ruleSetName: String, context: String? = nil) -> RuleMatch? {
        guard let ruleSet = ruleSets[ruleSetName], let compiled = compiledPatterns[ruleSetName] else { return nil }
        return match(text: text, ruleSet: ruleSet, compiled: compiled, context: context)
    }

    /// Matches text sentence by sentence, so captures stay within one thought: the best-ranked
    /// rule that matches any sentence wins (the whole text is tried too).
    func match(text: String, ruleSet: RuleSet, compiled: [[CompiledPattern]], context: String?) -> RuleMatch? {
        let sentences = WordScanner.sentences(text, keepingEnds: false, most: 50)
        let normalizer = self.normalizer
        let segments = ((sentences.count > 1 ? sentences : []).map { normalizer.tokens($0) } + [normalizer.tokens(text)])
            .map { (tokens: $0, words: Set($0.map(\.normalized))) }
        let candidates = ruleIndexes[ruleSet.name]?.candidates(for: segments.last?.words ?? []) ?? ruleSet.order
        for index in candidates {
            let rule = ruleSet.rules[index]
            if !rule.after.isEmpty, !(context.map(rule.after.contains) ?? false) { continue }
            for (tokens, words) in rule.wholeTextOnly ? segments.suffix(1) : segments[...] {
                for pattern in compiled[index] {
                    if let ranges = pattern.matchSaid(tokens, words: words) {
                        return RuleMatch(ruleIndex: index, ruleID: rule.id, captures: ranges.map { Array(tokens[$0]) })
                    }
                }
            }
        }
        return nil
    }

    /// Reads a text for a rule set: a precise rule that fires wins (sure, with its captures) unless
    /// the trained reader reads another card first; otherwise the set's trained reader ranks its cards and decides whether to act, ask or
    /// offer nothing. A text that is exactly a card's id reads as that card (a choice the person
    /// made among offered readings).
    public func read(_ text: String, in ruleSetName: String, context: String? = nil, most: Int = 3)
        -> (decision: ReadingDecision, match: RuleMatch?) {
        guard let ruleSet = ruleSets[ruleSetName], let compiled = compiledPatterns[ruleSetName] else { return (.nothing, nil) }
        let trimmed = text.trimmed
        if let index = ruleSet.rules.firstIndex(where: { $0.id == trimmed }) {
            return (.sure(Reading(id: trimmed, confidence: 1)), RuleMatch(ruleIndex: index, ruleID: trimmed, captures: []))
        }
        let ruleMatch = match(text: text, ruleSet: ruleSet, compiled: compiled, context: context)
        guard let model = readers[ruleSetName] else {
            return ruleMatch.map { (.sure(Reading(id: $0.ruleID, confidence: 1)), $0) } ?? (.nothing, nil)
        }
        let ranked = model.ranked(text, normalizer: normalizer)
        if let ruleMatch {
            // The rule wins when the reader agrees, or has no reading worth offering. When the
            // reader's best reading is another card, the two disagree and the person is asked,
            // the reader's card first: on words nobody here wrote, the reader's best reading is
            // right more often than a rule that fires on one phrase of a longer thought
            // (measured in the closing note of issue 14). A card marked `sure: always` (what the
            // ex's message says about harm) is never argued with, and neither is a rule the reader
            // would leave alone (its `none`): the rule is the more precise of the two.
            let rule = ruleSet.rules[ruleMatch.ruleIndex]
            guard let best = ranked.first, best.id != ruleMatch.ruleID, best.id != TextReaderModel.noCard, !rule.alwaysSure,
                  best.confidence >= model.ask else {
                return (.sure(Reading(id: ruleMatch.ruleID, confidence: 1)), ruleMatch)
            }
            let ruleReading = Reading(id: ruleMatch.ruleID, confidence: ranked.first { $0.id == ruleMatch.ruleID }?.confidence ?? 0)
            // With `ranks: decide`, a text that holds both ("i miss you. can we talk?") is read as
            // the higher-ranked card: the rule's, over a lower-ranked reading.
            if ruleSet.ranksDecide, let bestRank = ruleSet.rules.first(where: { $0.id == best.id })?.rank, bestRank < rule.rank {
                return (.sure(Reading(id: ruleMatch.ruleID, confidence: 1)), ruleMatch)
            }
            return (.unsure([best, ruleReading]), nil)
        }
        // The readers learned English: on a text in another language their guesses are noise.
        guard LanguageGuess.readsAsEnglish(text, normalizer: normalizer) else { return (.nothing, nil) }
        var decision = model.decide(ranked: ranked, most: most)
        // A word or two ("hey", "u up") is too little to ask about: only a sure reading counts.
        if case .unsure = decision, normalizer.tokens(text).count < 3 { decision = .nothing }
        if case .sure(let reading) = decision, let index = ruleSet.rules.firstIndex(where: { $0.id == reading.id }) {
            return (decision, RuleMatch(ruleIndex: index, ruleID: reading.id, captures: [], byReader: true))
        }
        return (decision, nil)
    }

    func match(tokens: [Token], ruleSet: RuleSet, compiled: [[CompiledPattern]], context: String?) -> RuleMatch? {
        let words = Set(tokens.map(\.normalized))
        for index in ruleSet.order {
            let rule = ruleSet.rules[index]
            if !rule.after.isEmpty, !(context.map(rule.after.contains) ?? false) { continue }
            for pattern in compiled[index] {
                if let ranges = pattern.matchSaid(tokens, words: words) {
                    let captures = ranges.map { Array(tokens[$0]) }
                    return RuleMatch(ruleIndex: index, ruleID: rule.id, captures: captures)
                }
            }
        }
        return nil
    }
}

/// The rule that won for some input, with what its wildcards captured.
public struct RuleMatch: Sendable, Hashable {
    public var ruleIndex: Int
    public var ruleID: String
    public var captures: [[Token]]
    /// Chosen by the set's trained reader, sure of it, with no rule firing (`matched_by` is "reader").
    public var byReader = false
}

extension RuleSet {
    /// Rule indexes by rank (highest first), file order breaking ties.
    func rankedOrder() -> [Int] {
        rules.indices.sorted { (rules[$0].rank, -$0) > (rules[$1].rank, -$1) }
    }
}

/// Reading `.safety` outlines into concepts, spellings, idioms and rules.
extension SafetyRules {
    static let topLevelKeywords = ["concept", "spell", "idiom", "rule"]
    static let ruleKeys = ["words", "near", "order", "unless words", "unless near", "unless order",
                           "if other", "if own", "if unknown", "if negated", "if softened", "if ordinary", "sample", "softens", "net"]

    mutating func read(topLevel line: OutlineLine, into problems: inout [Diagnostic]) {
        let keyword = RuleFileReader.keyword(of: line)
        switch keyword {
        case "concept": readConcept(line, into: &problems)
        case "spell": readSpelling(line, into: &problems)
        case "idiom": readIdiom(line, into: &problems)
        case "rule": readRule(line, into: &problems)
        default:
            problems.append(RuleFileReader.unknownKeyword(keyword, at: line, fileKind: "safety", keywords: Self.topLevelKeywords))
        }
    }

    // MARK: concept, spell, idiom

    /// The reader of the lines `.safety` files share with other rule files.
    static var fileReader: RuleFileReader { RuleFileReader(words: SafetyText.words(of:), isName: isName, reference: .braces) }

    private mutating func readConcept(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        if let concept = Self.fileReader.readConcept(line, example: "concept means: pills, rope, gun", into: &problems) {
            concepts.append(concept)
        }
    }

    private mutating func readSpelling(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        if let spelling = Self.fileReader.readSpelling(line, example: "spell want to: wanna, wana",
                                                       phraseNote: "phrases such as 'sewer slide' belong in a concept", into: &problems) {
            spellings.append(spelling)
        }
    }

    private mutating func readIdiom(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        guard let (key, value, valueOffset) = line.keyValue, key == "idiom" else {
            problems.append(.error(at: line.location, "an idiom line is 'idiom:' followed by the words to ignore",
                                   note: "write it as 'idiom: dying to {verb}'"))
            return
        }
        if !line.children.isEmpty {
            problems.append(.error(at: line.children[0].location, "an idiom line cannot have lines indented under it"))
        }
        if let pattern = Self.readPattern(.sequence, value, at: line.location(at: valueOffset), line: line.location, into: &problems) {
            idioms.append(pattern)
        }
    }

    // MARK: rule

    private mutating func readRule(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        guard let (key, value, valueOffset) = line.keyValue else {
            problems.append(.error(at: line.location, "a rule line needs a colon between its id and its category",
                                   note: "write it as 'rule want-to-die: suicide'"))
            return
        }
        let id = String(key.dropFirst("rule".count)).trimmingSpaces()
        guard Self.isName(id) else {
            problems.append(.error(at: line.location(at: min("rule ".count, line.text.count)),
                                   "the rule id '\(id)' must be one word of letters, digits, '-' and '.'",
                                   note: "write it as 'rule want-to-die: suicide'"))
            return
        }
        let kind: SafetyRule.Kind
        if value == "soften" {
            kind = .soften
        } else if let category = CrisisCategory(rawValue: value) {
            kind = .crisis(category)
        } else {
            problems.append(.error(at: line.location(at: valueOffset),
                                   "'\(value)' is not a crisis category; use one of \(Self.categoryList) or 'soften'",
                                   note: Suggestion.note(for: value, in: CrisisCategory.allCases.map(\.rawValue) + ["soften"])))
            return
        }
        var rule = SafetyRule(id: id, kind: kind, location: line.location)
        for child in line.children { read(ruleLine: child, into: &rule, problems: &problems) }
        if rule.patterns.isEmpty {
            problems.append(.error(at: line.location, "the rule '\(id)' has no pattern",
                                   note: "add a 'words:', 'near N:' or 'order N:' line under it"))
        }
        rules.append(rule)
    }

    private func read(ruleLine line: OutlineLine, into rule: inout SafetyRule, problems: inout [Diagnostic]) {
        if !line.children.isEmpty {
            problems.append(.error(at: line.children[0].location, "a rule's lines cannot have lines indented under them"))
        }
        if line.text == "softens" {
            rule.softens = true
            return
        }
        if line.text == "net" {
            guard case .crisis = rule.kind else {
                problems.append(.error(at: line.location, "a soften rule cannot be part of the net; 'net' marks crisis rules"))
                return
            }
            rule.net = true
            return
        }
        guard let (key, value, valueOffset) = line.keyValue else {
            problems.append(.error(at: line.location, "a rule line needs a colon, as in 'words: want to die'",
                                   note: Suggestion.note(for: line.text, in: Self.ruleKeys)))
            return
        }
        let valueLocation = line.location(at: valueOffset)
        var parts = key.split(separator: " ").map(String.init)
        let isException = parts.first == "unless"
        if isException { parts.removeFirst() }
        switch (parts.first, parts.count) {
        case ("words", 1), ("near", 2), ("order", 2):
            guard let shape = Self.shape(parts, at: line.location(at: isException ? 7 : 0), into: &problems),
                  let pattern = Self.readPattern(shape, value, at: valueLocation, line: line.location, into: &problems) else { return }
            if isException { rule.exceptions.append(pattern) } else { rule.patterns.append(pattern) }
            return
        default:
            break
        }
        if isException {
            problems.append(.error(at: line.location, "'unless' is followed by a pattern: 'unless words:', 'unless near N:' or 'unless order N:'"))
            return
        }
        switch (parts.first, parts.count) {
        case ("if", 2) where ["other", "own", "unknown", "negated", "softened", "ordinary"].contains(parts[1]):
            guard case .crisis = rule.kind else {
                problems.append(.error(at: line.location, "a soften rule has no category for '\(key)' to change"))
                return
            }
            guard let outcome = SafetyOutcome(name: value) else {
                problems.append(.error(at: valueLocation, "'\(value)' is not a category; use one of \(Self.categoryList) or 'none'",
                                       note: Suggestion.note(for: value, in: SafetyOutcome.names)))
                return
            }
            switch parts[1] {
            case "other": rule.ifOther = outcome
            case "own": rule.ifOwn = outcome
            case "unknown": rule.ifUnknown = outcome
            case "negated": rule.ifNegated = outcome
            case "ordinary": rule.ifOrdinary = outcome
            default: rule.ifSoftened = outcome
            }
        case ("sample", 1):
            var expected: SafetyOutcome?
            if case .crisis(let category) = rule.kind { expected = .category(category) }
            rule.samples.append(.init(text: value, expected: expected, location: valueLocation))
        case ("sample", 2):
            guard let outcome = SafetyOutcome(name: parts[1]) else {
                problems.append(.error(at: line.location(at: 7), "'\(parts[1])' is not a category a sample can expect; use one of \(Self.categoryList) or 'none'",
                                       note: Suggestion.note(for: parts[1], in: SafetyOutcome.names)))
                return
            }
            rule.samples.append(.init(text: value, expected: outcome, location: valueLocation))
        default:
            problems.append(.error(at: line.location, "'\(key)' is not a rule line; a rule has 'words:', 'near N:', 'order N:', 'unless ...:', 'if other:', 'if own:', 'if unknown:', 'if negated:', 'if softened:', 'if ordinary:', 'sample:', 'softens' and 'net' lines",
                                   note: Suggestion.note(for: key, in: Self.ruleKeys)))
        }
    }

    private static func shape(_ parts: [String], at location: SourceLocation,
                              into problems: inout [Diagnostic]) -> SafetyPattern.Shape? {
        if parts[0] == "words" { return .sequence }
        guard let span = Int(parts[1]), (2...30).contains(span) else {
            problems.append(.error(at: location, "'\(parts[0]) \(parts[1])' needs a number of words from 2 to 30",
                                   note: "write it as '\(parts[0]) 4: want die'"))
            return nil
        }
        return parts[0] == "near" ? .near(span) : .order(span)
    }

    // MARK: patterns

    /// Reads the items of a pattern; checks what each shape allows.
    static func readPattern(_ shape: SafetyPattern.Shape, _ text: String, at location: SourceLocation,
                            line: SourceLocation, into problems: inout [Diagnostic]) -> SafetyPattern? {
        var items: [SafetyItem] = []
        var failed = false
        for piece in spaceSeparated(text, at: location) {
            if let item = readItem(piece.text, at: piece.location, into: &problems) { items.append(item) } else { failed = true }
        }
        if failed { return nil }
        guard var first = items.first else {
            problems.append(.error(at: location, "the pattern is empty; write the words it should match"))
            return nil
        }
        if case .clauseStart = first.kind, shape == .sequence, items.count > 1 { first = items[1] }
        if let misplaced = items.dropFirst().first(where: { if case .clauseStart = $0.kind { true } else { false } }) {
            problems.append(.error(at: misplaced.location, "'^' (the start of a clause) can only be the first item of a 'words:' pattern"))
            return nil
        }
        if first.negated || first.optional || !first.isWordSet {
            problems.append(.error(at: first.location, "a pattern must start with a word or a concept, not '\(first.text)'",
                                   note: "put '*', '$', '!' and '?' items after the first word"))
            return nil
        }
        switch shape {
        case .sequence:
            break
        case .near(let span), .order(let span):
            let isNear: Bool = if case .near = shape { true } else { false }
            if let odd = items.first(where: { $0.negated || !$0.isWordSet || (isNear && $0.optional) }) {
                problems.append(.error(at: odd.location, "'\(odd.text)' cannot be used in a '\(isNear ? "near" : "order")' pattern; it takes words and concepts\(isNear ? "" : " (optional with '?')")",
                                       note: "use a 'words:' pattern for '*', '$' and '!'"))
                return nil
            }
            if items.count < 2 {
                problems.append(.error(at: location, "a '\(isNear ? "near" : "order")' pattern needs at least two items",
                                       note: "use 'words:' for a single word"))
                return nil
            }
            if span < items.count {
                problems.append(.error(at: line, "a span of \(span) words cannot hold \(items.count) items",
                                       note: "make the number at least \(items.count)"))
                return nil
            }
        }
        return SafetyPattern(shape: shape, items: items, location: location)
    }

    private static func readItem(_ piece: String, at location: SourceLocation, into problems: inout [Diagnostic]) -> SafetyItem? {
        var body = Substring(piece)
        var negated = false
        var optional = false
        while let mark = body.first, mark == "!" || mark == "?", body.count > 1 {
            if mark == "!" { negated = true } else { optional = true }
            body = body.dropFirst()
        }
        let bodyLocation = location.movedRight(by: piece.count - body.count)
        let kind: SafetyItem.Kind
        if body == "*" {
            kind = .any
        } else if body == "$" {
            kind = .clauseEnd
        } else if body == "^" {
            kind = .clauseStart
        } else if body.hasPrefix("{"), !body.contains("/") {
            guard body.hasSuffix("}"), body.count > 2, isName(String(body.dropFirst().dropLast())) else {
                problems.append(.error(at: bodyLocation, "'\(body)' is not a concept reference; write a concept's name in braces, as in '{means}'"))
                return nil
            }
            kind = .concept(String(body.dropFirst().dropLast()))
        } else if !body.contains("/"), body.contains("{") || body.contains("}") {
            problems.append(.error(at: bodyLocation, "'\(body)' mixes a word and a brace; write a concept as '{name}' on its own"))
            return nil
        } else if body.contains("/") {
            var choices: [SafetyItem.Choice] = []
            for choice in body.split(separator: "/", omittingEmptySubsequences: false) {
                if choice.hasPrefix("{") {
                    guard choice.hasSuffix("}"), choice.count > 2, isName(String(choice.dropFirst().dropLast())) else {
                        problems.append(.error(at: bodyLocation, "'\(choice)' in '\(body)' is not a concept reference; write it as '{name}'"))
                        return nil
                    }
                    choices.append(.concept(String(choice.dropFirst().dropLast())))
                    continue
                }
                let words = SafetyText.words(of: String(choice))
                if words.isEmpty {
                    problems.append(.error(at: bodyLocation, "the alternatives '\(body)' include an empty choice",
                                           note: "separate single words with '/', as in 'kill/murder'"))
                    return nil
                }
                choices.append(.words(words))
            }
            kind = .alternatives(choices)
        } else {
            let words = SafetyText.words(of: String(body))
            if words.isEmpty {
                problems.append(.error(at: bodyLocation, "'\(body)' has no letters, digits or emoji to match"))
                return nil
            }
            kind = .words(words)
        }
        if negated, case .words(let words) = kind, words.count > 1 {
            problems.append(.error(at: location, "'!' takes a single word or a concept, not '\(body)'"))
            return nil
        }
        if (negated || optional), case .clauseStart = kind {
            problems.append(.error(at: location, "'^' cannot take '!' or '?'"))
            return nil
        }
        if negated, !(kind.isWordSet) {
            problems.append(.error(at: location, "'!' must be followed by a word or a concept, not '\(body)'"))
            return nil
        }
        return SafetyItem(kind: kind, negated: negated, optional: optional, location: location, text: piece)
    }

    // MARK: helpers

    static var categoryList: String {
        CrisisCategory.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }
    }

    static func spaceSeparated(_ text: String, at location: SourceLocation) -> [LocatedText] {
        var result: [LocatedText] = []
        var offset = 0
        for part in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !part.isEmpty { result.append(LocatedText(String(part), location.movedRight(by: offset))) }
            offset += part.count + 1
        }
        return result
    }
}

extension SafetyItem {
    /// Whether the item stands for a set of words (a word, alternatives or a concept).
    var isWordSet: Bool { kind.isWordSet }
}

extension SafetyItem.Kind {
    var isWordSet: Bool {
        switch self {
        case .words, .alternatives, .concept: true
        case .any, .clauseEnd, .clauseStart: false
        }
    }
}

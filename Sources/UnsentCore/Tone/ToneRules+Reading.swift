/// Reading `.tone` outlines into categories, groups, lengths, spellings, concepts and flag blocks.
extension ToneRules {
    static let topLevelKeywords = ["categories", "group", "length", "spell", "concept", "flag"]
    static let flagKeys = ["advice", "template", "words", "unless", "repeat", "sample", "sample none",
                           "capitals", "long capitals", "shortest", "marks", "allow"]
    static let shoutingKeys: Set<String> = ["capitals", "long capitals", "shortest", "marks", "allow"]

    mutating func read(topLevel line: OutlineLine, into problems: inout [Diagnostic]) {
        let keyword = RuleFileReader.keyword(of: line)
        switch keyword {
        case "categories": readCategories(line, into: &problems)
        case "group": readGroup(line, into: &problems)
        case "length": readLength(line, into: &problems)
        case "spell": readSpelling(line, into: &problems)
        case "concept": readConcept(line, into: &problems)
        case "flag": readFlag(line, into: &problems)
        default:
            problems.append(RuleFileReader.unknownKeyword(keyword, at: line, fileKind: "tone", keywords: Self.topLevelKeywords))
        }
    }

    // MARK: categories, groups, lengths

    private mutating func readCategories(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        guard let (key, value, offset) = line.keyValue, key == "categories" else {
            problems.append(.error(at: line.location, "a categories line is 'categories:' followed by the category ids",
                                   note: "write it as 'categories: miss-you, logistics, children'"))
            return
        }
        var names = Self.commaList(value, at: line.location(at: offset))
        for child in line.children { names += Self.commaList(child.text, at: child.location) }
        for name in names where !Self.isName(name.name) {
            problems.append(.error(at: name.location, "the category id '\(name.name)' must be one word of letters, digits and '-'"))
        }
        categories += names.filter { Self.isName($0.name) }
    }

    private mutating func readGroup(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        guard let (name, members) = Self.fileReader.readNamedList(
            line, keyword: "group", example: "group practical: logistics, children, emergency",
            membersAre: "categories", membersMayNest: true, into: &problems) else { return }
        groups.append(ToneGroup(name: name, members: members.map { ToneName(name: $0.text, location: $0.location) },
                                location: line.location))
    }

    private mutating func readLength(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        guard let (key, value, offset) = line.keyValue else {
            problems.append(.error(at: line.location, "a length line needs a colon before the number of words",
                                   note: "write it as 'length: 50' or 'length practical: 60'"))
            return
        }
        let target = String(key.dropFirst("length".count)).trimmingSpaces()
        guard let words = Int(value), words > 0, words <= 10_000 else {
            problems.append(.error(at: line.location(at: offset), "'\(value)' is not a number of words",
                                   note: "write a whole number, as in 'length: 50'"))
            return
        }
        if !line.children.isEmpty {
            problems.append(.error(at: line.children[0].location, "a length line cannot have lines indented under it"))
        }
        if target.isEmpty {
            lengths.append(ToneLength(target: nil, words: words, location: line.location))
        } else if Self.isName(target) {
            lengths.append(ToneLength(target: ToneName(name: target, location: line.location(at: "length ".count)),
                                      words: words, location: line.location))
        } else {
            problems.append(.error(at: line.location(at: "length ".count), "'\(target)' is not a category or group name"))
        }
    }

    // MARK: spell, concept

    /// The reader of the lines `.tone` files share with other rule files.
    static var fileReader: RuleFileReader { RuleFileReader(words: fold, isName: isName, reference: .tilde) }

    private mutating func readSpelling(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        if let spelling = Self.fileReader.readSpelling(line, example: "spell please: pls, plz",
                                                       phraseNote: "phrases belong in a concept", into: &problems) {
            spellings.append(spelling)
        }
    }

    private mutating func readConcept(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        if let concept = Self.fileReader.readConcept(line, example: "concept sorry: sorry, apologies, my bad", into: &problems) {
            concepts.append(concept)
        }
    }

    // MARK: flag

    private mutating func readFlag(_ line: OutlineLine, into problems: inout [Diagnostic]) {
        var id = String(line.text.dropFirst("flag".count)).trimmingSpaces()
        if id.hasSuffix(":") { id = String(id.dropLast()).trimmingSpaces() }
        let idLocation = line.location(at: min("flag ".count, line.text.count))
        guard Self.isName(id) else {
            problems.append(.error(at: idLocation, "a flag line is 'flag' and the flag's id, as in 'flag begging'",
                                   note: "the ids are \(Self.flagIDs.joined(separator: ", "))"))
            return
        }
        var block = ToneFlagBlock(id: id, location: idLocation)
        for child in line.children { read(flagLine: child, into: &block, problems: &problems) }
        flags.append(block)
    }

    private func read(flagLine line: OutlineLine, into block: inout ToneFlagBlock, problems: inout [Diagnostic]) {
        if !line.children.isEmpty {
            problems.append(.error(at: line.children[0].location, "a flag's lines cannot have lines indented under them"))
        }
        guard let (key, value, offset) = line.keyValue else {
            problems.append(.error(at: line.location, "a flag line needs a colon, as in 'words: please please'",
                                   note: Suggestion.note(for: line.text, in: Self.flagKeys)))
            return
        }
        let valueLocation = line.location(at: offset)
        let (head, scope) = Self.splitScope(key, at: line.location)
        let parts = head.split(separator: " ").map(String.init)
        if Self.shoutingKeys.contains(head) {
            readShouting(head, value, at: valueLocation, line: line, into: &block, problems: &problems)
            return
        }
        switch (parts.first ?? "", parts.count) {
        case ("advice", 1), ("template", 1):
            guard !value.isEmpty else {
                problems.append(.error(at: line.location, "the \(head) line is empty; write the text after the colon"))
                return
            }
            let wording = ToneFlagBlock.Wording(text: value, scope: scope, location: valueLocation)
            if head == "advice" { block.advice.append(wording) } else { block.templates.append(wording) }
        case ("words", 1), ("unless", 1):
            guard let pattern = Self.readPattern(value, at: valueLocation, into: &problems) else { return }
            block.lines.append(.init(kind: head == "words" ? .trigger : .exception, pattern: pattern, scope: scope))
        case ("repeat", 2):
            guard let times = Int(parts[1]), (2...20).contains(times) else {
                problems.append(.error(at: line.location(at: "repeat ".count), "'repeat \(parts[1])' needs a number of times from 2 to 20",
                                       note: "write it as 'repeat 2: ~sorry'"))
                return
            }
            guard let pattern = Self.readPattern(value, at: valueLocation, into: &problems) else { return }
            block.lines.append(.init(kind: .repeated(times), pattern: pattern, scope: scope))
        case ("sample", _) where parts.count == 1 || (parts.count == 2 && parts[1] == "none"):
            if scope.names.count > 1 {
                problems.append(.error(at: scope.names[1].location, "a sample is checked as a reply to one category, not several"))
                return
            }
            guard !value.isEmpty else {
                problems.append(.error(at: line.location, "the sample is empty; write a draft after the colon"))
                return
            }
            block.samples.append(.init(text: value, raises: parts.count == 1, category: scope.names.first, location: valueLocation))
        default:
            problems.append(.error(at: line.location, "'\(head)' is not a flag line; a flag has 'advice:', 'template:', 'words:', 'unless:', 'repeat N:' and 'sample:' lines",
                                   note: Suggestion.note(for: head, in: Self.flagKeys)))
        }
    }

    private func readShouting(_ key: String, _ value: String, at location: SourceLocation, line: OutlineLine,
                              into block: inout ToneFlagBlock, problems: inout [Diagnostic]) {
        guard block.id == "shouting" else {
            problems.append(.error(at: line.location, "'\(key):' is a setting of the shouting flag, not of '\(block.id)'"))
            return
        }
        switch key {
        case "marks":
            let marks = value.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            if let odd = marks.first(where: { $0.count < 2 || !$0.allSatisfy({ $0 == "!" || $0 == "?" }) }) {
                problems.append(.error(at: location, "'\(odd)' is not a run of marks; write two or more of '!' and '?', as in '!!, ?!'"))
                return
            }
            block.shouting.marks += marks
        case "allow":
            for item in Self.commaList(value, at: location) { block.shouting.allowed.insert(item.name.uppercased()) }
        default:
            guard let number = Int(value), (1...50).contains(number) else {
                problems.append(.error(at: location, "'\(value)' is not a number from 1 to 50", note: "write it as '\(key): 2'"))
                return
            }
            switch key {
            case "capitals": block.shouting.capitals = number
            case "long capitals": block.shouting.longCapitals = number
            default: block.shouting.shortest = number
            }
        }
    }

    // MARK: patterns

    /// Reads a pattern, checking where `^`, `$`, `?` and `!` may stand.
    static func readPattern(_ text: String, at location: SourceLocation, into problems: inout [Diagnostic]) -> TonePattern? {
        let characters = Array(text)
        var items: [TonePattern.Item] = []
        var index = 0
        func at(_ offset: Int) -> SourceLocation { location.movedRight(by: offset) }
        while index < characters.count {
            if characters[index] == " " { index += 1; continue }
            let start = index
            var optional = false
            var negated = false
            while index < characters.count, characters[index] == "?" || characters[index] == "!",
                  index + 1 < characters.count, characters[index + 1] != " " {
                if characters[index] == "?" { optional = true } else { negated = true }
                index += 1
            }
            let bodyStart = index
            let kind: TonePattern.Kind
            if characters[index] == "[" {
                guard let close = characters[index...].firstIndex(of: "]") else {
                    problems.append(.error(at: at(index), "this '[' is never closed", note: "close the alternatives with ']'"))
                    return nil
                }
                var choices: [TonePattern.Choice] = []
                var choiceOffset = index + 1
                for choice in String(characters[(index + 1)..<close]).split(separator: "|", omittingEmptySubsequences: false) {
                    let trimmed = choice.trimmingSpaces()
                    if trimmed == "$" {
                        choices.append(.clauseEnd)
                    } else if trimmed.hasPrefix("~") {
                        let name = String(trimmed.dropFirst())
                        guard isName(name) else {
                            problems.append(.error(at: at(choiceOffset), "'\(trimmed)' is not a concept reference; write '~' and a concept's name"))
                            return nil
                        }
                        choices.append(.concept(name))
                    } else {
                        let words = fold(trimmed)
                        if words.isEmpty {
                            problems.append(.error(at: at(choiceOffset), "an alternative inside '[...]' is empty",
                                                   note: "for an optional word write '?word' or '?[a|b]'"))
                            return nil
                        }
                        choices.append(.words(words))
                    }
                    choiceOffset += choice.count + 1
                }
                kind = .alternatives(choices)
                index = close + 1
                if index < characters.count, characters[index] != " " {
                    problems.append(.error(at: at(index), "put a space after ']'"))
                    return nil
                }
            } else {
                while index < characters.count, characters[index] != " " { index += 1 }
                let piece = String(characters[bodyStart..<index])
                switch piece {
                case "_": kind = .any
                case "#": kind = .number
                case "..": kind = .gap
                case "^": kind = .clauseStart
                case "$": kind = .clauseEnd
                default:
                    if piece.hasPrefix("~") {
                        guard isName(String(piece.dropFirst())) else {
                            problems.append(.error(at: at(bodyStart), "'\(piece)' is not a concept reference; write '~' and a concept's name"))
                            return nil
                        }
                        kind = .concept(String(piece.dropFirst()))
                    } else if piece.contains(where: { "[]|~".contains($0) }) {
                        problems.append(.error(at: at(bodyStart), "unexpected '\(piece)' in a pattern",
                                               note: "alternatives are written '[a|b]', concepts '~name'"))
                        return nil
                    } else {
                        let words = fold(piece)
                        if words.isEmpty {
                            problems.append(.error(at: at(bodyStart), "'\(piece)' has no letters, digits or emoji to match"))
                            return nil
                        }
                        kind = .words(words)
                    }
                }
            }
            let item = TonePattern.Item(kind: kind, optional: optional, negated: negated, location: at(start),
                                        text: String(characters[start..<index]))
            guard check(item, into: &problems) else { return nil }
            items.append(item)
        }
        return checkPlacement(TonePattern(items: items, text: text, location: location), into: &problems)
    }

    private static func check(_ item: TonePattern.Item, into problems: inout [Diagnostic]) -> Bool {
        let isWordSet = item.kind.isWordSet
        if (item.optional || item.negated), !isWordSet {
            problems.append(.error(at: item.location, "'?' and '!' go before a word, '[...]' or '~concept', not before '\(item.text.drop { $0 == "?" || $0 == "!" })'"))
            return false
        }
        if item.optional, item.negated {
            problems.append(.error(at: item.location, "'\(item.text)' is both optional and negated; use one of '?' and '!'"))
            return false
        }
        return true
    }

    private static func checkPlacement(_ pattern: TonePattern, into problems: inout [Diagnostic]) -> TonePattern? {
        let items = pattern.items
        guard !items.isEmpty else {
            problems.append(.error(at: pattern.location, "the pattern is empty; write the words it should match"))
            return nil
        }
        if let misplaced = items.dropFirst().first(where: { if case .clauseStart = $0.kind { true } else { false } }) {
            problems.append(.error(at: misplaced.location, "'^' (the start of a clause) can only come first"))
            return nil
        }
        if let misplaced = items.dropLast().first(where: { if case .clauseEnd = $0.kind { true } else { false } }) {
            problems.append(.error(at: misplaced.location, "'$' (the end of a clause) can only come last"))
            return nil
        }
        let anchorIndex: Int = if case .clauseStart = items[0].kind { 1 } else { 0 }
        guard anchorIndex < items.count else {
            problems.append(.error(at: pattern.location, "'^' needs words after it"))
            return nil
        }
        let anchor = items[anchorIndex]
        if !anchor.kind.isWordSet || anchor.optional || anchor.negated || anchor.kind.allowsClauseEnd {
            problems.append(.error(at: anchor.location, "a pattern must start with a word, '[...]' or '~concept', not '\(anchor.text)'",
                                   note: "put '_', '#', '..', '?' and '!' items after the first word"))
            return nil
        }
        if case .gap = items[items.count - 1].kind {
            problems.append(.error(at: items[items.count - 1].location, "'..' cannot end a pattern; a gap needs words after it"))
            return nil
        }
        return pattern
    }

    // MARK: helpers

    /// Splits `words in practical, anger` into `words` and the scope's names.
    static func splitScope(_ key: String, at location: SourceLocation) -> (String, ToneScope) {
        let characters = Array(key)
        var index = 0
        while index + 4 <= characters.count {
            if characters[index] == " ", characters[index + 1] == "i", characters[index + 2] == "n", characters[index + 3] == " " {
                let head = String(characters[..<index]).trimmingSpaces()
                let names = commaList(String(characters[(index + 4)...]), at: location.movedRight(by: index + 4))
                return (head, ToneScope(names: names))
            }
            index += 1
        }
        return (key, ToneScope())
    }

    /// The folded words of a phrase written in content (no spellings applied).
    static func fold(_ phrase: String) -> [String] {
        ToneText(phrase, lexicon: ToneLexicon()).words
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// Splits at commas, keeping where each part starts.
    static func commaList(_ text: String, at location: SourceLocation) -> [ToneName] {
        RuleFileReader.commaList(text, at: location).map { ToneName(name: $0.text, location: $0.location) }
    }
}

extension TonePattern.Kind {
    /// Whether the item is alternatives with `$` among them.
    var allowsClauseEnd: Bool {
        guard case .alternatives(let choices) = self else { return false }
        return choices.contains { if case .clauseEnd = $0 { true } else { false } }
    }

    /// Whether the item stands for a set of words (a word, alternatives or a concept).
    var isWordSet: Bool {
        switch self {
        case .words, .alternatives, .concept: true
        case .any, .number, .gap, .clauseStart, .clauseEnd: false
        }
    }
}

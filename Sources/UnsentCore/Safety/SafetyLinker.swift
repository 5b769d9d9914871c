/// Turns the rules as written into a `SafetyMatcher`: applies spellings, resolves concepts
/// (reporting unknown ones with "did you mean"), numbers word sets and indexes patterns.
enum SafetyLinker {
    /// Concepts the matcher gives a meaning of its own.
    static let roleNames = ["negation", "self", "other", "report", "clause", "reflexive-self", "reflexive-other"]

    static func link(_ rules: SafetyRules) -> (SafetyMatcher, [Diagnostic]) {
        var linker = Builder(rules: rules)
        linker.run()
        return (linker.matcher, linker.problems)
    }

    private struct Builder {
        let rules: SafetyRules
        var matcher = SafetyMatcher()
        var problems: [Diagnostic] = []
        var table = ConceptTable(reference: .braces, words: SafetyText.words(of:))
        /// Members of every set, as word sequences, by set number.
        var setMembers: [[[String]]] = []
        var setNumbers: [String: Int] = [:]

        init(rules: SafetyRules) { self.rules = rules }

        mutating func run() {
            table.add(spellings: rules.spellings, concepts: rules.concepts, problems: &problems)
            for (variant, canonical) in table.spelling { matcher.lexicon.addSpelling(variant, as: canonical) }
            for concept in rules.concepts { _ = set(forConcept: concept.name, at: concept.location) }
            var idioms: [SafetyMatcher.Pattern] = []
            for pattern in rules.idioms {
                if let compiled = compile(pattern, owner: idioms.count) { idioms.append(compiled) }
            }
            var patterns: [SafetyMatcher.Pattern] = []
            var netPatterns: [SafetyMatcher.Pattern] = []
            var seenIds: [String: SourceLocation] = [:]
            for (number, rule) in rules.rules.enumerated() {
                if let earlier = seenIds[rule.id] {
                    problems.append(.error(at: rule.location, "the rule id '\(rule.id)' is already used at \(earlier)",
                                           note: "give every rule its own id; lint and the author tool name rules by id"))
                }
                seenIds[rule.id] = seenIds[rule.id] ?? rule.location
                for pattern in rule.patterns {
                    guard let compiled = compile(pattern, owner: number) else { continue }
                    if rule.net { netPatterns.append(compiled) } else { patterns.append(compiled) }
                }
                let exceptions = rule.exceptions.compactMap { compile($0, owner: number) }
                matcher.rules.append(.init(id: rule.id, kind: rule.kind, ifOther: rule.ifOther, ifOwn: rule.ifOwn,
                                           ifUnknown: rule.ifUnknown, ifNegated: rule.ifNegated,
                                           ifSoftened: rule.ifSoftened, exceptions: exceptions,
                                           softens: rule.softens || rule.kind == .soften, net: rule.net, ifOrdinary: rule.ifOrdinary))
            }
            matcher.roles = .init(negation: setNumbers["{negation}"], selfWords: setNumbers["{self}"],
                                  otherWords: setNumbers["{other}"], report: setNumbers["{report}"],
                                  reflexiveSelf: setNumbers["{reflexive-self}"], reflexiveOther: setNumbers["{reflexive-other}"])
            buildSets()
            // A choice list like "{body}/skin" also starts with "{" and ends with "}": not a concept.
            for (key, number) in setNumbers where key.hasPrefix("{") && key.hasSuffix("}") && !key.contains("/") {
                matcher.conceptSets[String(key.dropFirst().dropLast())] = number
            }
            if let clause = setNumbers["{clause}"] {
                for member in setMembers[clause] where member.count == 1 {
                    matcher.lexicon.markClauseWord(matcher.lexicon.add(member[0]))
                }
            }
            matcher.idioms = index(idioms)
            matcher.rulePatterns = index(patterns)
            matcher.netPatterns = index(netPatterns)
        }

        // MARK: concepts

        private mutating func set(forConcept name: String, at location: SourceLocation) -> Int? {
            if let number = setNumbers["{\(name)}"] { return number }
            guard let members = table.members(ofConcept: name, at: location, problems: &problems) else { return nil }
            return newSet(key: "{\(name)}", members: members)
        }

        private mutating func newSet(key: String, members: [[String]]) -> Int {
            if let number = setNumbers[key] { return number }
            setMembers.append(members)
            setNumbers[key] = setMembers.count - 1
            return setMembers.count - 1
        }

        // MARK: patterns

        private mutating func compile(_ pattern: SafetyPattern, owner: Int) -> SafetyMatcher.Pattern? {
            var items: [SafetyMatcher.Item] = []
            var sizes: [Int] = []
            for item in pattern.items {
                let number: Int?
                switch item.kind {
                case .any:
                    items.append(.init(kind: .any, optional: item.optional)); sizes.append(.max); continue
                case .clauseEnd:
                    items.append(.init(kind: .clauseEnd, optional: item.optional)); sizes.append(.max); continue
                case .clauseStart:
                    items.append(.init(kind: .clauseStart, optional: false)); sizes.append(.max); continue
                case .concept(let name):
                    number = set(forConcept: name, at: item.location.movedRight(by: item.text.count - name.count - 2 + 1))
                case .words(let words):
                    let phrase = table.spelled(words)
                    number = newSet(key: phrase.joined(separator: " "), members: [phrase])
                case .alternatives(let choices):
                    var phrases: [[String]] = []
                    var keys: [String] = []
                    var failed = false
                    for choice in choices {
                        switch choice {
                        case .words(let words):
                            let phrase = table.spelled(words)
                            phrases.append(phrase)
                            keys.append(phrase.joined(separator: " "))
                        case .concept(let name):
                            if let members = table.members(ofConcept: name, at: item.location, problems: &problems) { phrases += members } else { failed = true }
                            keys.append("{\(name)}")
                        }
                    }
                    number = failed ? nil : newSet(key: keys.joined(separator: "/"), members: phrases)
                }
                guard let number else { return nil }
                items.append(.init(kind: item.negated ? .notSet(number) : .set(number), optional: item.optional))
                sizes.append(setMembers[number].count)
            }
            var anchor = items.firstIndex { if case .set = $0.kind { true } else { false } } ?? 0
            if case .near = pattern.shape, let smallest = sizes.indices.min(by: { sizes[$0] < sizes[$1] }) {
                anchor = smallest
            }
            return .init(shape: pattern.shape, items: items, anchor: anchor, owner: owner)
        }

        // MARK: building

        private mutating func buildSets() {
            for members in setMembers { for phrase in members { for word in phrase { matcher.lexicon.add(word) } } }
            // Words the matcher's own roles need even when no rule names them.
            matcher.setCount = setMembers.count
            matcher.stride = max(1, (setMembers.count + 63) / 64)
            let stride = matcher.stride
            var rows = Array(repeating: UInt64(0), count: matcher.lexicon.count * stride)
            matcher.phrases = Array(repeating: [], count: setMembers.count)
            for (number, members) in setMembers.enumerated() {
                for phrase in members {
                    let ids = phrase.map { matcher.lexicon.add($0) }
                    if ids.count == 1 {
                        rows[Int(ids[0]) * stride + number >> 6] |= 1 << UInt64(number & 63)
                    } else {
                        matcher.phrases[number].append(ids)
                    }
                }
            }
            // Only the chunks that are not zero, word by word.
            matcher.membership = []
            matcher.membershipChunk = []
            matcher.membershipStart = [0]
            for word in 0..<matcher.lexicon.count {
                for chunk in 0..<stride where rows[word * stride + chunk] != 0 {
                    matcher.membership.append(rows[word * stride + chunk])
                    matcher.membershipChunk.append(UInt16(chunk))
                }
                matcher.membershipStart.append(Int32(matcher.membership.count))
            }
        }

        private func index(_ patterns: [SafetyMatcher.Pattern]) -> SafetyMatcher.PatternIndex {
            var byAnchor = Array(repeating: [Int32](), count: matcher.lexicon.count)
            for (number, pattern) in patterns.enumerated() {
                guard case .set(let set) = pattern.items[pattern.anchor].kind else { continue }
                var firstWords = Set<Int32>()
                for phrase in setMembers[set] {
                    if let first = phrase.first, let id = matcher.lexicon.ids[first] { firstWords.insert(id) }
                }
                for id in firstWords.sorted() { byAnchor[Int(id)].append(Int32(number)) }
            }
            return .init(patterns: patterns, byAnchor: byAnchor)
        }
    }
}

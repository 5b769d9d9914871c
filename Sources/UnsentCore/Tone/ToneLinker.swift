/// Turns the tone rules as written into a `ToneMatcher`: checks flag ids, categories, groups
/// and concepts (with "did you mean"), applies spellings, numbers word sets and indexes patterns.
enum ToneLinker {
    static func link(_ rules: ToneRules) -> (ToneMatcher, [Diagnostic]) {
        var builder = Builder(rules: rules)
        builder.run()
        return (builder.matcher, builder.problems)
    }

    private struct Builder {
        let rules: ToneRules
        var matcher = ToneMatcher()
        var problems: [Diagnostic] = []
        var categories: Set<String> = []
        var groups: [String: Set<String>] = [:]
        var table = ConceptTable(reference: .tilde, words: ToneRules.fold)
        var setNumbers: [String: Int] = [:]

        init(rules: ToneRules) { self.rules = rules }

        mutating func run() {
            readCategories()
            readGroups()
            readLengths()
            table.add(spellings: rules.spellings, concepts: rules.concepts, problems: &problems)
            for concept in rules.concepts { _ = table.members(ofConcept: concept.name, at: concept.location, problems: &problems) }
            readFlags()
            matcher.lexicon.spellings = table.spelling
            for set in matcher.sets {
                matcher.lexicon.known.formUnion(set.singles)
                for phrase in set.phrases { matcher.lexicon.known.formUnion(phrase) }
            }
        }

        // MARK: categories, groups, lengths

        private mutating func readCategories() {
            var seen: [String: SourceLocation] = [:]
            for category in rules.categories {
                if let earlier = seen[category.name] {
                    problems.append(.error(at: category.location, "the category '\(category.name)' is already listed at \(earlier)"))
                }
                seen[category.name] = seen[category.name] ?? category.location
                categories.insert(category.name)
            }
        }

        private mutating func readGroups() {
            var seen: [String: SourceLocation] = [:]
            for group in rules.groups {
                if let earlier = seen[group.name] {
                    problems.append(.error(at: group.location, "the group '\(group.name)' is already defined at \(earlier)",
                                           note: "add the categories to the first definition, or give this one another name"))
                    continue
                }
                if categories.contains(group.name) {
                    problems.append(.error(at: group.location, "'\(group.name)' is a category; a group needs a name of its own"))
                    continue
                }
                seen[group.name] = group.location
                var members: Set<String> = []
                for member in group.members {
                    if categories.contains(member.name) {
                        members.insert(member.name)
                    } else {
                        problems.append(.error(at: member.location, "there is no category named '\(member.name)'",
                                               note: Suggestion.note(for: member.name, in: categories.sorted())))
                    }
                }
                groups[group.name] = members
            }
        }

        /// The categories a scope names; nil for everywhere.
        private mutating func resolve(_ scope: ToneScope) -> Set<String>? {
            if scope.isEverywhere { return nil }
            var result: Set<String> = []
            for name in scope.names {
                if categories.contains(name.name) {
                    result.insert(name.name)
                } else if let members = groups[name.name] {
                    result.formUnion(members)
                } else {
                    problems.append(.error(at: name.location, "there is no category or group named '\(name.name)'",
                                           note: Suggestion.note(for: name.name, in: categories.sorted() + groups.keys.sorted())))
                }
            }
            return result
        }

        private mutating func readLengths() {
            var seen: [String: SourceLocation] = [:]
            var byGroup: [String: Int] = [:]
            var byCategory: [String: Int] = [:]
            for length in rules.lengths {
                let key = length.target?.name ?? ""
                if let earlier = seen[key] {
                    let what = length.target.map { "for '\($0.name)'" } ?? "default"
                    problems.append(.error(at: length.location, "the \(what) length is already set at \(earlier)"))
                    continue
                }
                seen[key] = length.location
                guard let target = length.target else {
                    matcher.defaultLength = length.words
                    continue
                }
                if categories.contains(target.name) {
                    byCategory[target.name] = length.words
                } else if let members = groups[target.name] {
                    for member in members { byGroup[member] = length.words }
                } else {
                    problems.append(.error(at: target.location, "there is no category or group named '\(target.name)'",
                                           note: Suggestion.note(for: target.name, in: categories.sorted() + groups.keys.sorted())))
                }
            }
            matcher.lengths = byGroup.merging(byCategory) { _, category in category }
        }

        // MARK: flags

        private mutating func readFlags() {
            var seen: [String: SourceLocation] = [:]
            for block in rules.flags {
                guard ToneRules.flagIDs.contains(block.id) else {
                    problems.append(.error(at: block.location, "'\(block.id)' is not a tone flag; the flags are \(ToneRules.flagIDs.joined(separator: ", "))",
                                           note: Suggestion.note(for: block.id, in: ToneRules.flagIDs)))
                    continue
                }
                if let earlier = seen[block.id] {
                    problems.append(.error(at: block.location, "the flag '\(block.id)' is already defined at \(earlier)",
                                           note: "keep one block per flag"))
                    continue
                }
                seen[block.id] = block.location
                read(block)
            }
        }

        private mutating func read(_ block: ToneFlagBlock) {
            let number = matcher.flags.count
            var flag = ToneMatcher.Flag(id: block.id)
            if !block.advice.contains(where: { $0.scope.isEverywhere }) {
                problems.append(.error(at: block.location, "the flag '\(block.id)' has no 'advice:' line that applies everywhere",
                                       note: "every flag needs advice; 'advice in ...:' lines only add variants"))
            }
            flag.advice = block.advice.map { .init(text: $0.text, scope: resolve($0.scope)) }
            flag.templates = block.templates.map { .init(text: $0.text, scope: resolve($0.scope)) }
            if ToneRules.countedFlags.contains(block.id), let line = block.lines.first {
                problems.append(.error(at: line.pattern.location, "'\(block.id)' is counted, not matched; it takes no pattern lines",
                                       note: "set its limits with 'length' lines"))
            }
            for line in block.lines where !ToneRules.countedFlags.contains(block.id) {
                let scope = resolve(line.scope)
                guard let steps = compile(line.pattern) else { continue }
                let patternNumber = matcher.patterns.count
                matcher.patterns.append(.init(steps: steps, flag: number, kind: line.kind, scope: scope))
                switch line.kind {
                case .exception:
                    flag.exceptions.append(patternNumber)
                case .trigger, .repeated:
                    if case .repeated = line.kind { flag.repeats.append(patternNumber) }
                    index(patternNumber, steps)
                }
            }
            for sample in block.samples {
                guard let category = sample.category, !categories.contains(category.name) else { continue }
                problems.append(.error(at: category.location, "there is no category named '\(category.name)'",
                                       note: Suggestion.note(for: category.name, in: categories.sorted())))
            }
            if block.id == "shouting" { matcher.shouting = .init(settings: block.shouting, flag: number) }
            if block.id == "too-long" { matcher.tooLong = number }
            matcher.flags.append(flag)
        }

        // MARK: patterns

        private mutating func compile(_ pattern: TonePattern) -> [ToneMatcher.Step]? {
            var steps: [ToneMatcher.Step] = []
            for item in pattern.items {
                let set: Int?
                switch item.kind {
                case .any: steps.append(.any); continue
                case .number: steps.append(.number); continue
                case .gap: steps.append(.gap); continue
                case .clauseStart: steps.append(.clauseStart); continue
                case .clauseEnd: steps.append(.clauseEnd); continue
                case .words(let words):
                    let phrase = table.spelled(words)
                    set = newSet(key: phrase.joined(separator: " "), members: [phrase])
                case .concept(let name):
                    set = table.members(ofConcept: name, at: item.location.movedRight(by: item.text.count - name.count), problems: &problems)
                        .map { newSet(key: "~" + name, members: $0) }
                case .alternatives(let choices):
                    var phrases: [[String]] = []
                    var keys: [String] = []
                    var failed = false
                    for choice in choices {
                        switch choice {
                        case .words(let words):
                            phrases.append(table.spelled(words))
                            keys.append(phrases[phrases.count - 1].joined(separator: " "))
                        case .concept(let name):
                            if let members = table.members(ofConcept: name, at: item.location, problems: &problems) { phrases += members } else { failed = true }
                            keys.append("~" + name)
                        case .clauseEnd:
                            keys.append("$")
                        }
                    }
                    set = failed ? nil : newSet(key: keys.joined(separator: "|"), members: phrases)
                }
                guard let set else { return nil }
                steps.append(item.negated ? .notSet(set) : item.optional ? .optionalSet(set)
                             : item.kind.allowsClauseEnd ? .setOrClauseEnd(set) : .set(set))
            }
            return steps
        }

        private mutating func newSet(key: String, members: [[String]]) -> Int {
            if let number = setNumbers[key] { return number }
            var set = ToneMatcher.WordSet()
            for phrase in members where !phrase.isEmpty {
                if phrase.count == 1 { set.singles.insert(phrase[0]) } else { set.phrases.append(phrase) }
            }
            matcher.sets.append(set)
            setNumbers[key] = matcher.sets.count - 1
            return matcher.sets.count - 1
        }

        /// Indexes a pattern under the first words of its first set (after a leading `^`).
        private mutating func index(_ number: Int, _ steps: [ToneMatcher.Step]) {
            let anchor: ToneMatcher.Step? = if case .clauseStart = steps.first { steps.dropFirst().first } else { steps.first }
            guard case .set(let set) = anchor else { return }
            var firstWords = matcher.sets[set].singles
            for phrase in matcher.sets[set].phrases { firstWords.insert(phrase[0]) }
            for word in firstWords.sorted() { matcher.index[word, default: []].append(number) }
        }
    }
}

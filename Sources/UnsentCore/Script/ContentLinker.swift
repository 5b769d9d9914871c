import Foundation

/// Resolves names after every file is read: jump targets, variables, events, rule sets and
/// concepts; compiles patterns. Reports unknown names with "did you mean".
public enum ContentLinker {
    /// Variables the engine sets itself.
    static let builtInVariables: Set<String> = [
        "matched", "matched_by", "waited", "wait_skipped", "input", "region", "crisis_category", "crisis_words", "safety_followup", "flow",
        "tone_flags", "tone_unread", "tone_quote", "tone_advice", "tone_template", "tone_kept", "safety_shown", "safety_resources_shown",
        // Set by `match` when a trained reader is unsure (the readings it offers, best first) and
        // when nothing is matched (`said`: the person's words turned around, to show back).
        "readings", "reading_1", "reading_2", "reading_3", "reading_1_thought", "reading_2_thought", "reading_3_thought", "said",
        // Set by `seal draft`: when the seal opens, in words ("tomorrow at 09:00").
        "seal_opens",
        // Set when a number typed at a menu has no option: the number, and how many options there are.
        "said_number", "option_count",
        // Set when an end date is read as a number of days (`counted from:`): the date, in words ("28 February 2027").
        "said_end",
    ]

    /// Flows the engine itself starts: on crisis language, on worrying but unclear words,
    /// on `sos`, and to ask once more after someone said they were fine.
    public static let safetyFlows = ["crisis", "check-in", "sos", "safety-followup"]

    static func link(_ content: inout Content) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let knownVariables = collectVariables(content)

        for flow in safetyFlows where content.flows[flow] == nil {
            let place = content.files.first.map { SourceLocation(file: $0, line: 1, column: 1) }
                ?? SourceLocation(file: "Content", line: 1, column: 1)
            diagnostics.append(.error(at: place, "the safety flow '\(flow)' is not defined",
                                      note: "the engine starts it by itself; every content folder needs it"))
        }
        for key in Content.requiredTexts where content.texts[key] == nil {
            let place = content.files.first.map { SourceLocation(file: $0, line: 1, column: 1) }
                ?? SourceLocation(file: "Content", line: 1, column: 1)
            diagnostics.append(.error(at: place, "the engine's text '\(key)' is not defined",
                                      note: "add '\(key): ...' to a 'texts' block"))
        }
        for (_, template) in content.texts {
            diagnostics += checkTemplate(template, knownVariables, allowCaptures: false)
        }

        for name in content.flowOrder {
            guard var flow = content.flows[name] else { continue }
            for index in flow.nodes.indices {
                let scope = flow.nodes[index].qualifiedName
                diagnostics += resolve(&flow.nodes[index].code, flow: name, scope: scope, content: content,
                                       variables: knownVariables, allowCaptures: false)
                content.nodes[scope] = flow.nodes[index]
            }
            content.flows[name] = flow
        }

        var compiledConcepts: [String: [[String]]] = [:]
        for name in content.ruleSets.keys.sorted() {
            guard var set = content.ruleSets[name] else { continue }
            if set.fallback == nil {
                diagnostics.append(.error(at: set.location, "the rule set '\(name)' has no fallback",
                                          note: "add a 'fallback' block: it answers when no rule matches"))
            }
            var compiled: [[CompiledPattern]] = []
            for index in set.rules.indices {
                diagnostics += resolve(&set.rules[index].code, flow: nil, scope: "\(name).\(set.rules[index].id)", content: content,
                                       variables: knownVariables, allowCaptures: true)
                var patterns: [CompiledPattern] = []
                let maximumCapture = set.rules[index].code.maximumCapture
                for pattern in set.rules[index].patterns {
                    let (result, problems) = compile(pattern, content: content, cache: &compiledConcepts)
                    diagnostics += problems
                    patterns.append(result)
                    if maximumCapture > pattern.wildcardCount {
                        diagnostics.append(.error(at: pattern.location,
                            "the rule '\(set.rules[index].id)' uses {\(maximumCapture)} but this pattern has \(pattern.wildcardCount) wildcard(s)"))
                    }
                }
                compiled.append(patterns)
                for (offset, after) in set.rules[index].after.enumerated() where content.nodes[after] == nil {
                    diagnostics.append(.error(at: set.rules[index].afterLocations[offset], "'after: \(after)' names no node",
                                              note: Suggestion.note(for: after, in: content.nodes.keys) ?? "write FLOW.NODE"))
                }
            }
            if var fallback = set.fallback {
                diagnostics += resolve(&fallback, flow: nil, scope: "\(name).fallback", content: content,
                                       variables: knownVariables, allowCaptures: false)
                set.fallback = fallback
            }
            set.order = set.rankedOrder()
            content.ruleSets[name] = set
            content.compiledPatterns[name] = compiled
            content.ruleIndexes[name] = RuleIndex(ruleSet: set, compiled: compiled)
        }
        for name in content.readers.keys.sorted() {
            guard let model = content.readers[name] else { continue }
            let place = SourceLocation(file: content.files.first { $0.hasSuffix(".model") && $0.contains(name) } ?? "\(name).model",
                                       line: 1, column: 1)
            if name == Content.toneReader {
                for id in model.classes where !Content.toneReaderClasses.contains(id) {
                    diagnostics.append(.error(at: place, "the trained tone reader knows a flag '\(id)' that the tone check does not read from words",
                                              note: "the classes are \(Content.toneReaderClasses.joined(separator: ", ")); train it again with Scripts/train"))
                }
                continue
            }
            if name == Content.safetyReader {
                for id in model.classes where !Content.safetyReaderClasses.contains(id) {
                    diagnostics.append(.error(at: place, "the trained safety reader knows a class '\(id)' that the crisis check does not have",
                                              note: "the classes are \(Content.safetyReaderClasses.joined(separator: ", ")); train it again with Scripts/train-safety"))
                }
                continue
            }
            guard let set = content.ruleSets[name] else {
                diagnostics.append(.error(at: place, "a trained reader for '\(name)', which is no rule set",
                                          note: Suggestion.note(for: name, in: content.ruleSets.keys) ?? "the 'reader:' line names the rule set it reads for"))
                continue
            }
            // `none` is the class of lines no card should answer (`dev train-reader --no-card`).
            let ids = Set(set.rules.map(\.id) + [TextReaderModel.noCard])
            for id in model.classes where !ids.contains(id) {
                diagnostics.append(.error(at: place, "the trained reader for '\(name)' knows a card '\(id)' that the rules do not have",
                                          note: "train it again with Scripts/train after renaming or removing a card"))
            }
        }
        for name in content.concepts.keys.sorted() where compiledConcepts[name] == nil {
            var visiting: [String] = []
            diagnostics += expand(concept: name, content: content, cache: &compiledConcepts, visiting: &visiting).problems
        }
        for (name, declaration) in content.variables {
            for variable in declaration.defaultValue.variables where !knownVariables.contains(variable.name) {
                diagnostics.append(unknownVariable(variable.name, at: variable.location, knownVariables))
            }
            _ = name
        }
        return diagnostics
    }

    static func collectVariables(_ content: Content) -> Set<String> {
        var names = builtInVariables.union(content.variables.keys)
        func scan(_ code: Code) {
            for instruction in code.instructions {
                switch instruction {
                case .ask(let question, _):
                    names.insert(question.variable)
                    if let days = question.daysVariable { names.insert(days) }
                case .set(let name, _): names.insert(name)
                default: break
                }
            }
        }
        for node in content.nodes.values { scan(node.code) }
        for set in content.ruleSets.values {
            for rule in set.rules { scan(rule.code) }
            if let fallback = set.fallback { scan(fallback) }
        }
        return names
    }

    static func unknownVariable(_ name: String, at location: SourceLocation, _ known: Set<String>) -> Diagnostic {
        .error(at: location, "unknown variable '\(name)'",
               note: Suggestion.note(for: name, in: known.sorted()) ?? "declare it with 'var \(name) = VALUE', or set it with 'ask' or 'set'")
    }

    static func checkTemplate(_ template: Template, _ known: Set<String>, allowCaptures: Bool) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (index, part) in template.parts.enumerated() {
            switch part {
            case .variable(let name) where !known.contains(name):
                problems.append(unknownVariable(name, at: template.location(ofPart: index), known))
            case .capture(let number, _) where !allowCaptures:
                problems.append(.error(at: template.location(ofPart: index), "{\(number)} is a rule capture, but this line is not in a rule"))
            default: break
            }
        }
        return problems
    }

    /// Qualifies jump targets and checks names in one piece of code.
    static func resolve(_ code: inout Code, flow: String?, scope: String, content: Content,
                        variables: Set<String>, allowCaptures: Bool) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func check(_ expression: Expression) {
            for variable in expression.variables where !variables.contains(variable.name) {
                problems.append(unknownVariable(variable.name, at: variable.location, variables))
            }
        }
        func check(_ template: Template) { problems += checkTemplate(template, variables, allowCaptures: allowCaptures) }
        for index in code.instructions.indices {
            let location = code.locations[index]
            switch code.instructions[index] {
            case .say(let template): check(template)
            case .vary(_, _, let lines): lines.forEach(check)
            case .ask(var question, let fallback):
                check(question.prompt)
                for choice in question.choices { if let template = choice.labelTemplate { check(template) } }
                if question.choices.contains(where: { $0.synonyms.contains { $0.hasPrefix("~") } }) {
                    problems += expandConceptSynonyms(&question, at: location, content: content)
                    code.instructions[index] = .ask(question, fallback: fallback)
                }
                if let hint = question.hint { check(hint) }
                if let value = question.defaultValue { check(value) }
                if let value = question.unsureValue { check(value) }
                if let value = question.fillFrom { check(value) }
                if let value = question.countedFrom { check(value) }
            case .jumpUnless(let condition, _): check(condition)
            case .set(_, let value): check(value)
            case .goto(let target), .call(let target):
                if let resolved = resolveTarget(target, flow: flow, content: content) {
                    code.instructions[index] = {
                        if case .goto = code.instructions[index] { return .goto(resolved) }
                        return .call(resolved)
                    }()
                } else {
                    var candidates = Array(content.flows.keys)
                    if let flow, let nodes = content.flows[flow]?.nodes { candidates += nodes.map(\.name) }
                    candidates += content.nodes.keys
                    problems.append(.error(at: location, "unknown node or flow '\(target)'",
                                           note: Suggestion.note(for: target, in: candidates)))
                }
            case .varyGoto(let key, let mode, let targets):
                var resolved: [String] = []
                for target in targets {
                    if let node = resolveTarget(target, flow: flow, content: content) {
                        resolved.append(node)
                    } else {
                        problems.append(.error(at: location, "unknown node or flow '\(target)' in 'goto \(mode.rawValue):'",
                                               note: Suggestion.note(for: target, in: (flow.flatMap { content.flows[$0]?.nodes.map(\.name) } ?? []) + content.flows.keys)))
                    }
                }
                code.instructions[index] = .varyGoto(key: key, mode: mode, targets: resolved)
            case .record(let event, let fields):
                if let declaration = content.events[event] {
                    for field in fields {
                        check(field.value)
                        if !declaration.fields.contains(field.name) {
                            problems.append(.error(at: field.location, "the event '\(event)' has no field '\(field.name)'",
                                                   note: Suggestion.note(for: field.name, in: declaration.fields)
                                                       ?? "declared fields: \(declaration.fields.joined(separator: ", "))"))
                        }
                    }
                } else {
                    problems.append(.error(at: location, "unknown event '\(event)'",
                                           note: Suggestion.note(for: event, in: content.events.keys)
                                               ?? "declare it with 'event \(event): field, field'"))
                }
            case .saveDraft(let value), .wait(let value), .deleteDraft(let value), .sealDraft(let value): check(value)
            case .match(let value, let ruleSet):
                check(value)
                if content.ruleSets[ruleSet] == nil {
                    problems.append(.error(at: location, "unknown rule set '\(ruleSet)'",
                                           note: Suggestion.note(for: ruleSet, in: content.ruleSets.keys)))
                }
            case .checkTone(let value, let category):
                check(value)
                if let category { check(category) }
            case .remember(let name):
                if !variables.contains(name) { problems.append(unknownVariable(name, at: location, variables)) }
            case .jump, .returnFromCall, .end, .showResources: break
            }
        }
        _ = scope
        return problems
    }

    /// `node` → `flow.node` in the current flow; `flow.node` as is; `flow` → its first node.
    public static func resolveTarget(_ target: String, flow: String?, content: Content) -> String? {
        if let flow, content.nodes["\(flow).\(target)"] != nil { return "\(flow).\(target)" }
        if content.nodes[target] != nil { return target }
        if let start = content.flows[target]?.startNode { return start }
        return nil
    }

    static func compile(_ pattern: Pattern, content: Content, cache: inout [String: [[String]]]) -> (CompiledPattern, [Diagnostic]) {
        var problems: [Diagnostic] = []
        var elements: [CompiledPattern.Element] = []
        let normalizer = content.normalizer
        for element in pattern.elements {
            switch element {
            case .wildcard: elements.append(.wildcard)
            case .word(let word):
                let words = normalizer.words(word)
                if words.isEmpty {
                    problems.append(.error(at: pattern.location, "the word '\(word)' has no letters or digits"))
                } else if words.count == 1 {
                    elements.append(.word(words[0]))
                } else {
                    elements.append(.choice([words]))
                }
            case .alternatives(let options):
                elements.append(.choice(options.map(normalizer.words).filter { !$0.isEmpty }))
            case .concept(let name, let location):
                var visiting: [String] = []
                let (members, conceptProblems) = expand(concept: name, content: content, cache: &cache, visiting: &visiting, usedAt: location)
                problems += conceptProblems
                elements.append(.choice(members))
            }
        }
        return (CompiledPattern(elements: elements), problems)
    }

    /// An option's words may name a concept (`- no: No | ~not-safe, driving`): its members stand
    /// in its place, so words said at several questions are written once.
    private static func expandConceptSynonyms(_ question: inout Question, at location: SourceLocation,
                                              content: Content) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var cache: [String: [[String]]] = [:]
        for index in question.choices.indices {
            var synonyms: [String] = []
            for synonym in question.choices[index].synonyms {
                guard synonym.hasPrefix("~") else {
                    synonyms.append(synonym)
                    continue
                }
                var visiting: [String] = []
                let (members, found) = expand(concept: String(synonym.dropFirst()), content: content, cache: &cache,
                                              visiting: &visiting, usedAt: location)
                problems += found
                synonyms += members.map { $0.joined(separator: " ") }
            }
            question.choices[index].synonyms = synonyms
        }
        return problems
    }

    static func expand(concept name: String, content: Content, cache: inout [String: [[String]]],
                       visiting: inout [String], usedAt: SourceLocation? = nil) -> (members: [[String]], problems: [Diagnostic]) {
        if let cached = cache[name] { return (cached, []) }
        guard let concept = content.concepts[name] else {
            let place = usedAt ?? SourceLocation(file: "Content", line: 1, column: 1)
            return ([], [.error(at: place, "unknown concept '~\(name)'",
                                note: Suggestion.note(for: name, in: content.concepts.keys) ?? "define it with 'concept \(name): word, word'")])
        }
        if visiting.contains(name) {
            return ([], [.error(at: concept.location, "the concept '\(name)' includes itself through \(visiting.joined(separator: " → "))")])
        }
        visiting.append(name)
        defer { visiting.removeLast() }
        var members: [[String]] = []
        var problems: [Diagnostic] = []
        for member in concept.members {
            if member.text.hasPrefix("~") {
                let (inner, innerProblems) = expand(concept: String(member.text.dropFirst()), content: content,
                                                    cache: &cache, visiting: &visiting, usedAt: member.location)
                members += inner
                problems += innerProblems
            } else {
                let words = content.normalizer.words(member.text)
                if words.isEmpty {
                    problems.append(.error(at: member.location, "the member '\(member.text)' has no letters or digits"))
                } else {
                    members.append(words)
                }
            }
        }
        // Longer phrases first, so "my ex" is tried before "my".
        members.sort { $0.count > $1.count }
        cache[name] = members
        return (members, problems)
    }
}

extension Code {
    /// The highest capture number any line of this code uses.
    var maximumCapture: Int {
        var highest = 0
        func scan(_ template: Template) {
            for part in template.parts { if case .capture(let number, _) = part { highest = max(highest, number) } }
        }
        for instruction in instructions {
            switch instruction {
            case .say(let template): scan(template)
            case .vary(_, _, let lines): lines.forEach(scan)
            case .ask(let question, _): scan(question.prompt)
            default: break
            }
        }
        return highest
    }
}

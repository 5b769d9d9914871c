/// Checks loaded content for mistakes a writer would want to hear about: unreachable nodes,
/// dead ends, empty nodes, shadowed rules and samples that do not match their rule.
/// (Unknown names and duplicates are already errors when content loads.)
public enum Linter {
    public static func check(_ content: Content) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        diagnostics += checkNodes(content)
        diagnostics += checkRules(content)
        diagnostics += checkRegions(content)
        diagnostics += checkEvents(content)
        return diagnostics
            .map { ContentLoader.attachSource($0, content.sources) }
            .sorted { $0.location < $1.location }
    }

    // MARK: Events

    /// Every event kind the code reads back that the flows record (`EventKind`) is declared, with
    /// every field the code reads from it: a renamed event or field fails the lint, not a person's
    /// statistics, plan or export. Content that declares no events at all (a script of its own,
    /// such as ELIZA) records nothing the code reads, and is not held to it.
    static func checkEvents(_ content: Content) -> [Diagnostic] {
        guard let first = content.events.values.map(\.location).min() else { return [] }
        var problems: [Diagnostic] = []
        for kind in EventKind.allCases where kind.isRecordedByFlows {
            let wanted = kind.fieldsRead.map(\.rawValue)
            guard let declared = content.events[kind.rawValue] else {
                let line = "event \(kind.rawValue)" + (wanted.isEmpty ? "" : ": " + wanted.joined(separator: ", "))
                problems.append(.error(at: first, "the event '\(kind.rawValue)' is not declared, and unsent reads it back",
                                       note: Suggestion.closest(to: kind.rawValue, in: content.events.keys.filter { EventKind(rawValue: $0) == nil })
                                           .map { "'\($0)' is declared: if it is this event, name it '\(kind.rawValue)'" }
                                           ?? "declare it in the flow that records it: '\(line)'"))
                continue
            }
            for field in wanted where !declared.fields.contains(field) {
                problems.append(.error(at: declared.location, "the event '\(kind.rawValue)' does not declare the field '\(field)', which unsent reads back",
                                       note: "add it: 'event \(kind.rawValue): \((declared.fields + [field]).joined(separator: ", "))'"))
            }
        }
        return problems
    }

    // MARK: Regions

    /// A question that asks for the person's `region` offers exactly the regions the help lines
    /// have (`safety/resources`), and `other`: a region added there and not offered, or offered
    /// with no help lines, fails the lint instead of a person in need.
    static func checkRegions(_ content: Content) -> [Diagnostic] {
        let codes = content.resources.regionCodes
        guard !codes.isEmpty else { return [] }
        var problems: [Diagnostic] = []
        for flowName in content.flowOrder {
            for node in content.flows[flowName]?.nodes ?? [] {
                for instruction in node.code.instructions {
                    guard case .ask(let question, _) = instruction, question.variable == "region", question.kind == .choice else { continue }
                    let offered = question.choices.map(\.key)
                    for key in offered where key != "other" && !codes.contains(key) {
                        problems.append(.error(at: question.location, "the region '\(key)' has no help lines in safety/resources",
                                               note: Suggestion.note(for: key, in: codes) ?? "the regions there are \(codes.joined(separator: ", "))"))
                    }
                    for code in codes where !offered.contains(code) {
                        problems.append(.error(at: question.location, "this question does not offer the region '\(code)', which has help lines",
                                               note: "add '- \(code): NAME' to its options"))
                    }
                    if !offered.contains("other") {
                        problems.append(.error(at: question.location, "this question has no 'other' option for everywhere else",
                                               note: "add '- other: Somewhere else'; it shows the international directory"))
                    }
                }
            }
        }
        return problems
    }

    // MARK: Nodes

    static func allowedOnLeave(_ instruction: Instruction) -> Bool {
        switch instruction {
        case .say, .vary, .record, .set, .remember, .saveDraft, .jump, .jumpUnless, .end, .returnFromCall: true
        default: false
        }
    }

    static func statementName(_ instruction: Instruction) -> String {
        switch instruction {
        case .say, .vary: "say"
        case .ask: "ask"
        case .goto, .varyGoto: "goto"
        case .call: "call"
        case .wait: "wait"
        case .match: "match"
        case .showResources: "show resources"
        default: String(describing: instruction).prefix { $0 != "(" }.description
        }
    }

    static func checkNodes(_ content: Content) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var reached = Set<String>()
        var queue: [String] = content.flowOrder.compactMap { content.flows[$0]?.startNode }
        // Rule bodies can jump anywhere; their targets count as reached.
        for set in content.ruleSets.values {
            for rule in set.rules { queue += targets(rule.code) }
            if let fallback = set.fallback { queue += targets(fallback) }
        }
        while let name = queue.popLast() {
            guard reached.insert(name).inserted, let node = content.nodes[name] else { continue }
            queue += targets(node.code)
        }
        for flowName in content.flowOrder {
            guard let flow = content.flows[flowName] else { continue }
            for node in flow.nodes {
                if node.code.isEmpty {
                    problems.append(.error(at: node.location, "the node '\(node.qualifiedName)' is empty",
                                           note: "give it something to say or do, or remove it"))
                    continue
                }
                if node.name == Engine.leaveNode {
                    // Run by the engine when the conversation ends before the flow did: it keeps
                    // what was answered, and may say a last line (shown when the person leaves), but
                    // nothing it would ask can be answered.
                    if let misplaced = node.code.instructions.first(where: { !Self.allowedOnLeave($0) }) {
                        problems.append(.error(at: node.location, "the node '\(node.qualifiedName)' holds '\(Self.statementName(misplaced))', but a flow's on-leave node runs after the conversation has ended",
                                               note: "use only 'say', 'record', 'set', 'remember', 'save draft', 'if' and 'end' here"))
                    }
                    if reached.contains(node.qualifiedName) {
                        problems.append(.warning(at: node.location, "the node '\(node.qualifiedName)' is reached by a goto or call, but on-leave runs by itself when the conversation ends",
                                                 note: "give the other node another name"))
                    }
                    continue
                }
                if !reached.contains(node.qualifiedName) {
                    problems.append(.warning(at: node.location, "the node '\(node.qualifiedName)' is never reached",
                                             note: "no goto or call leads here"))
                }
                if let offEnd = runsOffEnd(node.code) {
                    problems.append(.error(at: offEnd, "the node '\(node.qualifiedName)' is a dead end: it can run off its end",
                                           note: "finish it with 'goto NODE', 'end' or 'return'"))
                }
                problems += checkLoops(node, content)
            }
        }
        return problems
    }

    /// Every node a piece of code can jump to or call.
    static func targets(_ code: Code) -> [String] {
        code.instructions.compactMap { instruction in
            switch instruction {
            case .goto(let target), .call(let target): [target]
            case .varyGoto(_, _, let targets): targets
            default: nil
            }
        }.flatMap { $0 }
    }

    /// The location of the last instruction on a path that falls off the end of the code, if any.
    static func runsOffEnd(_ code: Code) -> SourceLocation? {
        let count = code.instructions.count
        var seen = Set<Int>()
        var stack = [0]
        while let pc = stack.popLast() {
            guard pc < count else { return code.locations.last }
            guard seen.insert(pc).inserted else { continue }
            switch code.instructions[pc] {
            case .goto, .varyGoto, .end, .returnFromCall: continue
            case .jump(let target): stack.append(target)
            case .jumpUnless(_, let target): stack.append(target); stack.append(pc + 1)
            case .ask(_, let fallback):
                stack.append(pc + 1)
                if let fallback { stack.append(fallback) }
            default: stack.append(pc + 1)
            }
        }
        return nil
    }

    /// A node that only ever jumps to itself without asking anything would spin forever.
    static func checkLoops(_ node: Node, _ content: Content) -> [Diagnostic] {
        let asks = node.code.instructions.contains { if case .ask = $0 { true } else if case .wait = $0 { true } else { false } }
        guard !asks else { return [] }
        let selfJumps = targets(node.code).filter { $0 == node.qualifiedName }
        let leaves = node.code.instructions.contains { instruction in
            switch instruction {
            case .end, .returnFromCall: true
            case .goto(let target), .call(let target): target != node.qualifiedName
            case .varyGoto(_, _, let targets): targets.contains { $0 != node.qualifiedName }
            default: false
            }
        }
        if !selfJumps.isEmpty && !leaves {
            return [.error(at: node.location, "the node '\(node.qualifiedName)' jumps to itself without asking anything: it would loop forever")]
        }
        return []
    }

    // MARK: Rules

    static func checkRules(_ content: Content) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let normalizer = content.normalizer
        for name in content.ruleSets.keys.sorted() {
            guard let set = content.ruleSets[name], let compiled = content.compiledPatterns[name] else { continue }
            let position = Dictionary(uniqueKeysWithValues: set.order.enumerated().map { ($1, $0) })
            for (index, rule) in set.rules.enumerated() {
                // The same pattern under an earlier (or higher-ranked) rule: this one can never win with it.
                for (patternIndex, pattern) in compiled[index].enumerated() {
                    for earlier in set.order.prefix(position[index] ?? 0) where set.rules[earlier].after.isEmpty || set.rules[earlier].after == rule.after {
                        if compiled[earlier].contains(pattern) {
                            problems.append(.warning(at: rule.patterns[patternIndex].location,
                                "this pattern of '\(rule.id)' is shadowed by the same pattern in '\(set.rules[earlier].id)', which is tried first"))
                        }
                    }
                }
                var wonBy: [String] = []
                for sample in rule.samples {
                    let tokens = normalizer.tokens(sample.text)
                    let matchesOwn = compiled[index].contains { $0.match(tokens) != nil }
                    if !matchesOwn {
                        problems.append(.error(at: sample.location, "this sample does not match any 'when:' of the rule '\(rule.id)'"))
                        continue
                    }
                    let context = rule.after.first
                    if let winner = content.match(tokens: tokens, ruleSet: set, compiled: compiled, context: context), winner.ruleIndex != index {
                        wonBy.append(winner.ruleID)
                        problems.append(.warning(at: sample.location,
                            "this sample of '\(rule.id)' is taken by the rule '\(winner.ruleID)', which is tried first",
                            note: "raise the rank of '\(rule.id)' or narrow '\(winner.ruleID)'"))
                    }
                }
                if !rule.samples.isEmpty, wonBy.count == rule.samples.count {
                    problems.append(.error(at: rule.location, "the rule '\(rule.id)' is shadowed: every sample is taken by an earlier rule (\(Set(wonBy).sorted().joined(separator: ", ")))"))
                }
            }
        }
        return problems
    }
}

/// Author checks: samples beside rules, and concepts nothing uses.
extension SafetyRules {
    func lintSamples() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for rule in rules {
            for sample in rule.samples {
                guard let expected = sample.expected else {
                    if !ruleMatches(rule.id, sample.text) {
                        problems.append(.error(at: sample.location, "the soften rule '\(rule.id)' does not match its sample '\(sample.text)'"))
                    }
                    continue
                }
                let found = explain(sample.text)
                let actual: SafetyOutcome = found.map { .category($0.category) } ?? .nothing
                guard actual != expected else { continue }
                let verdict = found.map { "as \($0.category.rawValue) (rule '\($0.rule)')" } ?? "as nothing"
                problems.append(.error(
                    at: sample.location,
                    "the sample '\(sample.text)' of rule '\(rule.id)' is classified \(verdict), not as \(expected)",
                    note: expected == .nothing ? "add an 'unless' line or an idiom" : "widen a pattern, or check the idioms and 'unless' lines that hide it"))
            }
        }
        return problems
    }

    func lintUnusedConcepts() -> [Diagnostic] {
        var used = Set(SafetyLinker.roleNames)
        func note(_ pattern: SafetyPattern) {
            for item in pattern.items {
                switch item.kind {
                case .concept(let name): used.insert(name)
                case .alternatives(let choices):
                    for case .concept(let name) in choices { used.insert(name) }
                default: break
                }
            }
        }
        for pattern in idioms { note(pattern) }
        for rule in rules { (rule.patterns + rule.exceptions).forEach(note) }
        for concept in concepts {
            for member in concept.members where member.text.hasPrefix("{") && member.text.hasSuffix("}") {
                used.insert(String(member.text.dropFirst().dropLast()))
            }
        }
        return concepts.filter { !used.contains($0.name) }.map {
            .warning(at: $0.location, "the concept '\($0.name)' is not used by any rule or idiom")
        }
    }
}

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
        for pattern in idioms + rules.flatMap({ $0.patterns + $0.exceptions }) { used.formUnion(pattern.conceptNames) }
        return ConceptLine.unused(concepts, namedByPatterns: used, reference: .braces, usedBy: "rule or idiom")
    }
}

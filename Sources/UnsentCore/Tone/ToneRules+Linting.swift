/// Author checks: samples beside flags, concepts nothing uses, flags with no block.
extension ToneRules {
    func lintSamples() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for block in flags {
            for sample in block.samples {
                let raised = check(sample.text, category: sample.category?.name)
                let mine = raised.first { $0.id == block.id }
                let context = sample.category.map { " as a reply to '\($0.name)'" } ?? ""
                if sample.raises, mine == nil {
                    let others = raised.map(\.id)
                    problems.append(.error(
                        at: sample.location,
                        "the sample '\(sample.text)' does not raise '\(block.id)'\(context)",
                        note: others.isEmpty ? "widen a 'words:' line, or check the 'unless:' lines that hide it"
                            : "it raises \(others.map { "'\($0)'" }.joined(separator: ", ")) instead"))
                } else if !sample.raises, let mine {
                    problems.append(.error(
                        at: sample.location,
                        "the sample '\(sample.text)' raises '\(block.id)' on '\(mine.quote)'\(context), but is marked none",
                        note: "add an 'unless:' line, or narrow the line that matches"))
                }
            }
        }
        return problems
    }

    func lintUnused() -> [Diagnostic] {
        var used: Set<String> = []
        for block in flags { for line in block.lines { used.formUnion(line.pattern.conceptNames) } }
        var problems = ConceptLine.unused(concepts, namedByPatterns: used, reference: .tilde, usedBy: "flag")
        if let anchor = flags.first?.location ?? categories.first?.location {
            let defined = Set(flags.map(\.id))
            for id in Self.flagIDs where !defined.contains(id) {
                problems.append(.warning(at: anchor, "no 'flag \(id)' block is defined, so '\(id)' is never raised"))
            }
            if !lengths.contains(where: { $0.target == nil }) {
                problems.append(.warning(at: anchor, "no 'length:' line sets the default word norm, so 'too-long' is raised only for categories with their own length"))
            }
        }
        return problems
    }
}

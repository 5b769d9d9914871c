/// A `concept NAME: phrase, phrase, other` line of a rule file: words and phrases that stand for
/// the same thing, and other concepts named by reference (`{name}` in a `.safety` file, `~name`
/// in a `.tone` file).
struct ConceptLine: Sendable, Codable {
    var name: String
    /// Members as written: a phrase, or a reference to another concept.
    var members: [LocatedText]
    var location: SourceLocation
}

extension ConceptLine {
    /// A warning for each concept that neither a pattern (`namedByPatterns`) nor another
    /// concept names.
    static func unused(_ concepts: [ConceptLine], namedByPatterns: Set<String>, reference: ConceptReference,
                       usedBy: String) -> [Diagnostic] {
        var used = namedByPatterns
        for concept in concepts {
            for member in concept.members { if let name = reference.name(in: member.text) { used.insert(name) } }
        }
        return concepts.filter { !used.contains($0.name) }.map {
            .warning(at: $0.location, "the concept '\($0.name)' is not used by any \(usedBy)")
        }
    }
}

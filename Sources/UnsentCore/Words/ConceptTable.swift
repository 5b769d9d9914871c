/// The spellings and concepts of one kind of rule file, linked: variants that stand for a right
/// spelling, and concepts resolved to the word sequences they stand for, following concepts
/// named inside concepts. Reports variants spelled twice, concepts defined twice, unknown
/// concepts (with "did you mean") and concepts that include themselves. The crisis and tone
/// linkers each keep one; only how a file writes a reference to a concept (`{name}` or `~name`)
/// and how it cuts a member into words differ.
struct ConceptTable {
    /// The right spelling of each variant ("wanna" → want, to).
    private(set) var spelling: [String: [String]] = [:]
    private(set) var conceptsByName: [String: ConceptLine] = [:]
    private var resolved: [String: [[String]]] = [:]
    private var visiting: Set<String> = []
    /// The concept a member names, if the member is a reference rather than words.
    private let reference: (String) -> String?
    /// The folded words of a member as written, before spellings.
    private let words: (String) -> [String]

    init(reference: ConceptReference, words: @escaping (String) -> [String]) {
        self.reference = reference.name(in:)
        self.words = words
    }

    /// Takes in a file kind's spell and concept lines, reporting variants and concepts defined twice.
    mutating func add(spellings: [SpellingLine], concepts: [ConceptLine], problems: inout [Diagnostic]) {
        var seen: [String: SourceLocation] = [:]
        for line in spellings {
            for variant in line.variants {
                if let earlier = seen[variant.text] {
                    problems.append(.error(at: variant.location, "the variant '\(variant.text)' is already spelled out at \(earlier)",
                                           note: "a variant can stand for one spelling only"))
                    continue
                }
                seen[variant.text] = variant.location
                spelling[variant.text] = line.canonical
            }
        }
        for concept in concepts {
            if let earlier = conceptsByName[concept.name] {
                problems.append(.error(at: concept.location, "the concept '\(concept.name)' is already defined at \(earlier.location)",
                                       note: "add the members to the first definition, or give this one another name"))
                continue
            }
            conceptsByName[concept.name] = concept
        }
    }

    /// Words of content text with spellings applied ("wanna" → want, to).
    func spelled(_ words: [String]) -> [String] {
        words.flatMap { spelling[$0] ?? [$0] }
    }

    /// The word sequences a concept stands for, with spellings applied; nil (and a problem) when
    /// there is no such concept or it includes itself.
    mutating func members(ofConcept name: String, at location: SourceLocation, problems: inout [Diagnostic]) -> [[String]]? {
        if let done = resolved[name] { return done }
        guard let concept = conceptsByName[name] else {
            problems.append(.error(at: location, "there is no concept named '\(name)'",
                                   note: Suggestion.note(for: name, in: conceptsByName.keys.sorted())))
            return nil
        }
        if visiting.contains(name) {
            problems.append(.error(at: location, "the concept '\(name)' includes itself",
                                   note: "a concept can include other concepts, but not in a circle"))
            return nil
        }
        visiting.insert(name)
        var result: [[String]] = []
        for member in concept.members {
            if let inner = reference(member.text) {
                result += members(ofConcept: inner, at: member.location, problems: &problems) ?? []
            } else {
                let phrase = spelled(words(member.text))
                if !phrase.isEmpty { result.append(phrase) }
            }
        }
        visiting.remove(name)
        resolved[name] = result
        return result
    }
}

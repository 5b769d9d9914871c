/// The lines every rule file of the words layer shares, read one way: comma lists that keep where
/// each item starts, `spell` lines and `concept` lines (and the tone file's `group` lines, which
/// have a concept's shape). The crisis and tone readers call these and keep only their own lines.
struct RuleFileReader {
    /// The folded words of a phrase written in the file (no spellings applied).
    let words: (String) -> [String]
    /// Whether a concept or group name is well formed.
    let isName: (String) -> Bool
    let reference: ConceptReference

    /// The keyword a top-level line starts with (up to a space or a colon).
    static func keyword(of line: OutlineLine) -> String {
        String(line.text.prefix { $0 != " " && $0 != ":" })
    }

    /// The problem for a top-level line that starts with none of a file kind's keywords.
    static func unknownKeyword(_ keyword: String, at line: OutlineLine, fileKind: String, keywords: [String]) -> Diagnostic {
        let quoted = keywords.map { "'\($0)'" }
        let list = quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
        return .error(at: line.location, "'\(keyword)' does not start a \(fileKind) line; a .\(fileKind) file holds \(list) lines",
                      note: Suggestion.note(for: keyword, in: keywords))
    }

    /// Splits at commas, keeping where each part starts.
    static func commaList(_ text: String, at location: SourceLocation) -> [LocatedText] {
        var result: [LocatedText] = []
        var offset = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let leading = part.prefix { $0 == " " }.count
            let trimmed = part.trimmingSpaces()
            if !trimmed.isEmpty { result.append(LocatedText(trimmed, location.movedRight(by: offset + leading))) }
            offset += part.count + 1
        }
        return result
    }

    /// A `spell RIGHT WORDS: variant, variant` line; nil when it has no right spelling.
    func readSpelling(_ line: OutlineLine, example: String, phraseNote: String,
                      into problems: inout [Diagnostic]) -> SpellingLine? {
        let before = problems.count
        guard let (key, value, offset) = line.keyValue else {
            problems.append(.error(at: line.location, "a spell line needs a colon between the right spelling and its variants",
                                   note: "write it as '\(example)'"))
            return nil
        }
        let canonical = words(String(key.dropFirst("spell".count)))
        if canonical.isEmpty {
            problems.append(.error(at: line.location, "a spell line needs the right spelling before the colon",
                                   note: "write it as '\(example)'"))
            return nil
        }
        var variants: [LocatedText] = []
        for item in Self.commaList(value, at: line.location(at: offset)) {
            let folded = words(item.text)
            if folded.count == 1 {
                variants.append(LocatedText(folded[0], item.location))
            } else {
                problems.append(.error(at: item.location, "the spelling variant '\(item.text)' must be a single word",
                                       note: phraseNote))
            }
        }
        if variants.isEmpty, problems.count == before {
            problems.append(.error(at: line.location, "the spell line lists no variants after the colon"))
        }
        if !line.children.isEmpty {
            problems.append(.error(at: line.children[0].location, "a spell line cannot have lines indented under it"))
        }
        return SpellingLine(canonical: canonical, variants: variants, location: line.location)
    }

    /// A `concept NAME: phrase, phrase, reference` line, its members on the line and on lines
    /// indented under it; nil when the name is missing or malformed.
    func readConcept(_ line: OutlineLine, example: String, into problems: inout [Diagnostic]) -> ConceptLine? {
        guard let (name, members) = readNamedList(line, keyword: "concept", example: example, membersAre: "members",
                                                  membersMayNest: false, into: &problems) else { return nil }
        for member in members {
            if reference.isWrittenAsReference(member.text) {
                if reference == .tilde, !isName(String(member.text.dropFirst())) {
                    problems.append(.error(at: member.location, "'\(member.text)' is not a concept reference; write '~' and a concept's name"))
                }
            } else if words(member.text).isEmpty {
                problems.append(.error(at: member.location, "the member '\(member.text)' has no letters, digits or emoji to match"))
            }
        }
        return ConceptLine(name: name, members: members, location: line.location)
    }

    /// A `KEYWORD NAME: item, item` line whose items may go on on indented lines: the name and the
    /// items, or nil (with a problem) when the colon or the name is missing. `membersMayNest`
    /// false reports lines indented under the indented items.
    func readNamedList(_ line: OutlineLine, keyword: String, example: String, membersAre: String, membersMayNest: Bool,
                       into problems: inout [Diagnostic]) -> (String, [LocatedText])? {
        guard let (key, value, offset) = line.keyValue else {
            problems.append(.error(at: line.location, "a \(keyword) line needs a colon after its name",
                                   note: "write it as '\(example)'"))
            return nil
        }
        let name = String(key.dropFirst(keyword.count)).trimmingSpaces()
        guard isName(name) else {
            problems.append(.error(at: line.location(at: min(keyword.count + 1, line.text.count)),
                                   "the \(keyword) name '\(name)' must be one word of letters, digits and '-'",
                                   note: "write it as '\(example)'"))
            return nil
        }
        var members = Self.commaList(value, at: line.location(at: offset))
        for child in line.children {
            if !membersMayNest, !child.children.isEmpty {
                problems.append(.error(at: child.children[0].location, "\(keyword) \(membersAre) cannot have lines indented under them"))
            }
            members += Self.commaList(child.text, at: child.location)
        }
        if members.isEmpty {
            problems.append(.error(at: line.location, "the \(keyword) '\(name)' has no \(membersAre)",
                                   note: "list them after the colon, separated by commas"))
        }
        return (name, members)
    }
}

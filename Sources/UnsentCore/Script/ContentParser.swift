import Foundation

/// Builds content from outline lines: the top-level blocks of every file, and the
/// statements of nodes and rules compiled to instructions.
struct ContentParser {
    var content = Content()
    var diagnostics: [Diagnostic] = []
    /// `include` lines met, as (path as written, location), for the loader to follow.
    var includes: [(path: String, location: SourceLocation)] = []

    static let topLevelKeywords = ["include", "concept", "spellings", "reflections", "var", "event", "texts", "flow", "rules"]
    static let statementKeywords = ["say", "ask", "if", "else", "set", "goto", "go", "call", "return", "end", "record", "save", "seal", "delete", "wait", "match", "show", "remember", "check"]

    mutating func add(file: String, lines: [OutlineLine]) {
        for line in lines {
            do throws(ContentError) { try topLevel(line) } catch { diagnostics += error.diagnostics }
        }
    }

    private func fail(_ line: OutlineLine, offset: Int = 0, _ message: String, note: String? = nil) -> ContentError {
        ContentError([.error(at: line.location(at: offset), message, note: note)])
    }

    private func firstWord(_ text: String) -> (word: String, rest: String, restOffset: Int) {
        let word = text.prefix { $0 != " " && $0 != ":" }
        let afterWord = text.dropFirst(word.count)
        let spaces = afterWord.prefix { $0 == " " }.count
        return (String(word), String(afterWord.dropFirst(spaces)), word.count + spaces)
    }

    // MARK: Top level

    private mutating func topLevel(_ line: OutlineLine) throws(ContentError) {
        let (keyword, rest, restOffset) = firstWord(line.text)
        switch keyword {
        case "include":
            let path = rest.trimmingCharacters(in: "\"")
            guard !path.isEmpty else { throw fail(line, offset: restOffset, "include needs a file path") }
            try noChildren(line)
            includes.append((path, line.location(at: restOffset)))
        case "concept":
            try concept(line, rest: rest, restOffset: restOffset)
        case "spellings":
            for (key, value, _) in try table(line) {
                let replacement = value.lowercased().split(separator: " ").map { WordScanner.fold(String($0)) }
                for variant in key.split(separator: ",").map({ WordScanner.fold($0.trimmingSpaces()) }) where !variant.isEmpty {
                    content.spellings[variant] = replacement
                }
            }
        case "reflections":
            for (key, value, _) in try table(line) {
                content.reflections[WordScanner.fold(key)] = value
            }
        case "var":
            try variable(line, rest: rest, restOffset: restOffset)
        case "event":
            try event(line, rest: rest, restOffset: restOffset)
        case "texts":
            for child in line.children {
                guard let (key, value, valueOffset) = child.keyValue, !key.isEmpty, !value.isEmpty else {
                    throw fail(child, "a text is written 'name: what the bot says'")
                }
                if let earlier = content.textLocations[key] {
                    throw fail(child, "the text '\(key)' is defined twice", note: "the first is at \(earlier)")
                }
                content.texts[key] = try TemplateParser.parse(value, at: child.location(at: valueOffset))
                content.textLocations[key] = child.location
            }
        case "flow":
            try flow(line, name: rest, nameOffset: restOffset)
        case "rules":
            try ruleSet(line, name: rest, nameOffset: restOffset)
        default:
            throw fail(line, "unknown block '\(keyword)'",
                       note: Suggestion.note(for: keyword, in: Self.topLevelKeywords)
                           ?? "a file holds: \(Self.topLevelKeywords.joined(separator: ", "))")
        }
    }

    private func noChildren(_ line: OutlineLine) throws(ContentError) {
        if let child = line.children.first { throw fail(child, "nothing may be indented under this line") }
    }

    private func checkName(_ name: String, _ line: OutlineLine, offset: Int, what: String) throws(ContentError) {
        guard TemplateParser.isName(name) else {
            throw fail(line, offset: offset, name.isEmpty ? "the \(what) needs a name" : "'\(name)' is not a valid \(what) name",
                       note: "names use letters, digits, '-' and '_'")
        }
    }

    private mutating func concept(_ line: OutlineLine, rest: String, restOffset: Int) throws(ContentError) {
        guard let (key, value, valueOffset) = line.keyValue else {
            throw fail(line, "a concept is written 'concept name: word, another word, ~other-concept'")
        }
        let name = firstWord(key).rest
        try checkName(name, line, offset: restOffset, what: "concept")
        if let earlier = content.concepts[name] {
            throw fail(line, offset: restOffset, "the concept '\(name)' is defined twice", note: "the first is at \(earlier.location)")
        }
        var members: [LocatedText] = []
        func addMembers(_ text: String, _ location: SourceLocation) {
            var offset = 0
            for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
                let member = piece.trimmingSpaces()
                let lead = piece.prefix { $0 == " " }.count
                var place = location
                place.column += offset + lead
                if !member.isEmpty { members.append(LocatedText(member, place)) }
                offset += piece.count + 1
            }
        }
        addMembers(value, line.location(at: valueOffset))
        for child in line.children { addMembers(child.text, child.location) }
        if members.isEmpty { throw fail(line, "the concept '\(name)' has no members") }
        content.concepts[name] = Concept(name: name, members: members, location: line.location(at: restOffset))
    }

    private func table(_ line: OutlineLine) throws(ContentError) -> [(String, String, SourceLocation)] {
        var entries: [(String, String, SourceLocation)] = []
        for child in line.children {
            guard let arrow = child.text.range(of: ">") else {
                throw fail(child, "a table line is written 'word > replacement'")
            }
            let key = child.text[..<arrow.lowerBound].trimmingSpaces()
            let value = child.text[arrow.upperBound...].trimmingSpaces()
            guard !key.isEmpty, !value.isEmpty else { throw fail(child, "a table line is written 'word > replacement'") }
            entries.append((key, value, child.location))
        }
        return entries
    }

    private mutating func variable(_ line: OutlineLine, rest: String, restOffset: Int) throws(ContentError) {
        let parts = rest.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
        let name = parts.first ?? ""
        try checkName(name, line, offset: restOffset, what: "variable")
        if let earlier = content.variables[name] {
            throw fail(line, offset: restOffset, "the variable '\(name)' is declared twice", note: "the first is at \(earlier.location)")
        }
        var value = Expression.literal(.none)
        if parts.count == 2 {
            let equals = rest.distance(of: "=") ?? 0
            let lead = rest.dropFirst(equals + 1).prefix { $0 == " " }.count
            value = try ExpressionParser.parse(parts[1], at: line.location(at: restOffset + equals + 1 + lead))
        }
        content.variables[name] = VariableDeclaration(name: name, defaultValue: value, location: line.location(at: restOffset))
    }

    private mutating func event(_ line: OutlineLine, rest: String, restOffset: Int) throws(ContentError) {
        let name: String
        var fields: [String] = []
        if let (key, value, _) = line.keyValue {
            name = firstWord(key).rest
            fields = value.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        } else {
            name = rest
        }
        try checkName(name, line, offset: restOffset, what: "event")
        if let earlier = content.events[name] {
            throw fail(line, offset: restOffset, "the event '\(name)' is declared twice", note: "the first is at \(earlier.location)")
        }
        content.events[name] = EventDeclaration(name: name, fields: fields, location: line.location(at: restOffset))
    }

    // MARK: Flows and nodes

    private mutating func flow(_ line: OutlineLine, name: String, nameOffset: Int) throws(ContentError) {
        try checkName(name, line, offset: nameOffset, what: "flow")
        if let earlier = content.flows[name] {
            throw fail(line, offset: nameOffset, "the flow '\(name)' is defined twice", note: "the first is at \(earlier.location)")
        }
        var flow = Flow(name: name, title: nil, nodes: [], location: line.location(at: nameOffset))
        var nodeIndex: [String: Int] = [:]
        for child in line.children {
            let (keyword, rest, restOffset) = firstWord(child.text)
            switch keyword {
            case "title":
                flow.title = child.keyValue?.value
            case "node":
                do throws(ContentError) {
                    try checkName(rest, child, offset: restOffset, what: "node")
                    if let earlierIndex = nodeIndex[rest] {
                        let earlier = flow.nodes[earlierIndex]
                        throw fail(child, offset: restOffset, "the node '\(rest)' is defined twice in flow '\(name)'",
                                   note: "the first is at \(earlier.location)")
                    }
                    var compiler = StatementCompiler(scope: "\(name).\(rest)")
                    try compiler.compile(child.children)
                    nodeIndex[rest] = flow.nodes.count
                    flow.nodes.append(Node(flow: name, name: rest, code: compiler.code, location: child.location(at: restOffset)))
                } catch {
                    diagnostics += error.diagnostics
                }
            default:
                diagnostics += fail(child, "a flow holds 'title:' and 'node NAME' blocks, not '\(keyword)'",
                                    note: Suggestion.note(for: keyword, in: ["title", "node"])).diagnostics
            }
        }
        content.flows[name] = flow
        content.flowOrder.append(name)
        for node in flow.nodes { content.nodes[node.qualifiedName] = node }
    }

    // MARK: Rules

    private mutating func ruleSet(_ line: OutlineLine, name: String, nameOffset: Int) throws(ContentError) {
        try checkName(name, line, offset: nameOffset, what: "rule set")
        if let earlier = content.ruleSets[name] {
            throw fail(line, offset: nameOffset, "the rule set '\(name)' is defined twice", note: "the first is at \(earlier.location)")
        }
        var set = RuleSet(name: name, rules: [], fallback: nil, fallbackLocation: nil, location: line.location(at: nameOffset))
        var ruleIndex: [String: Int] = [:]
        for child in line.children {
            let (keyword, rest, restOffset) = firstWord(child.text)
            do throws(ContentError) {
                if let (key, value, valueOffset) = child.keyValue, key == "ranks" {
                    // `ranks: decide`: a text that fits two cards gets the higher rank, even when
                    // the trained reader reads the other first (a request to meet over missing you).
                    guard value == "decide" else {
                        throw fail(child, offset: valueOffset, "'ranks:' takes 'decide' (the higher rank wins over the trained reader)")
                    }
                    set.ranksDecide = true
                    continue
                }
                switch keyword {
                case "rule", "card":
                    try checkName(rest, child, offset: restOffset, what: "rule")
                    if let earlierIndex = ruleIndex[rest] {
                        let earlier = set.rules[earlierIndex]
                        throw fail(child, offset: restOffset, "the rule '\(rest)' is defined twice in '\(name)'",
                                   note: "the first is at \(earlier.location)")
                    }
                    ruleIndex[rest] = set.rules.count
                    set.rules.append(try rule(child, id: rest, idOffset: restOffset, setName: name))
                case "fallback":
                    if let earlier = set.fallbackLocation {
                        throw fail(child, "'\(name)' has two fallbacks", note: "the first is at \(earlier)")
                    }
                    var compiler = StatementCompiler(scope: "\(name).fallback")
                    try compiler.compile(child.children)
                    set.fallback = compiler.code
                    set.fallbackLocation = child.location
                default:
                    throw fail(child, "a rule set holds 'rule NAME' and 'fallback' blocks and 'ranks: decide', not '\(keyword)'",
                               note: Suggestion.note(for: keyword, in: ["rule", "card", "fallback", "ranks:"]))
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        content.ruleSets[name] = set
    }

    private func rule(_ line: OutlineLine, id: String, idOffset: Int, setName: String) throws(ContentError) -> Rule {
        var rule = Rule(id: id, patterns: [], rank: 0, after: [], afterLocations: [], samples: [], thought: nil,
                        code: Code(), location: line.location(at: idOffset))
        var body: [OutlineLine] = []
        var readerOnly = false
        for child in line.children {
            guard let (key, value, valueOffset) = child.keyValue else { body.append(child); continue }
            let place = child.location(at: valueOffset)
            switch key {
            case "when":
                rule.patterns.append(try Pattern.parse(value, at: place))
            case "sample":
                guard !value.isEmpty else { throw fail(child, "the sample is empty") }
                rule.samples.append(LocatedText(value, place))
            case "rank":
                guard let rank = Int(value) else { throw fail(child, offset: valueOffset, "the rank must be a whole number") }
                rule.rank = rank
            case "after":
                var offset = 0
                for piece in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let lead = piece.prefix { $0 == " " }.count
                    var at = place
                    at.column += offset + lead
                    if !piece.trimmingSpaces().isEmpty {
                        rule.after.append(piece.trimmingSpaces())
                        rule.afterLocations.append(at)
                    }
                    offset += piece.count + 1
                }
            case "thought":
                rule.thought = value
            case "sure":
                // `sure: always`: when its rule fires, no trained reader argues (what the ex's
                // message says about harm).
                guard value == "always" else { throw fail(child, offset: valueOffset, "'sure:' takes 'always'") }
                rule.alwaysSure = true
            case "reads":
                // `reads: whole text`: its patterns are tried on the whole text only, not on each sentence of it
                // (a greeting is a greeting when it is all that was said, not the "hey." that opens a letter).
                guard value == "whole text" else { throw fail(child, offset: valueOffset, "'reads:' takes 'whole text'") }
                rule.wholeTextOnly = true
            case "read by":
                // `read by: reader`: a card with no pattern, chosen only by the set's trained reader (who.rules:
                // a first-person line is too easily misread by a pattern).
                guard value == "reader" else { throw fail(child, offset: valueOffset, "'read by:' takes 'reader'") }
                readerOnly = true
            default:
                body.append(child)
            }
        }
        if rule.patterns.isEmpty, !readerOnly {
            throw fail(line, offset: idOffset, "the rule '\(id)' has no 'when:' pattern",
                       note: "add a 'when:' line, or 'read by: reader' for a card only the set's trained reader chooses")
        }
        var compiler = StatementCompiler(scope: "\(setName).\(id)")
        try compiler.compile(body)
        rule.code = compiler.code
        return rule
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

    func distance(of character: Character) -> Int? {
        firstIndex(of: character).map { distance(from: startIndex, to: $0) }
    }
}

import Foundation

/// Compiles the statements of a node or rule body into instructions.
///
/// Statements: `say: text`; `say shuffle:` (or sequence, cycle, once) over `- line` items;
/// `ask NAME as KIND: prompt` with `- key: label`, `hint:`, `retries:`, `default:`, `else:`;
/// `if CONDITION:` / `else if CONDITION:` / `else:` (a block, or one statement after the colon);
/// `set NAME = VALUE`; `goto NODE`; `call NODE`; `return`; `end`;
/// `record EVENT field = VALUE, ...`; `save draft VALUE`; `wait VALUE`; `match VALUE with RULES`;
/// `show resources [KINDS]`; `remember VARIABLE`.
struct StatementCompiler {
    private(set) var code = Code()
    /// Where variation positions are kept: the node or rule plus a counter.
    let scope: String
    private var variationCount = 0
    /// Where each target of a `goto shuffle:` is written, for error messages.
    private(set) var gotoTargetLocations: [Int: [SourceLocation]] = [:]

    init(scope: String) { self.scope = scope }

    mutating func compile(_ lines: [OutlineLine]) throws(ContentError) {
        var diagnostics: [Diagnostic] = []
        var index = 0
        while index < lines.count {
            do throws(ContentError) {
                index = try statement(lines, index)
            } catch {
                diagnostics += error.diagnostics
                index += 1
            }
        }
        if !diagnostics.isEmpty { throw ContentError(diagnostics) }
    }

    private func fail(_ line: OutlineLine, offset: Int = 0, _ message: String, note: String? = nil) -> ContentError {
        ContentError([.error(at: line.location(at: offset), message, note: note)])
    }

    private mutating func emit(_ instruction: Instruction, _ location: SourceLocation) -> Int {
        code.append(instruction, at: location)
    }

    /// Compiles the statement at `index` (with any `else` branches after it); returns the next index.
    private mutating func statement(_ lines: [OutlineLine], _ index: Int) throws(ContentError) -> Int {
        let line = lines[index]
        let words = line.text.split(separator: " ", maxSplits: 1)
        let keyword = String((words.first ?? "").prefix { $0 != ":" })
        switch keyword {
        case "say": try say(line)
        case "goto" where line.text.hasSuffix(":"): try varyGoto(line)
        case "ask": try ask(line)
        case "if": return try conditional(lines, index)
        case "else":
            throw fail(line, "'else' must follow an 'if' block at the same indentation")
        default: try simple(line, text: line.text)
        }
        return index + 1
    }

    /// Statements that fit on one line and take no indented block.
    private mutating func simple(_ line: OutlineLine, text: String, offset: Int = 0) throws(ContentError) {
        let keyword = String(text.prefix { $0 != " " && $0 != ":" })
        let restStart = text.dropFirst(keyword.count).prefix { $0 == " " }.count + keyword.count
        let rest = String(text.dropFirst(restStart)).trimmingSpaces()
        let restOffset = offset + restStart
        let location = line.location(at: offset)
        if !line.children.isEmpty && text == line.text {
            throw fail(line.children[0], "nothing may be indented under '\(keyword)'")
        }
        switch keyword {
        case "say":
            guard let colon = text.distance(of: ":") else { throw fail(line, offset: offset, "write 'say: what the bot says'") }
            let value = String(text.dropFirst(colon + 1))
            let lead = value.prefix { $0 == " " }.count
            _ = emit(.say(try TemplateParser.parse(value.trimmingSpaces(), at: line.location(at: offset + colon + 1 + lead))), location)
        case "goto", "go":
            var target = rest
            if keyword == "go" {
                guard rest.hasPrefix("to ") else { throw fail(line, offset: offset, "write 'goto NODE' or 'go to NODE'") }
                target = String(rest.dropFirst(3)).trimmingSpaces()
            }
            guard !target.isEmpty else { throw fail(line, offset: restOffset, "goto needs a node or flow name") }
            _ = emit(.goto(target), line.location(at: restOffset + (keyword == "go" ? 3 : 0)))
        case "call":
            guard !rest.isEmpty else { throw fail(line, offset: restOffset, "call needs a node or flow name") }
            _ = emit(.call(rest), line.location(at: restOffset))
        case "return":
            guard rest.isEmpty else { throw fail(line, offset: restOffset, "'return' takes nothing after it") }
            _ = emit(.returnFromCall, location)
        case "end":
            guard rest.isEmpty else { throw fail(line, offset: restOffset, "'end' takes nothing after it") }
            _ = emit(.end, location)
        case "set":
            guard let equals = rest.distance(of: "=") else { throw fail(line, offset: restOffset, "write 'set NAME = VALUE'") }
            let name = String(rest.prefix(equals)).trimmingSpaces()
            guard TemplateParser.isName(name) else { throw fail(line, offset: restOffset, "'\(name)' is not a variable name") }
            let valueText = String(rest.dropFirst(equals + 1))
            let lead = valueText.prefix { $0 == " " }.count
            let value = try ExpressionParser.parse(valueText.trimmingSpaces(), at: line.location(at: restOffset + equals + 1 + lead))
            _ = emit(.set(name, value), line.location(at: restOffset))
        case "record":
            try record(line, rest: rest, restOffset: restOffset)
        case "save":
            guard rest.hasPrefix("draft ") else { throw fail(line, offset: restOffset, "write 'save draft VALUE'") }
            let valueText = String(rest.dropFirst(6)).trimmingSpaces()
            _ = emit(.saveDraft(try ExpressionParser.parse(valueText, at: line.location(at: restOffset + 6))), location)
        case "seal":
            guard rest.hasPrefix("draft for ") else { throw fail(line, offset: restOffset, "write 'seal draft for SECONDS'") }
            let valueText = String(rest.dropFirst(10)).trimmingSpaces()
            _ = emit(.sealDraft(try ExpressionParser.parse(valueText, at: line.location(at: restOffset + 10))), location)
        case "delete":
            guard rest.hasPrefix("draft ") else { throw fail(line, offset: restOffset, "write 'delete draft VALUE'") }
            let valueText = String(rest.dropFirst(6)).trimmingSpaces()
            _ = emit(.deleteDraft(try ExpressionParser.parse(valueText, at: line.location(at: restOffset + 6))), location)
        case "wait":
            guard !rest.isEmpty else { throw fail(line, offset: restOffset, "write 'wait SECONDS' or 'wait VARIABLE'") }
            _ = emit(.wait(try ExpressionParser.parse(rest, at: line.location(at: restOffset))), location)
        case "match":
            guard let with = rest.range(of: " with ") else { throw fail(line, offset: restOffset, "write 'match VALUE with RULES'") }
            let valueText = String(rest[..<with.lowerBound]).trimmingSpaces()
            let setName = String(rest[with.upperBound...]).trimmingSpaces()
            let setOffset = restOffset + rest.distance(from: rest.startIndex, to: with.upperBound)
            guard TemplateParser.isName(setName) else { throw fail(line, offset: setOffset, "'\(setName)' is not a rule set name") }
            let value = try ExpressionParser.parse(valueText, at: line.location(at: restOffset))
            _ = emit(.match(value, ruleSet: setName), line.location(at: setOffset))
        case "check":
            guard rest.hasPrefix("tone of ") else { throw fail(line, offset: restOffset, "write 'check tone of VALUE' or 'check tone of VALUE for CATEGORY'") }
            let body = String(rest.dropFirst(8))
            let parts = body.components(separatedBy: " for ")
            let value = try ExpressionParser.parse(parts[0].trimmingSpaces(), at: line.location(at: restOffset + 8))
            var category: Expression?
            if parts.count > 1 {
                category = try ExpressionParser.parse(parts[1].trimmingSpaces(), at: line.location(at: restOffset + 8 + parts[0].count + 5))
            }
            _ = emit(.checkTone(value, category: category), location)
        case "show":
            let words = rest.split(separator: " ", maxSplits: 1)
            guard words.first == "resources" else { throw fail(line, offset: restOffset, "write 'show resources' or 'show resources crisis, abuse'") }
            let kinds = words.count > 1 ? words[1].split(separator: ",").map { $0.trimmingSpaces() } : []
            for kind in kinds where !["emergency", "crisis", "abuse", "directory"].contains(kind) {
                throw fail(line, offset: restOffset, "unknown resource kind '\(kind)'",
                           note: Suggestion.note(for: kind, in: ["emergency", "crisis", "abuse", "directory"]) ?? "kinds: emergency, crisis, abuse, directory")
            }
            _ = emit(.showResources(kinds: kinds), location)
        case "remember":
            guard TemplateParser.isName(rest) else { throw fail(line, offset: restOffset, "write 'remember VARIABLE'") }
            _ = emit(.remember(rest), line.location(at: restOffset))
        case "ask", "if":
            throw fail(line, offset: offset, "'\(keyword)' cannot follow a colon; put it on its own line")
        default:
            throw fail(line, offset: offset, "unknown statement '\(keyword)'",
                       note: Suggestion.note(for: keyword, in: ContentParser.statementKeywords))
        }
    }

    private mutating func record(_ line: OutlineLine, rest: String, restOffset: Int) throws(ContentError) {
        let event = String(rest.prefix { $0 != " " })
        guard TemplateParser.isName(event) else { throw fail(line, offset: restOffset, "record needs an event name") }
        var fields: [RecordField] = []
        var offset = restOffset + event.count
        let remainder = String(rest.dropFirst(event.count))
        for piece in Self.splitOutsideQuotes(remainder) {
            defer { offset += piece.count + 1 }
            let text = piece.trimmingSpaces()
            if text.isEmpty {
                if remainder.trimmingSpaces().isEmpty { break }
                throw fail(line, offset: offset, "an empty field in 'record'")
            }
            let lead = piece.prefix { $0 == " " }.count
            guard let equals = text.distance(of: "=") else {
                throw fail(line, offset: offset + lead, "a record field is written 'name = value'")
            }
            let name = String(text.prefix(equals)).trimmingSpaces()
            let valueText = String(text.dropFirst(equals + 1))
            let valueLead = valueText.prefix { $0 == " " }.count
            let value = try ExpressionParser.parse(valueText.trimmingSpaces(), at: line.location(at: offset + lead + equals + 1 + valueLead))
            fields.append(RecordField(name: name, value: value, location: line.location(at: offset + lead)))
        }
        _ = emit(.record(event: event, fields: fields), line.location(at: restOffset))
    }

    private mutating func say(_ line: OutlineLine) throws(ContentError) {
        guard let (key, value, valueOffset) = line.keyValue else { throw fail(line, "write 'say: what the bot says'") }
        let modeName = key.dropFirst(3).trimmingSpaces()
        if modeName.isEmpty {
            guard !value.isEmpty else { throw fail(line, "'say:' needs something to say after the colon") }
            try simple(line, text: line.text)
            return
        }
        guard let mode = VariationMode(rawValue: modeName) else {
            throw fail(line, offset: 4, "unknown variation '\(modeName)'",
                       note: Suggestion.note(for: modeName, in: VariationMode.allCases.map(\.rawValue))
                           ?? "use sequence, cycle, once or shuffle")
        }
        guard value.isEmpty else { throw fail(line, offset: valueOffset, "put each line of a variation on its own '- ' line below") }
        var templates: [Template] = []
        for child in line.children {
            guard child.text.hasPrefix("- ") || child.text == "-" else {
                throw fail(child, "each line of a variation starts with '- '")
            }
            let text = String(child.text.dropFirst(1)).trimmingSpaces()
            guard !text.isEmpty else { throw fail(child, "this variation line is empty") }
            templates.append(try TemplateParser.parse(text, at: child.location(at: 2)))
        }
        guard !templates.isEmpty else { throw fail(line, "'say \(modeName):' needs '- ' lines under it") }
        variationCount += 1
        _ = emit(.vary(key: "\(scope)#\(variationCount)", mode: mode, lines: templates), line.location)
    }

    /// `goto shuffle:` (or sequence, cycle, once) with `- node` lines: a jump picked like a variation.
    private mutating func varyGoto(_ line: OutlineLine) throws(ContentError) {
        let modeName = String(line.text.dropFirst(4).dropLast()).trimmingSpaces()
        guard let mode = VariationMode(rawValue: modeName), mode != .once else {
            throw fail(line, offset: 5, "write 'goto shuffle:', 'goto sequence:' or 'goto cycle:' with '- node' lines below")
        }
        var targets: [String] = []
        var locations: [SourceLocation] = []
        for child in line.children {
            guard child.text.hasPrefix("- ") else { throw fail(child, "each target starts with '- '") }
            targets.append(String(child.text.dropFirst(2)).trimmingSpaces())
            locations.append(child.location(at: 2))
        }
        guard !targets.isEmpty else { throw fail(line, "'goto \(modeName):' needs '- node' lines under it") }
        variationCount += 1
        _ = emit(.varyGoto(key: "\(scope)#\(variationCount)", mode: mode, targets: targets), line.location)
        gotoTargetLocations[code.instructions.count - 1] = locations
    }

    private mutating func ask(_ line: OutlineLine) throws(ContentError) {
        guard let (key, value, valueOffset) = line.keyValue else {
            throw fail(line, "write 'ask NAME as KIND: the question'")
        }
        var words = key.split(separator: " ").map(String.init)
        var optional = false
        var theirs = false
        while words.count >= 5, words[3] == "optional" || words[3] == "their" {
            if words[3] == "optional" { optional = true } else { theirs = true }
            words.remove(at: 3)
        }
        guard words.count >= 4, words[2] == "as" else {
            throw fail(line, "write 'ask NAME as KIND: the question'", note: "kinds: choice, scale, yesno, text, lines, date, duration, number")
        }
        let name = words[1]
        guard TemplateParser.isName(name) else { throw fail(line, offset: 4, "'\(name)' is not a variable name") }
        let kindOffset = key.range(of: " as ").map { key.distance(from: key.startIndex, to: $0.upperBound) } ?? 0
        let kind: AnswerKind
        if let plain = AnswerKind.byName[words[3]] {
            kind = plain
        } else if words[3] == "scale" {
            let range = words.dropFirst(4)
            if range.isEmpty {
                kind = .scale(0...10)
            } else if range.count == 3, range[range.startIndex + 1] == "to",
                      let low = Int(range[range.startIndex]), let high = Int(range[range.startIndex + 2]), low < high {
                kind = .scale(low...high)
            } else {
                throw fail(line, offset: kindOffset, "write 'scale' or 'scale LOW to HIGH', like 'scale 1 to 10'")
            }
        } else {
            throw fail(line, offset: kindOffset, "unknown answer kind '\(words[3])'",
                       note: Suggestion.note(for: words[3], in: ["choice", "scale", "yesno", "text", "lines", "date", "duration", "number"])
                           ?? "kinds: choice, scale, yesno, text, lines, date, duration, number")
        }
        if words.count > 4, words[3] != "scale" {
            throw fail(line, offset: kindOffset, "unexpected words after '\(words[3])'")
        }
        guard !value.isEmpty else { throw fail(line, "the question needs its words after the colon") }
        if theirs, kind != .text, kind != .lines {
            throw fail(line, offset: kindOffset, "only text and lines questions can hold their words")
        }
        if optional, kind != .text, kind != .lines, kind != .date {
            throw fail(line, offset: kindOffset, "only text, lines and date questions can be optional")
        }
        var question = Question(variable: name, kind: kind, prompt: try TemplateParser.parse(value, at: line.location(at: valueOffset)),
                                choices: [], hint: nil, retries: 2, optional: optional, theirs: theirs, defaultValue: nil, location: line.location)
        var fallback: (line: OutlineLine, text: String, offset: Int)?
        for child in line.children {
            if child.text.hasPrefix("- ") {
                guard kind == .choice || kind == .yesNo else { throw fail(child, "only 'choice' and 'yesno' questions have '- ' options") }
                let body = String(child.text.dropFirst(2))
                guard let colon = body.distance(of: ":") else { throw fail(child, offset: 2, "an option is written '- key: what the person sees'") }
                let optionKey = String(body.prefix(colon)).trimmingSpaces()
                let labelAndSynonyms = String(body.dropFirst(colon + 1)).split(separator: "|", maxSplits: 1)
                let label = labelAndSynonyms.first.map { $0.trimmingSpaces() } ?? ""
                let synonyms = labelAndSynonyms.count > 1
                    ? labelAndSynonyms[1].split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty } : []
                guard TemplateParser.isName(optionKey) else { throw fail(child, offset: 2, "'\(optionKey)' is not a valid option key") }
                if kind == .yesNo, optionKey != "yes", optionKey != "no" {
                    throw fail(child, offset: 2, "a yes/no question's options are 'yes' and 'no', with the words that mean each after '|'")
                }
                guard !label.isEmpty else { throw fail(child, offset: 2 + colon, "the option '\(optionKey)' has no words to show") }
                if question.choices.contains(where: { $0.key == optionKey }) {
                    throw fail(child, offset: 2, "the option '\(optionKey)' appears twice")
                }
                let template = label.contains("{") ? try TemplateParser.parse(label, at: child.location(at: 2 + colon + 1)) : nil
                question.choices.append(Choice(key: optionKey, label: label, synonyms: synonyms, labelTemplate: template))
                continue
            }
            guard let (field, fieldValue, fieldOffset) = child.keyValue else {
                throw fail(child, "under a question: '- key: option', 'hint:', 'retries:', 'default:', 'unsure:', 'covers:', 'from:', 'drop:', 'days:' or 'else:'")
            }
            switch field {
            case "hint": question.hint = try TemplateParser.parse(fieldValue, at: child.location(at: fieldOffset))
            case "retries":
                guard let retries = Int(fieldValue), (0...9).contains(retries) else {
                    throw fail(child, offset: fieldOffset, "retries must be a whole number from 0 to 9")
                }
                question.retries = retries
            case "default": question.defaultValue = try ExpressionParser.parse(fieldValue, at: child.location(at: fieldOffset))
            case "unsure": question.unsureValue = try ExpressionParser.parse(fieldValue, at: child.location(at: fieldOffset))
            case "covers":
                question.covers = fieldValue.split(separator: ",").map { $0.trimmingSpaces() }
                for category in question.covers where CrisisCategory(rawValue: category) == nil {
                    throw fail(child, offset: fieldOffset, "'\(category)' is not a crisis category",
                               note: Suggestion.note(for: category, in: CrisisCategory.allCases.map(\.rawValue))
                                   ?? "the categories are \(CrisisCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "from":
                var fillable = kind == .date || kind == .choice
                if case .scale = kind { fillable = true }
                guard fillable else {
                    throw fail(child, "'from:' fills a date, choice or scale question from earlier words; this question takes \(kind.name)")
                }
                question.fillFrom = try ExpressionParser.parse(fieldValue, at: child.location(at: fieldOffset))
            case "drop":
                guard kind == .text || kind == .lines else {
                    throw fail(child, "'drop:' takes leading words off a text answer; this question takes \(kind.name)")
                }
                question.dropWords = fieldValue.split(separator: ",").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
            case "days":
                guard kind == .choice else {
                    throw fail(child, "'days:' takes a number of days typed at a menu; this question takes \(kind.name)")
                }
                guard TemplateParser.isName(fieldValue) else { throw fail(child, offset: fieldOffset, "'\(fieldValue)' is not a variable name") }
                question.daysVariable = fieldValue
            case "counted from":
                guard kind == .days || kind == .choice else {
                    throw fail(child, "'counted from:' reads an end date as a number of days; this question takes \(kind.name)")
                }
                question.countedFrom = try ExpressionParser.parse(fieldValue, at: child.location(at: fieldOffset))
            case "else": fallback = (child, fieldValue, fieldOffset)
            default:
                throw fail(child, "unknown question field '\(field)'",
                           note: Suggestion.note(for: field, in: ["hint", "retries", "default", "unsure", "covers", "from", "drop", "days",
                                                                  "counted from", "else"]))
            }
        }
        if kind == .choice, question.choices.count < 2 {
            throw fail(line, "a choice question needs at least two '- key: label' options")
        }
        guard let fallback else {
            _ = emit(.ask(question, fallback: nil), line.location)
            return
        }
        let askIndex = emit(.ask(question, fallback: nil), line.location)
        let jumpIndex = emit(.jump(-1), line.location)
        code.instructions[askIndex] = .ask(question, fallback: jumpIndex + 1)
        try simple(fallback.line, text: fallback.text, offset: fallback.offset)
        code.instructions[jumpIndex] = .jump(code.instructions.count)
    }

    /// `if` with its `else if` / `else` siblings.
    private mutating func conditional(_ lines: [OutlineLine], _ start: Int) throws(ContentError) -> Int {
        var index = start
        var endJumps: [Int] = []
        while index < lines.count {
            let line = lines[index]
            let isFirst = index == start
            let isElseIf = !isFirst && line.text.hasPrefix("else if ")
            let isElse = !isFirst && (line.text == "else:" || line.text.hasPrefix("else: "))
            if !isFirst && !isElseIf && !isElse { break }
            guard let (head, value, valueOffset) = line.keyValue else {
                throw fail(line, "'\(isElse ? "else" : "if")' needs a colon after its condition")
            }
            var skip: Int?
            if !isElse {
                let conditionText = String(head.dropFirst(isElseIf ? 8 : 3))
                guard !conditionText.trimmingSpaces().isEmpty else { throw fail(line, "the condition is missing") }
                let condition = try ExpressionParser.parse(conditionText.trimmingSpaces(), at: line.location(at: isElseIf ? 8 : 3))
                skip = emit(.jumpUnless(condition, -1), line.location)
            }
            if !value.isEmpty {
                if !line.children.isEmpty { throw fail(line.children[0], "put the statement after the colon or indented below, not both") }
                try simple(line, text: value, offset: valueOffset)
            } else {
                guard !line.children.isEmpty else { throw fail(line, "this branch is empty") }
                try compile(line.children)
            }
            if let skip {
                endJumps.append(emit(.jump(-1), line.location))
                code.instructions[skip] = .jumpUnless(Self.condition(of: code.instructions[skip]), code.instructions.count)
            }
            index += 1
            if isElse { break }
        }
        for jump in endJumps { code.instructions[jump] = .jump(code.instructions.count) }
        return index
    }

    /// Splits at commas that are not inside double quotes.
    static func splitOutsideQuotes(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        for index in text.indices {
            if text[index] == "\"" { inQuotes.toggle() }
            if text[index] == ",", !inQuotes {
                pieces.append(text[start..<index])
                start = text.index(after: index)
            }
        }
        pieces.append(text[start...])
        return pieces
    }

    private static func condition(of instruction: Instruction) -> Expression {
        if case .jumpUnless(let condition, _) = instruction { return condition }
        return .literal(.bool(true))
    }
}

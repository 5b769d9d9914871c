/// The reflection prompts from `Content/prompts/*.prompts`, and how one is chosen each day:
/// the least recently used prompt that has not been shown in the last 30 days, from the
/// gentle ones when mood is low.
public struct PromptDeck: Sendable, Codable {
    public struct Prompt: Sendable, Hashable, Codable {
        public var id: String
        public var category: String
        public var gentle: Bool
        public var text: String
        public var location: SourceLocation
    }

    public static let categories = ["grief", "reality", "self-care", "support", "growth", "future"]
    /// No prompt comes back within this many days.
    public static let spacingDays = 30

    public private(set) var prompts: [Prompt] = []

    public init() {}

    init(prompts: [Prompt]) {
        self.prompts = prompts
    }

    /// Reads a `prompts` block.
    public mutating func add(file: String, lines: [OutlineLine]) throws(ContentError) {
        var problems: [Diagnostic] = []
        for line in lines {
            guard line.text == "prompts" else {
                problems.append(.error(at: line.location, "a prompts file holds one 'prompts' block, not '\(line.text)'"))
                continue
            }
            for child in line.children {
                do throws(ContentError) { prompts.append(try prompt(child)) } catch { problems += error.diagnostics }
            }
        }
        if !problems.isEmpty { throw ContentError(problems) }
    }

    private func prompt(_ line: OutlineLine) throws(ContentError) -> Prompt {
        guard line.text.hasPrefix("prompt ") else {
            throw ContentError([.error(at: line.location, "each entry is written 'prompt ID'")])
        }
        let id = String(line.text.dropFirst(7)).trimmingSpaces()
        guard TemplateParser.isName(id) else { throw ContentError([.error(at: line.location(at: 7), "'\(id)' is not a valid prompt id")]) }
        if let earlier = prompts.first(where: { $0.id == id }) {
            throw ContentError([.error(at: line.location(at: 7), "the prompt '\(id)' is defined twice", note: "the first is at \(earlier.location)")])
        }
        var prompt = Prompt(id: id, category: "", gentle: false, text: "", location: line.location(at: 7))
        for child in line.children {
            guard let (key, value, offset) = child.keyValue else { throw ContentError([.error(at: child.location, "write 'key: value'")]) }
            switch key {
            case "category":
                guard Self.categories.contains(value) else {
                    throw ContentError([.error(at: child.location(at: offset), "unknown category '\(value)'",
                                               note: Suggestion.note(for: value, in: Self.categories) ?? "categories: \(Self.categories.joined(separator: ", "))")])
                }
                prompt.category = value
            case "gentle":
                guard value == "yes" || value == "no" else { throw ContentError([.error(at: child.location(at: offset), "write 'gentle: yes' or 'gentle: no'")]) }
                prompt.gentle = value == "yes"
            case "text":
                guard !value.isEmpty else { throw ContentError([.error(at: child.location(at: offset), "the prompt's text is empty")]) }
                prompt.text = value
            default:
                throw ContentError([.error(at: child.location, "unknown field '\(key)'", note: Suggestion.note(for: key, in: ["category", "gentle", "text"]))])
            }
        }
        if prompt.category.isEmpty { throw ContentError([.error(at: line.location, "the prompt '\(id)' has no 'category:'")]) }
        if prompt.text.isEmpty { throw ContentError([.error(at: line.location, "the prompt '\(id)' has no 'text:'")]) }
        return prompt
    }

    /// Chooses today's prompt.
    /// - Parameters:
    ///   - history: prompt ids with the day each was shown.
    ///   - gentle: choose among gentle prompts (a low-mood day), when there are any left.
    public func pick(today: Day, history: [(id: String, day: Day)], gentle: Bool) -> Prompt? {
        var lastShown: [String: Day] = [:]
        for entry in history where lastShown[entry.id].map({ $0 < entry.day }) ?? true { lastShown[entry.id] = entry.day }
        func rested(_ prompt: Prompt) -> Bool {
            guard let last = lastShown[prompt.id] else { return true }
            return last.days(to: today) >= Self.spacingDays
        }
        let pool = gentle ? prompts.filter(\.gentle) : prompts
        let candidates = pool.filter(rested)
        let fallback = prompts.filter(rested)
        let choices = candidates.isEmpty ? (fallback.isEmpty ? prompts : fallback) : candidates
        // Never shown first (in file order, spread over categories by the day), then the longest ago.
        let neverShown = choices.filter { lastShown[$0.id] == nil }
        if !neverShown.isEmpty {
            let byCategory = Dictionary(grouping: neverShown, by: \.category)
            let categories = Self.categories.filter { byCategory[$0] != nil }
            let category = categories[abs(today.ordinal) % categories.count]
            return byCategory[category]?.first
        }
        return choices.min { (lastShown[$0.id] ?? today) < (lastShown[$1.id] ?? today) }
    }
}

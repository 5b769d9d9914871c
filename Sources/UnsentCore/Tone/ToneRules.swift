/// The tone rules from `Content/tone/*.tone`: word lists per flag with their exceptions,
/// advice and example rewrites, word norms per reply category, and the shouting settings.
/// Read by `add(file:lines:)`, linked once by `link()`, then asked by `check(_:category:)`.
///
/// The file format is described in `Content/tone/README.md` and at the top of each file.
public struct ToneRules: Sendable, Codable {
    /// The flags Unsent knows; a `flag` block must name one of them.
    public static let flagIDs = [
        "contempt", "hostility", "begging", "blame", "guilt", "intimacy", "jealousy", "over-apology",
        "reopening", "shouting", "too-long", "ultimatum", "baiting",
    ]
    /// The flags that are counted rather than matched against words.
    static let countedFlags: Set<String> = ["too-long"]

    var categories: [ToneName] = []
    var groups: [ToneGroup] = []
    var lengths: [ToneLength] = []
    var spellings: [SpellingLine] = []
    var concepts: [ConceptLine] = []
    var flags: [ToneFlagBlock] = []
    /// Built by `link()`; nil before.
    var matcher: ToneMatcher?

    /// A snapshot keeps the categories and the built matcher: the rest, as written, serves
    /// `link()` and `lint()`, and `unsent content check` always reads the files.
    enum CodingKeys: String, CodingKey { case categories, matcher }

    public init() {}

    /// Reads one `.tone` file's outline into the rules.
    public mutating func add(file: String, lines: [OutlineLine]) throws(ContentError) {
        var problems: [Diagnostic] = []
        for line in lines { read(topLevel: line, into: &problems) }
        if !problems.isEmpty { throw ContentError(problems) }
    }

    /// Checks the rules once every file is read (unknown flags, categories and concepts,
    /// duplicates, flags without advice) and builds the matcher. Until it has run, `check`
    /// finds nothing.
    public mutating func link() -> [Diagnostic] {
        let (built, problems) = ToneLinker.link(self)
        matcher = built
        return problems
    }

    /// Problems a writer should hear about from `unsent content check`: samples that do not
    /// come out as written, concepts nothing uses, and flags with no block.
    public func lint() -> [Diagnostic] {
        lintSamples() + lintUnused()
    }

    /// The tone flags a draft raises, sorted by id, at most one per id.
    /// - Parameters:
    ///   - draft: the reply as typed.
    ///   - category: the kind of message being answered (`logistics`, `miss-you`...); it sets
    ///     the word norm and the lines limited with `in`. Unknown or nil uses the defaults.
    public func check(_ draft: String, category: String? = nil) -> [ToneFlag] {
        guard let matcher else { return [] }
        return matcher.check(draft, category: category)
    }

    /// A flag raised from outside the rules (by the trained tone reader), with the advice and
    /// example rewrite the content gives it for the category; nil for a flag with no block, and,
    /// when `yielding`, when one of the flag's `unless:` lines covers a third of the quote or more.
    public func flag(_ id: String, quote: String, category: String? = nil, yielding: Bool = false) -> ToneFlag? {
        guard let matcher, let flag = matcher.flags.first(where: { $0.id == id }) else { return nil }
        if yielding, matcher.isExcepted(flag: id, sentence: quote, category: category) { return nil }
        return ToneFlag(id: id, quote: quote, advice: ToneMatcher.pick(flag.advice, for: category) ?? "",
                        template: ToneMatcher.pick(flag.templates, for: category))
    }

    /// The word norm for replies to a category (nil when the content sets none).
    public func wordLimit(for category: String?) -> Int? {
        matcher?.wordLimit(for: category)
    }

    /// Words in a draft as `too-long` counts them: pieces between spaces holding a letter or a digit.
    public static func wordCount(_ draft: String) -> Int {
        ToneText.wordCount(draft)
    }

    /// The number of flag blocks read, for summaries.
    public var flagCount: Int { matcher?.flags.count ?? flags.count }

    /// The category ids the content declares, in file order.
    public var categoryIDs: [String] { categories.map(\.name) }
}

/// The crisis rules from `Content/safety/*.safety`: concepts, spellings, idioms and rules,
/// read by `add(file:lines:)`, linked once by `link()`, then asked by `classify(_:)`.
///
/// The file format is described in `Content/safety/README.md` and at the top of each file.
public struct SafetyRules: Sendable, Codable {
    var concepts: [ConceptLine] = []
    var spellings: [SpellingLine] = []
    /// `idiom:` patterns: the words they cover are invisible to every rule.
    var idioms: [SafetyPattern] = []
    var rules: [SafetyRule] = []
    /// Built by `link()`; nil before.
    var matcher: SafetyMatcher?
    /// The third layer, from `model.weights`: asked only when no rule matched at all.
    var model: SafetyModel?
    /// The last net, the trained safety reader: set by `Content.safety` from its readers, never
    /// kept in a snapshot (the reader is kept with the other readers).
    var readerNet: SafetyReaderNet?

    /// A snapshot keeps the built matcher and the model: the rules as written serve `link()` and
    /// `lint()`, and `unsent content check` always reads the files.
    enum CodingKeys: String, CodingKey { case matcher, model }

    public init() {}

    /// Reads one `.safety` file's outline into the rules.
    public mutating func add(file: String, lines: [OutlineLine]) throws(ContentError) {
        var problems: [Diagnostic] = []
        for line in lines { read(topLevel: line, into: &problems) }
        if !problems.isEmpty { throw ContentError(problems) }
    }

    /// Reads the statistical model (`Content/safety/model.weights`); one model file at most.
    public mutating func addModel(file: String, text: String) throws(ContentError) {
        var reader = SafetyModelReader(file: file, text: text)
        let read = try reader.read()
        guard model == nil else {
            throw ContentError([.error(at: SourceLocation(file: file, line: 1, column: 1),
                                       "a second model file; the crisis check reads one '.weights' file",
                                       note: "keep Content/safety/model.weights and remove the other")])
        }
        model = read
    }

    /// Checks the rules once every file is read (unknown concepts, duplicate names and the
    /// like) and builds the matcher. Until it has run, `classify` finds nothing.
    public mutating func link() -> [Diagnostic] {
        let (built, problems) = SafetyLinker.link(self)
        matcher = built
        model?.bind(to: built)
        return problems
    }

    /// Problems a writer should hear about from `unsent content check`: rule samples that do
    /// not come out as written, and concepts no rule uses.
    public func lint() -> [Diagnostic] {
        lintSamples() + lintUnusedConcepts()
    }

    /// The category of crisis language in the text, or nil when there is none.
    public func classify(_ text: String) -> CrisisCategory? {
        evaluate(text)?.category
    }

    /// The category, and whether it is only the unsure band of the model or the reader (no rule,
    /// no confident verdict): the engine lets such a guess pass once the person has said no to a
    /// check-in in the same conversation.
    ///
    /// `question`: what the line answers. Its own words said back ("i dont know what a plan would even
    /// do" to "Would you like to set up a plan first?") are not read by the nets (the model and the
    /// reader), which learnt "plan" from crisis lines (drive-21); the rules read the whole line.
    /// The question is read only when the nets are asked.
    public func verdict(_ text: String, answering question: @autoclosure () -> String? = nil) -> (category: CrisisCategory, unsure: Bool)? {
        evaluate(text, echoing: { question().map(Self.echoWords) ?? [] }).map { ($0.category, $0.unsure) }
    }

    /// The words of a question an answer may say back: four letters or more, and not among the most
    /// common words of English.
    static func echoWords(_ question: String) -> Set<String> {
        Set(SafetyText.words(of: question).filter { $0.count >= 4 && !LanguageGuess.common.contains($0) })
    }

    /// The category and the id of the rule that decided it, for authors; the id is followed by
    /// the reason in brackets when the rule's category was changed, as in `kill-myself (negated)`.
    public func explain(_ text: String) -> (category: CrisisCategory, rule: String)? {
        evaluate(text).map { ($0.category, $0.rule) }
    }

    /// The number of rules read, for summaries.
    public var ruleCount: Int { matcher?.rules.count ?? rules.count }

    /// The rules' `sample:` lines with the verdict they must get (`-` for `sample none:`), as
    /// labelled lines for training the model; soften rules' samples have no verdict and are left out.
    public var labelledSamples: [SafetyExample] {
        rules.flatMap { rule in
            rule.samples.compactMap { sample in
                sample.expected.map { expected in
                    let label = if case .category(let category) = expected { category.rawValue } else { "-" }
                    return SafetyExample(label: label, text: sample.text, file: sample.location.file, line: sample.location.line)
                }
            }
        }
    }

    /// The statistical model read with the rules, if any.
    public var statisticalModel: SafetyModel? { model }
}

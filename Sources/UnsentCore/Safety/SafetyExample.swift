/// One labelled line for training the crisis check's model: `LABEL<TAB>TEXT`, where the label
/// is `-` (nothing), `ambiguous` or a category id such as `self-harm`.
public struct SafetyExample: Sendable, Codable, Hashable {
    public var label: String
    public var text: String
    /// Where it was read from, for messages.
    public var file: String
    public var line: Int

    public init(label: String, text: String, file: String, line: Int) {
        self.label = label
        self.text = text
        self.file = file
        self.line = line
    }

    /// Every label a line may carry.
    public static let labels = ["-"] + CrisisCategory.allCases.map(\.rawValue)

    /// The model class (lane) of the label: `-` is `none`.
    var lane: Int? {
        SafetyModel.classNames.firstIndex(of: label == "-" ? "none" : label)
    }

    /// Reads a labelled file. Blank lines and `#` comments are skipped; a line that is not
    /// exactly a known label, a tab and some text (and, for a quoted line, a tab and the address
    /// of its page) is left out and reported, with its place.
    public static func read(file: String, text: String) -> (examples: [SafetyExample], problems: [Diagnostic]) {
        var examples: [SafetyExample] = []
        var problems: [Diagnostic] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let number = index + 1
            func skip(_ column: Int, _ message: String) {
                var problem = Diagnostic.warning(at: SourceLocation(file: file, line: number, column: column),
                                                 message + "; the line is left out")
                problem.sourceLine = String(line)
                problems.append(problem)
            }
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            // Real people's words keep the page they were quoted from as a third field.
            if fields.count == 3, fields[2].hasPrefix("http://") || fields[2].hasPrefix("https://") { fields.removeLast() }
            guard fields.count == 2 else {
                if fields.count < 2 {
                    skip(1, "a labelled line needs a label, a tab and the text")
                } else {
                    skip(fields[0].count + fields[1].count + 3, "a labelled line has two fields, but this one has \(fields.count)")
                }
                continue
            }
            let label = String(fields[0])
            guard labels.contains(label) else {
                skip(1, "'\(label)' is not a label; the labels are \(labels.joined(separator: ", "))")
                continue
            }
            let statement = fields[1].trimmingCharacters(in: " ")
            guard !statement.isEmpty else {
                skip(label.count + 2, "the line has a label but no text")
                continue
            }
            examples.append(SafetyExample(label: label, text: statement, file: file, line: number))
        }
        return (examples, problems)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = self
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}

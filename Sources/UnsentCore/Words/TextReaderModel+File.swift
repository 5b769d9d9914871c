/// The `.model` file of a trained reader: comments, then `reader:`, `format:`, `classes:`,
/// `act:`, `ask:`, `offer:` and `bias:` lines, then one line per feature: its name, a tab, and
/// `class:weight` pairs (class numbers in the order of `classes:`) separated by spaces.
extension TextReaderModel {
    /// Reads a model file; problems name the file, line and column.
    public static func read(file: String, text: String) throws(ContentError) -> TextReaderModel {
        var header: [String: (value: String, line: Int)] = [:]
        var weights: [(key: UInt64, entries: [(classIndex: Int, weight: Float)])] = []
        var classCount = 0
        func fail(_ line: Int, _ column: Int, _ message: String, note: String? = nil) -> ContentError {
            ContentError([.error(at: SourceLocation(file: file, line: line, column: column), message, note: note)])
        }
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let tab = line.firstIndex(of: "\t") {
                guard header["classes"] != nil else {
                    throw fail(lineNumber, 1, "a feature line before the 'classes:' line", note: "the header lines come first")
                }
                var row: [(classIndex: Int, weight: Float)] = []
                var column = line.distance(from: line.startIndex, to: tab) + 2
                for pair in line[line.index(after: tab)...].split(separator: " ", omittingEmptySubsequences: false) {
                    let parts = pair.split(separator: ":")
                    guard parts.count == 2, let classIndex = Int(parts[0]), let weight = Float(parts[1]),
                          (0..<classCount).contains(classIndex), weight.isFinite else {
                        throw fail(lineNumber, column, "'\(pair)' is not a class number and a weight",
                                   note: "write pairs like 3:0.125, with class numbers from 0 to \(classCount - 1)")
                    }
                    row.append((classIndex, weight))
                    column += pair.count + 1
                }
                weights.append((ReaderFeatures.key(String(line[..<tab])), row))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw fail(lineNumber, 1, "a line that is neither a header ('name: value') nor a feature (name, a tab, weights)")
            }
            let key = String(line[..<colon])
            let value = String(line[line.index(after: colon)...]).trimmed
            guard ["reader", "format", "classes", "act", "ask", "offer", "bias"].contains(key) else {
                throw fail(lineNumber, 1, "unknown header '\(key)'", note: "the headers are reader, format, classes, act, ask, offer and bias")
            }
            header[key] = (value, lineNumber)
            if key == "classes" { classCount = value.split(separator: ",").count }
        }
        func value(_ key: String) throws(ContentError) -> (String, Int) {
            guard let found = header[key] else { throw fail(1, 1, "the model file has no '\(key):' line") }
            return found
        }
        func number(_ key: String) throws(ContentError) -> Float {
            let (text, line) = try value(key)
            guard let number = Float(text), (0...1).contains(number) else {
                throw fail(line, key.count + 3, "'\(text)' is not a number from 0 to 1")
            }
            return number
        }
        let (format, formatLine) = try value("format")
        guard Int(format) == formatVersion else {
            throw fail(formatLine, 9, "model format '\(format)' is not one this program reads (\(formatVersion))",
                       note: "train the model again with Scripts/train")
        }
        let classes = try value("classes").0.split(separator: ",").map { $0.trimmed }
        let (biasText, biasLine) = try value("bias")
        let bias = biasText.split(separator: " ").compactMap { Float($0) }
        guard bias.count == classes.count else {
            throw fail(biasLine, 7, "\(bias.count) bias numbers for \(classes.count) classes")
        }
        return TextReaderModel(name: try value("reader").0, classes: classes, act: try number("act"), ask: try number("ask"),
                               offer: try number("offer"), bias: bias, weights: weights)
    }

    /// The file text for a model whose weights are given by feature name.
    public static func write(name: String, classes: [String], act: Float, ask: Float, offer: Float, bias: [Float],
                             weights: [(name: String, entries: [(classIndex: Int, weight: Float)])], comments: [String]) -> String {
        var text = comments.map { "# " + $0 }.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        text += "reader: \(name)\nformat: \(formatVersion)\nclasses: \(classes.joined(separator: ", "))\n"
        text += "act: \(decimal(act))\nask: \(decimal(ask))\noffer: \(decimal(offer))\n"
        text += "bias: \(bias.map(decimal).joined(separator: " "))\n"
        for (name, entries) in weights.sorted(by: { $0.name < $1.name }) where !entries.isEmpty {
            text += name + "\t" + entries.map { "\($0.classIndex):\(decimal($0.weight))" }.joined(separator: " ") + "\n"
        }
        return text
    }

    /// A number with at most three decimals, without trailing zeros.
    static func decimal(_ value: Float) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 1000) + (fraction.isEmpty ? "" : "." + fraction)
    }
}

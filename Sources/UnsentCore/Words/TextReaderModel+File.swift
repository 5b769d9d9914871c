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
        // Read as bytes: the model has thousands of lines, and walking them as Characters made a
        // first start (before a snapshot exists) seconds long.
        let all = Array(text.utf8)
        var lineStart = 0
        while lineStart <= all.count {
            var lineEnd = all[lineStart...].firstIndex(of: 0x0A) ?? all.count
            let next = lineEnd + 1
            lineNumber += 1
            if lineEnd > lineStart, all[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { lineStart = next }
            let bytes = Array(all[lineStart..<lineEnd])
            if bytes.isEmpty || bytes[0] == UInt8(ascii: "#") { continue }
            if let tabOffset = bytes.firstIndex(of: 0x09) {
                guard header["classes"] != nil else {
                    throw fail(lineNumber, 1, "a feature line before the 'classes:' line", note: "the header lines come first")
                }
                guard let row = Self.pairs(bytes, from: tabOffset + 1, classCount: classCount) else {
                    let column = Self.firstBadPair(bytes, from: tabOffset + 1, classCount: classCount)
                    let pair = String(decoding: bytes[column...].prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self)
                    throw fail(lineNumber, column + 1, "'\(pair)' is not a class number and a weight",
                               note: "write pairs like 3:0.125, with class numbers from 0 to \(classCount - 1)")
                }
                weights.append((ReaderFeatures.key(bytes: bytes[..<tabOffset]), row))
                continue
            }
            let line = String(decoding: bytes, as: UTF8.self)
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

    /// The `class:weight` pairs of a feature line from byte `start`, read by hand: a model has
    /// hundreds of thousands of them, and `Float(String)` on each made the first start seconds long.
    /// Nil when any pair is not a class number below `classCount`, a colon and a decimal.
    static func pairs(_ bytes: [UInt8], from start: Int, classCount: Int) -> [(classIndex: Int, weight: Float)]? {
        var row: [(classIndex: Int, weight: Float)] = []
        var index = start
        while index < bytes.count {
            guard let (classIndex, afterClass) = integer(bytes, index), afterClass < bytes.count,
                  bytes[afterClass] == UInt8(ascii: ":"), classIndex < classCount,
                  let (weight, end) = decimal(bytes, afterClass + 1), end == bytes.count || bytes[end] == UInt8(ascii: " ") else {
                return nil
            }
            row.append((classIndex, weight))
            index = end + 1
        }
        return index == start ? nil : row
    }

    /// Where the first pair that does not read starts (for the column of an error).
    static func firstBadPair(_ bytes: [UInt8], from start: Int, classCount: Int) -> Int {
        var index = start
        while index < bytes.count {
            let end = bytes[index...].firstIndex(of: UInt8(ascii: " ")) ?? bytes.count
            if pairs(Array(bytes[index..<end]), from: 0, classCount: classCount) == nil { return index }
            index = end + 1
        }
        return start
    }

    private static func integer(_ bytes: [UInt8], _ start: Int) -> (Int, Int)? {
        var value = 0, index = start
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 6 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        return index == start ? nil : (value, index)
    }

    /// A decimal like -1.25 (at most three decimals are written; more are read all the same).
    private static func decimal(_ bytes: [UInt8], _ start: Int) -> (Float, Int)? {
        var index = start
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard let (whole, afterWhole) = integer(bytes, index) else { return nil }
        var value = Float(whole)
        index = afterWhole
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Float = 0.1
            let digits = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value += Float(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            if index == digits { return nil }
        }
        return (negative ? -value : value, index)
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

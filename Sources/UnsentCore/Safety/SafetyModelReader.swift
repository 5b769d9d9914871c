/// Reads a model file (`Content/safety/model.weights`, format in `SafetyModel.formatNotes`) and
/// reports every problem with its file, line and column.
///
/// Works on the file's bytes: the file is large and read at every start.
struct SafetyModelReader {
    let file: String
    private let bytes: [UInt8]
    private var problems: [Diagnostic] = []

    private var format: Int?
    /// For each column of the file's weights, the model lane it fills.
    private var lanes: [Int]?
    private var crisisThreshold: Float?
    private var ambiguousThreshold: Float?
    private var unsureThreshold: Float?
    /// Optional header lines the file left out.
    private var skipped: Set<String> = []
    private var declaredFeatures: (count: Int, location: SourceLocation)?
    private var bias: SIMD8<Float>?
    private var vocabulary: [String: Int32] = [:]
    private var rows: [UInt64: Int32] = [:]
    private var weights: [SIMD8<Float>] = []
    private var previousName: ArraySlice<UInt8>?
    /// Reused for every feature line's fields, so reading allocates little.
    private var valueScratch: [Field] = []
    private var nameScratch: [Field] = []
    private var lastLine = 1

    /// Reading stops after this many problems: one bad edit can break every line after it.
    static let problemLimit = 20
    static let headerKeys = ["format", "classes", "threshold crisis", "threshold ambiguous", "threshold unsure", "features", "bias"]
    /// The header lines a file may leave out (older files have no `threshold unsure:`; it is then 1, off).
    static let optionalKeys: Set<String> = ["threshold unsure"]

    init(file: String, text: String) {
        self.file = file
        bytes = Array(text.utf8)
    }

    /// One stretch of a line: byte offsets into `bytes`.
    private struct Field {
        var start: Int
        var end: Int
    }

    mutating func read() throws(ContentError) -> SafetyModel {
        var lineStart = 0
        var number = 1
        while lineStart <= bytes.count, problems.count < Self.problemLimit {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            if lineStart < contentEnd || lineEnd < bytes.count { lastLine = number }
            readLine(Field(start: lineStart, end: contentEnd), number: number)
            lineStart = lineEnd + 1
            number += 1
        }
        finish()
        if !problems.isEmpty { throw ContentError(problems) }
        guard let crisisThreshold, let ambiguousThreshold, let bias else { throw ContentError(problems) }
        return SafetyModel(crisisThreshold: crisisThreshold, ambiguousThreshold: ambiguousThreshold,
                           unsureThreshold: unsureThreshold ?? 1, bias: bias,
                           vocabulary: vocabulary, rows: rows, weights: weights)
    }

    // MARK: lines

    private mutating func readLine(_ line: Field, number: Int) {
        var first = line.start
        while first < line.end, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
        if first == line.end || bytes[first] == UInt8(ascii: "#") { return }
        if first != line.start {
            report(line, first, number, "a line of the model file must not be indented")
            return
        }
        guard let colon = bytes[line.start..<line.end].firstIndex(of: UInt8(ascii: ":")) else {
            report(line, line.end, number, "a line of the model file needs a colon after its name",
                   note: "header lines read 'features: 1234'; feature lines 'u word: 0 0.5 ...'")
            return
        }
        // Feature lines start with a kind letter and a space; no header key does.
        let valueRange = Field(start: colon + 1, end: line.end)
        if colon > line.start + 1, bytes[line.start + 1] == UInt8(ascii: " ") {
            var value = valueScratch
            fields(valueRange, into: &value)
            readFeature(Field(start: line.start, end: colon), value, line: line, number: number)
            valueScratch = value
            return
        }
        let key = String(decoding: bytes[line.start..<colon], as: UTF8.self)
        var value: [Field] = []
        fields(valueRange, into: &value)
        if Self.headerKeys.contains(key) {
            readHeader(key, value, line: line, number: number)
        } else {
            readFeature(Field(start: line.start, end: colon), value, line: line, number: number)
        }
    }

    private mutating func readHeader(_ key: String, _ value: [Field], line: Field, number: Int) {
        let expected = Self.headerKeys.firstIndex(of: key) ?? 0
        var next = nextHeader
        // An optional line left out: the key after it may come in its place.
        while next < expected, Self.optionalKeys.contains(Self.headerKeys[next]) {
            skipped.insert(Self.headerKeys[next])
            next += 1
        }
        guard expected == next else {
            let wanted = next < Self.headerKeys.count ? "'\(Self.headerKeys[next]):'" : "a feature line"
            report(line, line.start, number, "the header line '\(key):' is out of place; \(wanted) comes here",
                   note: "the header reads format, classes, threshold crisis, threshold ambiguous, threshold unsure (may be left out), features, bias, in that order")
            return
        }
        let valueStart = value.first?.start ?? line.end
        switch key {
        case "format":
            guard value.count == 1, let version = Int(text(value[0])), version == SafetyModel.formatVersion else {
                report(line, valueStart, number, "this model file is not format \(SafetyModel.formatVersion)",
                       note: "retrain it with Scripts/train-safety")
                format = -1
                return
            }
            format = version
        case "classes":
            readClasses(value, line: line, number: number)
        case "threshold crisis", "threshold ambiguous", "threshold unsure":
            var threshold: Float = 1
            if value.count != 1 {
                report(line, valueStart, number, "the line '\(key):' needs one number between 0 and 1")
            } else if let parsed = decimal(value[0]), parsed >= 0, parsed <= 1 {
                threshold = parsed
            } else {
                report(line, value[0].start, number, "the threshold '\(text(value[0]))' is not a number between 0 and 1")
            }
            switch key {
            case "threshold crisis": crisisThreshold = threshold
            case "threshold ambiguous": ambiguousThreshold = threshold
            default: unsureThreshold = threshold
            }
        case "features":
            let location = location(line, valueStart, number)
            if value.count == 1, let count = Int(text(value[0])), count >= 0 {
                declaredFeatures = (count, location)
                rows.reserveCapacity(min(count, 1 << 20))
                weights.reserveCapacity(min(count, 1 << 20))
            } else {
                report(line, valueStart, number, "the line 'features:' needs the number of feature lines that follow")
                declaredFeatures = (-1, location)
            }
        default:
            bias = weightRow(value, line: line, number: number) ?? SIMD8<Float>()
        }
    }

    /// Which header line comes next (its index in `headerKeys`), or `headerKeys.count` once all are read.
    private var nextHeader: Int {
        if format == nil { return 0 }
        if lanes == nil { return 1 }
        if crisisThreshold == nil { return 2 }
        if ambiguousThreshold == nil { return 3 }
        if unsureThreshold == nil, !skipped.contains("threshold unsure") { return 4 }
        if declaredFeatures == nil { return 5 }
        if bias == nil { return 6 }
        return Self.headerKeys.count
    }

    private mutating func readClasses(_ value: [Field], line: Field, number: Int) {
        // A bad name keeps its column (lane -1), so the weight lines are not all reported too.
        var lanes: [Int] = []
        for field in value {
            let name = text(field)
            guard let lane = SafetyModel.classNames.firstIndex(of: name) else {
                report(line, field.start, number, "'\(name)' is not a class of the crisis check",
                       note: Suggestion.note(for: name, in: SafetyModel.classNames)
                        ?? "the classes are \(SafetyModel.classNames.joined(separator: ", "))")
                lanes.append(-1)
                continue
            }
            if lanes.contains(lane) {
                report(line, field.start, number, "the class '\(name)' is listed twice")
                lanes.append(-1)
                continue
            }
            lanes.append(lane)
        }
        let missing = SafetyModel.classNames.indices.filter { !lanes.contains($0) }
        if !missing.isEmpty, !lanes.contains(-1) {
            report(line, line.end, number,
                   "the classes line leaves out \(missing.map { "'\(SafetyModel.classNames[$0])'" }.joined(separator: ", "))")
        }
        self.lanes = lanes
    }

    private mutating func readFeature(_ name: Field, _ value: [Field], line: Field, number: Int) {
        guard nextHeader == Self.headerKeys.count else {
            let wanted = Self.headerKeys[nextHeader]
            report(line, line.start, number, "a feature line before the header is complete; '\(wanted):' comes here",
                   note: "the header reads format, classes, threshold crisis, threshold ambiguous, threshold unsure (may be left out), features, bias, in that order")
            return
        }
        let nameBytes = bytes[name.start..<name.end]
        if let previousName, !previousName.lexicographicallyPrecedes(nameBytes) {
            let shown = String(decoding: nameBytes, as: UTF8.self)
            report(line, line.start, number,
                   previousName == nameBytes ? "the feature '\(shown)' is listed twice" : "the feature '\(shown)' is out of order",
                   note: "feature lines are sorted by their text; the trainer writes them so")
            return
        }
        previousName = nameBytes
        var parts = nameScratch
        fields(name, into: &parts)
        defer { nameScratch = parts }
        guard let kindField = parts.first, let kind = kind(of: kindField) else {
            report(line, parts.first?.start ?? line.start, number,
                   "'\(parts.first.map(text) ?? "")' is not a kind of feature",
                   note: "the kinds are u (a word), b (two words in a row), s (two words with one between), c (a concept of the rules) and v (a cue of voice)")
            return
        }
        guard parts.count == kind.arity + 1 else {
            let words = kind.arity == 1 ? "one word" : "two words"
            report(line, parts.count > kind.arity + 1 ? parts[kind.arity + 1].start : name.end, number,
                   "a '\(kind.rawValue)' feature names \(words) before the colon")
            return
        }
        let key: UInt64
        switch kind {
        case .voice:
            let cue = text(parts[1])
            guard let voice = SafetyFeatures.Voice(rawValue: cue) else {
                let names = SafetyFeatures.Voice.allCases.map(\.rawValue)
                report(line, parts[1].start, number, "'\(cue)' is not a cue of voice",
                       note: Suggestion.note(for: cue, in: names) ?? "the cues are \(names.joined(separator: ", "))")
                return
            }
            key = SafetyFeatures.key(voice)
        case .word, .concept:
            key = SafetyFeatures.key(kind, token(parts[1]))
        case .pair, .skip:
            key = SafetyFeatures.key(kind, token(parts[1]), token(parts[2]))
        }
        guard let row = weightRow(value, line: line, number: number) else { return }
        rows[key] = Int32(weights.count)
        weights.append(row)
    }

    /// The kind a one-letter field names (read without making a string: there is one per line).
    private func kind(of field: Field) -> SafetyFeatures.Kind? {
        guard field.end == field.start + 1 else { return nil }
        let letter = Character(Unicode.Scalar(bytes[field.start]))
        return SafetyFeatures.Kind.allCases.first { $0.rawValue.first == letter }
    }

    /// The number of a token, numbering it when new.
    private mutating func token(_ field: Field) -> Int32 {
        let word = text(field)
        if let number = vocabulary[word] { return number }
        let number = Int32(vocabulary.count)
        vocabulary[word] = number
        return number
    }

    /// One weight per class, placed in the model's lanes.
    private mutating func weightRow(_ value: [Field], line: Field, number: Int) -> SIMD8<Float>? {
        guard let lanes else { return nil }
        guard value.count == lanes.count else {
            let at = value.count > lanes.count ? value[lanes.count].start : (value.last?.end ?? line.end)
            report(line, at, number, "expected \(lanes.count) weights, one per class, but found \(value.count)")
            return nil
        }
        var row = SIMD8<Float>()
        for (column, field) in value.enumerated() {
            guard let weight = decimal(field), weight.isFinite else {
                report(line, field.start, number, "the weight '\(text(field))' is not a number")
                return nil
            }
            if lanes[column] >= 0 { row[lanes[column]] = weight }
        }
        return row
    }

    private mutating func finish() {
        // A line already reported would only be counted again.
        guard problems.isEmpty else { return }
        if nextHeader < Self.headerKeys.count {
            problems.append(.error(at: SourceLocation(file: file, line: lastLine, column: 1),
                                   "the model file ends before its '\(Self.headerKeys[nextHeader]):' line",
                                   note: "retrain it with Scripts/train-safety"))
        } else if let declaredFeatures, declaredFeatures.count >= 0, declaredFeatures.count != weights.count {
            problems.append(.error(at: declaredFeatures.location,
                                   "the header says \(declaredFeatures.count) features but \(weights.count) feature lines follow",
                                   note: "a model file cut short or edited by hand; retrain it with Scripts/train-safety"))
        }
    }

    // MARK: fields

    /// The space-separated fields of a stretch of a line.
    private func fields(_ range: Field, into result: inout [Field]) {
        result.removeAll(keepingCapacity: true)
        var position = range.start
        while position < range.end {
            while position < range.end, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
            guard position < range.end else { break }
            let start = position
            while position < range.end, bytes[position] != UInt8(ascii: " "), bytes[position] != UInt8(ascii: "\t") { position += 1 }
            result.append(Field(start: start, end: position))
        }
    }

    private func text(_ field: Field) -> String {
        String(decoding: bytes[field.start..<field.end], as: UTF8.self)
    }

    /// `-1.25`, `0`, `0.042`: read exactly as `SafetyModel.quantized` makes them; anything else
    /// through `Float(_:)`.
    private func decimal(_ field: Field) -> Float? {
        var position = field.start
        let negative = position < field.end && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var digits = 0
        var places = 0
        var scale = 1
        var seenPoint = false
        var simple = position < field.end && field.end - position <= 12
        while simple, position < field.end {
            let byte = bytes[position]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits = digits * 10 + Int(byte - UInt8(ascii: "0"))
                if seenPoint { places += 1; scale *= 10 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                simple = false
            }
            position += 1
        }
        if simple, !(seenPoint && places == 0) {
            let value = Float(digits) / Float(scale)
            return negative ? -value : value
        }
        return Float(text(field))
    }

    // MARK: problems

    private func location(_ line: Field, _ at: Int, _ number: Int) -> SourceLocation {
        let prefix = bytes[line.start..<min(max(at, line.start), line.end)]
        return SourceLocation(file: file, line: number, column: String(decoding: prefix, as: UTF8.self).count + 1)
    }

    private mutating func report(_ line: Field, _ at: Int, _ number: Int, _ message: String, note: String? = nil) {
        guard problems.count < Self.problemLimit else { return }
        var diagnostic = Diagnostic.error(at: location(line, at, number), message, note: note)
        diagnostic.sourceLine = text(line)
        problems.append(diagnostic)
    }
}

/// Writing the model file (`Content/safety/model.weights`).
extension SafetyModel {
    /// What the top of every model file says about the format.
    static let formatNotes = [
        "The third layer of the crisis check: a linear model asked only when no rule matched (Content/safety/README.md).",
        "Written by `unsent dev train-safety` (Scripts/train-safety); retrain rather than edit by hand.",
        "",
        "Format: `#` lines are comments. The header, in this order:",
        "  format: 1",
        "  classes: the class of each weight column",
        "  threshold crisis: a crisis when the crisis classes together are more likely than this",
        "  threshold ambiguous: a check-in when ambiguous is the most likely class and more likely than this",
        "  threshold unsure: otherwise a check-in when all but none together are more likely than this (may be left out: 1)",
        "  features: how many feature lines follow",
        "  bias: one weight per class",
        "Then one line per feature, sorted by its text: its kind and words, a colon, one weight per class",
        "(0 where pruned). Kinds: u a word's stem, b two words in a row, s two words with one between,",
        "c a concept of the rules (words.safety...) a word or phrase belongs to, v a cue of voice.",
        "^ is the start of a sentence, ~ a word an idiom hides. A text's score for a class is its bias",
        "plus the weights of the features it has; softmax turns the scores into chances.",
    ]

    /// The text of a model file, with `notes` (such as cross-validated figures) as comments after
    /// the format notes.
    public func fileText(notes: [String] = []) -> String {
        var text = ""
        for line in Self.formatNotes + (notes.isEmpty ? [] : [""] + notes) {
            text += line.isEmpty ? "#\n" : "# \(line)\n"
        }
        let features = featureLines()
        text += "format: \(Self.formatVersion)\n"
        text += "classes: \(Self.classNames.joined(separator: " "))\n"
        text += "threshold crisis: \(Self.decimal(crisisThreshold, places: 4))\n"
        text += "threshold ambiguous: \(Self.decimal(ambiguousThreshold, places: 4))\n"
        text += "threshold unsure: \(Self.decimal(unsureThreshold, places: 4))\n"
        text += "features: \(features.count)\n"
        text += "bias: \(Self.weightList(bias, places: Self.biasPlaces))\n"
        for line in features { text += line + "\n" }
        return text
    }

    /// `u die: 0 0 1.234 ...` for every feature, sorted by the text before the colon.
    private func featureLines() -> [String] {
        var tokens = Array(repeating: "", count: vocabulary.count)
        for (token, number) in vocabulary where Int(number) < tokens.count { tokens[Int(number)] = token }
        var lines: [(name: String, weights: String)] = []
        for (key, row) in rows {
            lines.append((Self.name(of: key, tokens: tokens), Self.weightList(weights[Int(row)], places: Self.weightPlaces)))
        }
        lines.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return lines.map { "\($0.name): \($0.weights)" }
    }

    /// The text of a feature key: `u die`, `b want die`, `v first-self`.
    static func name(of key: UInt64, tokens: [String]) -> String {
        let code = key >> 56
        let first = Int((key >> 28) & 0xFFF_FFFF)
        let second = Int(key & 0xFFF_FFFF)
        let kind = SafetyFeatures.Kind.allCases.first { $0.code == code } ?? .word
        func token(_ number: Int) -> String { number < tokens.count ? tokens[number] : "?" }
        switch kind {
        case .word: return "u \(token(first))"
        case .concept: return "c \(token(first))"
        case .pair: return "b \(token(first)) \(token(second))"
        case .skip: return "s \(token(first)) \(token(second))"
        case .voice:
            let voices = SafetyFeatures.Voice.allCases
            return "v \(first < voices.count ? voices[first].rawValue : "?")"
        }
    }

    /// Decimal places of the weights and biases in the file; `quantized` rounds to the same.
    static let weightPlaces = 3
    static let biasPlaces = 4

    private static func weightList(_ row: SIMD8<Float>, places: Int) -> String {
        (0..<classCount).map { decimal(row[$0], places: places) }.joined(separator: " ")
    }

    /// A number rounded to `places` decimals, without trailing zeros: `0`, `-1.25`, `0.042`.
    static func decimal(_ value: Float, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Float(scale)).rounded())
        if scaled == 0 { return "0" }
        let magnitude = abs(scaled)
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (scaled < 0 ? "-" : "") + "\(magnitude / scale)" + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The value `decimal(_:places:)` writes, as reading it back gives it.
    static func quantized(_ value: Float, places: Int) -> Float {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        return Float(Int((value * Float(scale)).rounded())) / Float(scale)
    }
}

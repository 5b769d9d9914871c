import Foundation

/// A trained reader: a linear model (multinomial logistic regression) over `ReaderFeatures`
/// that ranks the classes of a rule set (reframe cards, the ex's message categories) for a text
/// no rule fired on. Written by `unsent dev train-reader` into a `.model` file beside the rules
/// (format: `Content/README.md`), read when content loads.
///
/// Weights are kept flat and sorted by feature key, so a snapshot reads them as three lists and
/// a lookup is a binary search: no table is built at start.
public struct TextReaderModel: Sendable {
    /// The rule set it reads for (the `reader:` line).
    public var name: String
    /// Class ids, in the order of the weights' class numbers.
    public var classes: [String]
    /// Act on the best reading when its confidence is at least this.
    public var act: Float
    /// Below `act`, ask about the likeliest readings when the best is at least this; below it,
    /// offer nothing.
    public var ask: Float
    /// When asking, a reading is offered beside the best when its confidence is at least this
    /// share of the best one's.
    public var offer: Float
    public var bias: [Float]
    /// The weights: read from a snapshot when a text is first read (`ReaderWeights`).
    let weights: ReaderWeights

    /// The class of lines no card should answer (labelled '-' in a rule set's files): a reading of
    /// it is no reading.
    public static let noCard = "none"

    static let scale: Float = 1024
    /// The version written on the `format:` line.
    static let formatVersion = 1

    public init(name: String, classes: [String], act: Float, ask: Float, offer: Float, bias: [Float],
                weights: [(key: UInt64, entries: [(classIndex: Int, weight: Float)])]) {
        var keys: [UInt64] = [], offsets: [Int32] = [0], entries: [Int32] = []
        for (key, row) in weights.sorted(by: { $0.key < $1.key }) {
            // Two names with the same key (never seen in practice): their weights add up.
            if keys.last != key { keys.append(key) } else { offsets.removeLast() }
            for item in row { entries.append(Self.pack(item.classIndex, item.weight)) }
            offsets.append(Int32(entries.count))
        }
        self.init(name: name, classes: classes, act: act, ask: ask, offer: offer, bias: bias,
                  weights: ReaderWeights(ReaderWeights.Tables(keys: keys, offsets: offsets, entries: entries)))
    }

    init(name: String, classes: [String], act: Float, ask: Float, offer: Float, bias: [Float], weights: ReaderWeights) {
        self.name = name
        self.classes = classes
        self.act = act
        self.ask = ask
        self.offer = offer
        self.bias = bias
        self.weights = weights
    }

    /// How many features carry weights.
    public var featureCount: Int { weights.value.keys.count }

    static func pack(_ classIndex: Int, _ weight: Float) -> Int32 {
        let quantized = Int16(clamping: Int((weight * scale).rounded()))
        return Int32(classIndex) << 16 | Int32(UInt16(bitPattern: quantized))
    }

    static func unpack(_ entry: Int32) -> (classIndex: Int, weight: Float) {
        (Int(entry >> 16), Float(Int16(bitPattern: UInt16(truncatingIfNeeded: entry))) / scale)
    }

    /// The entries of a feature key in `tables`, or an empty range.
    static func row(of key: UInt64, in tables: ReaderWeights.Tables) -> Range<Int> {
        let keys = tables.keys, offsets = tables.offsets
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        guard low < keys.count, keys[low] == key else { return 0..<0 }
        return Int(offsets[low])..<Int(offsets[low + 1])
    }

    /// The probability of each class, in the order of `classes`.
    public func probabilities(of text: String, normalizer: Normalizer) -> [Float] {
        probabilities(features: ReaderFeatures.names(of: text, normalizer: normalizer).map(ReaderFeatures.key))
    }

    /// Features are weighted by one over the square root of their number, so a long letter is not
    /// more certain than a short line only for having more words.
    func probabilities(features: [UInt64]) -> [Float] {
        var logits = bias
        let tables = weights.value
        let weight = 1 / Float(max(1, features.count)).squareRoot()
        for key in features {
            for index in Self.row(of: key, in: tables) {
                let (classIndex, value) = Self.unpack(tables.entries[index])
                if classIndex < logits.count { logits[classIndex] += value * weight }
            }
        }
        return Self.softmax(logits)
    }

    static func softmax(_ logits: [Float]) -> [Float] {
        guard let highest = logits.max() else { return [] }
        let exponents = logits.map { exp($0 - highest) }
        let total = exponents.reduce(0, +)
        return exponents.map { $0 / total }
    }

    /// Every class with its confidence, likeliest first.
    public func ranked(_ text: String, normalizer: Normalizer) -> [Reading] {
        let probabilities = probabilities(of: text, normalizer: normalizer)
        return zip(classes, probabilities).map { Reading(id: $0, confidence: $1) }
            .sorted { ($0.confidence, $1.id) > ($1.confidence, $0.id) }
    }

    /// What the conversation should do with the text: act, ask among up to `most` readings, or
    /// offer nothing.
    public func decide(_ text: String, normalizer: Normalizer, most: Int = 3) -> ReadingDecision {
        decide(ranked: ranked(text, normalizer: normalizer), most: most)
    }

    public func decide(ranked: [Reading], most: Int = 3) -> ReadingDecision {
        guard let best = ranked.first, best.id != Self.noCard else { return .nothing }
        let ranked = ranked.filter { $0.id != Self.noCard }
        if best.confidence >= act { return .sure(best) }
        guard best.confidence >= ask else { return .nothing }
        let offered = ranked.prefix(most).filter { $0.confidence >= best.confidence * offer }
        return .unsure(Array(offered))
    }
}

import Foundation

/// Trains a reader (`TextReaderModel`) on labelled lines: multinomial logistic regression with L2
/// regularisation, fitted by AdaGrad over seeded shuffles, so the same lines and options always
/// give the same file.
///
/// The thresholds come from k-fold cross-validation: every line is scored by a model trained
/// without its fold. `act` is the lowest confidence at which the best reading was right for at
/// least `actPrecision` of the lines; `ask` leaves out the least confident `quietShare` of lines.
public struct TextReaderTrainer: Sendable {
    public struct Options: Sendable, Hashable {
        public var epochs = 20
        public var learningRate: Float = 0.3
        public var l2: Float = 0.0005
        public var folds = 5
        public var seed: UInt64 = 1
        public var minimumCount = 6
        /// Weights closer to zero than this are left out of the file (and of the cross-validated
        /// models, so the figures are those of what ships).
        public var prune: Float = 0.3
        /// Of the lines the reader acts on without asking, at least this share must be right.
        public var actPrecision = 0.9
        /// When set, the act threshold written instead of the one cross-validation chooses (the
        /// tone reader's is chosen on a batch it was not trained on; see Scripts/train).
        public var act: Float?
        /// The share of lines, least confident first, for which nothing is offered.
        public var quietShare = 0.01
        /// When unsure, readings at least this share of the best one's confidence are offered too.
        public var offer: Float = 0.25

        public init() {}
    }

    /// A labelled line: the class and the text.
    public struct Example: Sendable, Hashable {
        public var label: String
        public var text: String
        /// How much the line counts in training (1 for most; more for real people's words, which
        /// are few beside the lines written for the project and are what the reader must read).
        public var weight: Float

        public init(label: String, text: String, weight: Float = 1) {
            self.label = label
            self.text = text
            self.weight = weight
        }

        /// Lines of `LABEL<TAB>TEXT` (more tab fields are ignored; `\n` stands for a line break);
        /// `#` lines and blank lines are skipped. Lines without a tab are returned as problems.
        public static func read(file: String, text: String) -> (examples: [Example], problems: [String]) {
            var examples: [Example] = []
            var problems: [String] = []
            for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = line.hasSuffix("\r") ? line.dropLast() : line
                if line.trimmed.isEmpty || line.hasPrefix("#") { continue }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 2, !fields[0].trimmed.isEmpty, !fields[1].trimmed.isEmpty else {
                    problems.append("\(file):\(offset + 1): not a label, a tab and a text")
                    continue
                }
                examples.append(Example(label: fields[0].trimmed,
                                        text: fields[1].replacingOccurrences(of: "\\n", with: "\n")))
            }
            return (examples, problems)
        }
    }

    /// What training found: the model file's text and the cross-validated figures.
    public struct Result: Sendable {
        public var model: TextReaderModel
        public var fileText: String
        public var report: [String]
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    struct Item {
        var features: [Int32]
        var label: Int
        var weight: Float = 1
    }

    /// Trains a reader named `name` over `classes` (every example's label must be one of them).
    public func train(name: String, classes: [String], examples: [Example], normalizer: Normalizer) -> Result {
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let usable = examples.filter { classIndex[$0.label] != nil }
        let featureLists = usable.map { ReaderFeatures.names(of: $0.text, normalizer: normalizer) }
        var counts: [String: Int] = [:]
        for names in featureLists { for name in names { counts[name, default: 0] += 1 } }
        let kept = counts.filter { $0.value >= options.minimumCount }.keys.sorted()
        let featureIndex = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, Int32($0)) })
        let items = zip(usable, featureLists).map { example, names in
            Item(features: names.compactMap { featureIndex[$0] }, label: classIndex[example.label] ?? 0, weight: example.weight)
        }

        // Cross-validation: each line scored by a model that never saw it.
        var generator = SeededRandom(seed: options.seed)
        let foldOf = items.indices.map { _ in Int.random(in: 0..<options.folds, using: &generator) }
        // A class `none` (a rule set's lines labelled '-': no card should answer) is not acted on: a
        // line read as none is one the conversation leaves alone, so only card readings count as acts.
        let noneIndex = classIndex[TextReaderModel.noCard]
        var scored: [(best: Float, right: Bool, inTop3: Bool)] = []
        for fold in 0..<options.folds {
            let training = items.indices.filter { foldOf[$0] != fold }.map { items[$0] }
            let fit = self.fit(training, classCount: classes.count, featureCount: kept.count).pruned(options.prune)
            for index in items.indices where foldOf[index] == fold {
                let probabilities = fit.probabilities(items[index].features)
                let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
                let best = order[0] == noneIndex ? 0 : probabilities[order[0]]
                scored.append((best, order[0] == items[index].label, order.prefix(3).contains(items[index].label)))
            }
        }
        let act = options.act ?? actThreshold(scored)
        // Lines read as `none` (scored 0) are left alone, never asked about: the quiet share is of the rest.
        let byConfidence = scored.map(\.best).filter { noneIndex == nil || $0 > 0 }.sorted()
        let quietIndex = min(byConfidence.count - 1, Int(Double(byConfidence.count) * options.quietShare))
        let ask = min(act, byConfidence.isEmpty ? 0.1 : byConfidence[max(0, quietIndex)])

        let fit = self.fit(items, classCount: classes.count, featureCount: kept.count)
        var weights: [(name: String, entries: [(classIndex: Int, weight: Float)])] = []
        for (index, name) in kept.enumerated() {
            var entries: [(classIndex: Int, weight: Float)] = []
            for classNumber in classes.indices {
                let weight = fit.weights[index * classes.count + classNumber]
                if abs(weight) >= options.prune { entries.append((classNumber, weight)) }
            }
            if !entries.isEmpty { weights.append((name, entries)) }
        }

        let total = Double(max(1, scored.count))
        let acted = scored.filter { $0.best >= act }
        let report = [
            "trained on \(items.count) lines over \(classes.count) classes (\(examples.count - usable.count) with unknown labels left out)",
            "\(kept.count) features seen in \(options.minimumCount)+ lines; \(weights.count) kept after pruning at \(options.prune)",
            "cross-validated (\(options.folds) folds, seed \(options.seed)): top-1 \(percent(Double(scored.filter(\.right).count) / total)), "
                + "top-3 \(percent(Double(scored.filter(\.inTop3).count) / total))",
            "act at \(TextReaderModel.decimal(act)): \(percent(Double(acted.count) / total)) of lines acted on, "
                + "\(percent(Double(acted.filter(\.right).count) / Double(max(1, acted.count)))) of those right",
            "ask at \(TextReaderModel.decimal(ask)): nothing offered for \(percent(Double(scored.filter { $0.best < ask }.count) / total)) of lines",
        ]
        let fileText = TextReaderModel.write(
            name: name, classes: classes, act: act, ask: ask, offer: options.offer, bias: fit.bias, weights: weights,
            comments: ["A trained reader for the rule set '\(name)', written by `unsent dev train-reader` (Scripts/train).",
                       "Do not edit by hand: add labelled lines and train again."] + report)
        let model = TextReaderModel(name: name, classes: classes, act: act, ask: ask, offer: options.offer, bias: fit.bias,
                                    weights: weights.map { (ReaderFeatures.key($0.name), $0.entries) })
        return Result(model: model, fileText: fileText, report: report)
    }

    private func percent(_ share: Double) -> String {
        String(Int((share * 1000).rounded()) / 10) + "." + String(Int((share * 1000).rounded()) % 10) + "%"
    }

    /// The lowest confidence, in steps of 0.01, above which the best reading was right for at
    /// least `actPrecision` of the cross-validated lines.
    func actThreshold(_ scored: [(best: Float, right: Bool, inTop3: Bool)]) -> Float {
        for step in 5...99 {
            let threshold = Float(step) / 100
            let above = scored.filter { $0.best >= threshold }
            guard !above.isEmpty else { break }
            if Double(above.filter(\.right).count) / Double(above.count) >= options.actPrecision { return threshold }
        }
        return 0.99
    }

    struct Fit {
        var bias: [Float]
        var weights: [Float]
        let classCount: Int

        /// The fit as the model file keeps it: weights closer to zero than `threshold` dropped.
        func pruned(_ threshold: Float) -> Fit {
            var copy = self
            for index in copy.weights.indices where abs(copy.weights[index]) < threshold { copy.weights[index] = 0 }
            return copy
        }

        func probabilities(_ features: [Int32]) -> [Float] {
            var logits = bias
            let scale = 1 / Float(max(1, features.count)).squareRoot()
            for feature in features {
                let base = Int(feature) * classCount
                for lane in 0..<classCount { logits[lane] += weights[base + lane] * scale }
            }
            return TextReaderModel.softmax(logits)
        }
    }

    /// AdaGrad over seeded shuffles, with L2 applied to a feature's weights when it is seen.
    func fit(_ items: [Item], classCount: Int, featureCount: Int) -> Fit {
        var fit = Fit(bias: Array(repeating: 0, count: classCount), weights: Array(repeating: 0, count: featureCount * classCount),
                      classCount: classCount)
        var squares = Array(repeating: Float(1e-6), count: featureCount * classCount)
        var biasSquares = Array(repeating: Float(1e-6), count: classCount)
        var generator = SeededRandom(seed: options.seed &+ 0x5eed)
        var order = Array(items.indices)
        let rate = options.learningRate, l2 = options.l2
        for _ in 0..<options.epochs {
            order.shuffle(using: &generator)
            for index in order {
                let item = items[index]
                var gradient = fit.probabilities(item.features)
                gradient[item.label] -= 1
                if item.weight != 1 { for lane in 0..<classCount { gradient[lane] *= item.weight } }
                let scale = 1 / Float(max(1, item.features.count)).squareRoot()
                for lane in 0..<classCount {
                    biasSquares[lane] += gradient[lane] * gradient[lane]
                    fit.bias[lane] -= rate * gradient[lane] / biasSquares[lane].squareRoot()
                }
                for feature in item.features {
                    let base = Int(feature) * classCount
                    for lane in 0..<classCount {
                        let slot = base + lane
                        let step = gradient[lane] * scale + l2 * fit.weights[slot]
                        if step == 0 { continue }
                        squares[slot] += step * step
                        fit.weights[slot] -= rate * step / squares[slot].squareRoot()
                    }
                }
            }
        }
        return fit
    }
}

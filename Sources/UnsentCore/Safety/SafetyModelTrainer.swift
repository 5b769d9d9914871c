/// Trains the crisis check's model (`SafetyModel`) on labelled lines: multinomial logistic
/// regression with L2 regularisation, fitted by AdaGrad over seeded shuffles, so the same
/// lines and options give the same file.
///
/// The thresholds come from k-fold cross-validation: every line is scored by a model trained
/// without its fold, and the crisis threshold is the lowest one at which the `-` lines the model
/// would be asked about (no rule matched them) give at most `maxFalseAlarms` false alarms.
public struct SafetyModelTrainer: Sendable, Codable {
    public struct Options: Sendable, Codable, Hashable {
        public var epochs = 30
        public var learningRate: Float = 0.05
        /// L2 regularisation, applied to a feature's weights whenever the feature is seen.
        public var l2: Float = 0.01
        public var folds = 5
        public var seed: UInt64 = 1
        /// The share of `-` lines that may be flagged, in cross-validation.
        public var maxFalseAlarms = 0.015
        /// The share of `-` lines the unsure band may add as check-ins, in cross-validation, on top of
        /// `maxFalseAlarms` (a gentle question costs less than a crisis page; a missed crisis costs most).
        public var maxUnsureCheckIns = 0.02
        /// Weights closer to zero than this (after centring each feature's row) are dropped.
        public var prune: Float = 0.02
        /// The crisis threshold never goes below this, however clean the negatives look.
        public var minimumCrisisThreshold: Float = 0.2
        /// The ambiguous threshold never goes below this.
        public var minimumAmbiguousThreshold: Float = 0.5
        /// The unsure threshold never goes below this.
        public var minimumUnsureThreshold: Float = 0.2
        /// Features seen in fewer training lines than this are left out (most pairs occur once).
        public var minimumCount = 2
        /// At most this many features: after a first fit, the strongest are kept and fitted again
        /// (keeps the model file small).
        public var maximumFeatures = 8000

        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// A labelled line ready for fitting: its feature numbers and what the rules said.
    struct Item: Sendable, Codable {
        var features: [Int32]
        var lane: Int
        var label: String
        var text: String
        /// The rules' category, if any.
        var rules: CrisisCategory?
        /// Whether any rule matched (then the model is not asked).
        var rulesMatched: Bool
    }

    /// Fitted weights over the training features, before pruning.
    struct Fit: Sendable, Codable {
        var bias: SIMD8<Float>
        var weights: [SIMD8<Float>]
    }

    /// Trains on the examples, with the linked rules' words and roles (idioms hidden as the
    /// rules hide them), and reports the cross-validated figures.
    public func train(_ examples: [SafetyExample], rules: SafetyRules) -> SafetyTraining {
        var report = SafetyTrainingReport()
        let unique = deduplicated(examples, report: &report)
        var vocabulary: [String: Int32] = [:]
        var featureNumbers: [UInt64: Int32] = [:]
        let items = prepare(unique, rules: rules, vocabulary: &vocabulary, featureNumbers: &featureNumbers)
        let featureCount = featureNumbers.count
        let folds = max(2, options.folds)

        // Every line scored by a model that did not see it.
        var outOfFold = Array(repeating: SIMD8<Float>(), count: items.count)
        let foldOf = assignFolds(items, folds: folds)
        for fold in 0..<folds {
            let training = items.indices.filter { foldOf[$0] != fold }
            let pruned = prune(fitSelected(items, on: training, featureCount: featureCount))
            for index in items.indices where foldOf[index] == fold {
                outOfFold[index] = pruned.probabilities(of: items[index].features)
            }
        }
        let (crisis, ambiguous, unsure) = thresholds(items, outOfFold)

        let final = prune(fitSelected(items, on: Array(items.indices), featureCount: featureCount))
        var rows: [UInt64: Int32] = [:]
        var weights: [SIMD8<Float>] = []
        for (key, number) in featureNumbers {
            guard let row = final.rows[number] else { continue }
            rows[key] = Int32(weights.count)
            weights.append(final.weights[Int(row)])
        }
        let model = SafetyModel(crisisThreshold: crisis, ambiguousThreshold: ambiguous, unsureThreshold: unsure, bias: final.bias,
                                vocabulary: vocabulary, rows: rows, weights: weights)

        let labels = items.map(\.label)
        let modelDecisions = outOfFold.map { chances in
            SafetyModel.decide(chances, crisis: crisis, ambiguous: ambiguous)?.0
                ?? SafetyModel.unsure(chances, threshold: unsure).map { _ in .ambiguous }
        }
        let combined = items.indices.map { items[$0].rulesMatched ? items[$0].rules : modelDecisions[$0] }
        report.examples = items.count
        report.folds = folds
        report.features = weights.count
        report.crisisThreshold = crisis
        report.ambiguousThreshold = ambiguous
        report.unsureThreshold = unsure
        report.rules = .init(labels: labels, decisions: items.map(\.rules))
        report.model = .init(labels: labels, decisions: modelDecisions)
        report.combined = .init(labels: labels, decisions: combined)
        report.caughtBehindRules = items.indices.filter { index in
            items[index].lane >= SafetyModel.crisisLanes.lowerBound && items[index].rules?.isCrisis != true
                && combined[index]?.isCrisis == true
        }.count
        report.keptByRules = items.indices.filter { index in
            items[index].lane >= SafetyModel.crisisLanes.lowerBound && items[index].rulesMatched && items[index].rules?.isCrisis != true
        }.count
        let shown = { (index: Int) in
            "\(SafetyModel.decimal(SafetyModel.crisisMass(outOfFold[index]), places: 3))\t\(items[index].label)\t\(items[index].text)"
        }
        let byMass = items.indices.sorted { SafetyModel.crisisMass(outOfFold[$0]) > SafetyModel.crisisMass(outOfFold[$1]) }
        report.modelFalseAlarms = byMass.filter { items[$0].lane == SafetyModel.noneLane && modelDecisions[$0] != nil }.map(shown)
        report.modelMisses = byMass.filter { items[$0].lane >= SafetyModel.crisisLanes.lowerBound && modelDecisions[$0]?.isCrisis != true }.map(shown)
        return SafetyTraining(model: model, report: report)
    }

    // MARK: data

    /// The first of every text (compared folded and trimmed); texts seen with two labels are reported.
    private func deduplicated(_ examples: [SafetyExample], report: inout SafetyTrainingReport) -> [SafetyExample] {
        var seen: [String: SafetyExample] = [:]
        var result: [SafetyExample] = []
        for example in examples {
            let key = SafetyText.words(of: example.text).joined(separator: " ")
            if let first = seen[key] {
                report.duplicates += 1
                if first.label != example.label {
                    report.conflicts.append("\(example.file):\(example.line) says \(example.label), "
                        + "\(first.file):\(first.line) says \(first.label) (kept): \(example.text)")
                }
                continue
            }
            seen[key] = example
            result.append(example)
        }
        return result
    }

    private func prepare(_ examples: [SafetyExample], rules: SafetyRules,
                         vocabulary: inout [String: Int32], featureNumbers: inout [UInt64: Int32]) -> [Item] {
        let matcher = rules.matcher ?? SafetyMatcher()
        var numbers = vocabulary
        func number(_ token: String) -> Int32 {
            if let known = numbers[token] { return known }
            let new = Int32(numbers.count)
            numbers[token] = new
            return new
        }
        let cues = SafetyFeatures.Cues(number: number)
        let concepts = SafetyFeatures.Concepts(matcher: matcher, number: number)
        var items: [Item] = []
        for example in examples {
            guard let lane = example.lane else { continue }
            let reading = rules.reading(example.text, using: matcher)
                ?? (SafetyText("", lexicon: matcher.lexicon), nil, false)
            let tokens = SafetyFeatures.tokens(of: reading.words, lexicon: matcher.lexicon, number: number)
            let features = SafetyFeatures.keys(of: reading.words, tokens: tokens, cues: cues, concepts: concepts,
                                               matcher: matcher).map { key in
                if let known = featureNumbers[key] { return known }
                let new = Int32(featureNumbers.count)
                featureNumbers[key] = new
                return new
            }
            items.append(Item(features: features, lane: lane, label: example.label, text: example.text,
                              rules: reading.finding?.category, rulesMatched: reading.finding != nil || reading.matched))
        }
        vocabulary = numbers
        return items
    }

    /// Folds balanced by label: each label's lines, shuffled, dealt round the folds.
    private func assignFolds(_ items: [Item], folds: Int) -> [Int] {
        var random = SeededRandom(seed: options.seed &+ 0x5AFE)
        var foldOf = Array(repeating: 0, count: items.count)
        var next = 0
        for lane in 0..<SafetyModel.classCount {
            var members = items.indices.filter { items[$0].lane == lane }
            Self.shuffle(&members, with: &random)
            for index in members {
                foldOf[index] = next % folds
                next += 1
            }
        }
        return foldOf
    }

    static func shuffle<Element>(_ array: inout [Element], with random: inout SeededRandom) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            let other = Int(random.next() % UInt64(index + 1))
            array.swapAt(index, other)
        }
    }

    // MARK: fitting

    /// Fits, keeps the `maximumFeatures` features with the largest weights (after centring), and
    /// fits again on those alone.
    func fitSelected(_ items: [Item], on indices: [Int], featureCount: Int) -> Fit {
        let first = fit(items, on: indices, featureCount: featureCount)
        guard featureCount > options.maximumFeatures else { return first }
        let strength = first.weights.map { row in
            let lanes = (0..<SafetyModel.classCount).map { row[$0] }
            return (lanes.max() ?? 0) - (lanes.min() ?? 0)
        }
        let ranked = strength.indices.sorted { strength[$0] != strength[$1] ? strength[$0] > strength[$1] : $0 < $1 }
        var allowed = Array(repeating: false, count: featureCount)
        for feature in ranked.prefix(options.maximumFeatures) { allowed[feature] = true }
        return fit(items, on: indices, featureCount: featureCount, allowed: allowed)
    }

    /// AdaGrad on the softmax loss, with L2 on the features each line has; features seen in
    /// fewer than `minimumCount` of the lines, or not `allowed`, are left out.
    func fit(_ items: [Item], on indices: [Int], featureCount: Int, allowed: [Bool]? = nil) -> Fit {
        var weights = Array(repeating: SIMD8<Float>(), count: featureCount)
        var squares = Array(repeating: SIMD8<Float>(), count: featureCount)
        var bias = SIMD8<Float>()
        var biasSquares = SIMD8<Float>()
        var seen = Array(repeating: 0, count: featureCount)
        for index in indices { for feature in items[index].features { seen[Int(feature)] += 1 } }
        let used = items.map { item in
            item.features.filter { seen[Int($0)] >= options.minimumCount && allowed?[Int($0)] != false }
        }
        var order = indices
        var random = SeededRandom(seed: options.seed)
        let rate = options.learningRate
        let l2 = options.l2
        let tiny = SIMD8<Float>(repeating: 1e-6)
        for _ in 0..<options.epochs {
            Self.shuffle(&order, with: &random)
            for index in order {
                let item = items[index]
                let features = used[index]
                var logits = bias
                for feature in features { logits += weights[Int(feature)] }
                var gradient = SafetyModel.softmax(logits)
                gradient[item.lane] -= 1
                biasSquares += gradient * gradient
                bias -= rate * gradient / (biasSquares.squareRoot() + tiny)
                for feature in features {
                    let number = Int(feature)
                    let step = gradient + l2 * weights[number]
                    squares[number] += step * step
                    weights[number] -= rate * step / (squares[number].squareRoot() + tiny)
                }
            }
        }
        return Fit(bias: bias, weights: weights)
    }

    /// Fitted weights as the model file keeps them: each row centred on its median (softmax does
    /// not change when a feature adds the same to every class), weights near zero dropped, the
    /// rest rounded to the file's decimals.
    func prune(_ fit: Fit) -> Pruned {
        var rows: [Int32: Int32] = [:]
        var weights: [SIMD8<Float>] = []
        for (feature, row) in fit.weights.enumerated() {
            var lanes = (0..<SafetyModel.classCount).map { row[$0] }
            let median = lanes.sorted()[SafetyModel.classCount / 2]
            var kept = SIMD8<Float>()
            var any = false
            for lane in lanes.indices {
                lanes[lane] -= median
                let value = SafetyModel.quantized(lanes[lane], places: SafetyModel.weightPlaces)
                if abs(lanes[lane]) >= options.prune, value != 0 {
                    kept[lane] = value
                    any = true
                }
            }
            guard any else { continue }
            rows[Int32(feature)] = Int32(weights.count)
            weights.append(kept)
        }
        var bias = SIMD8<Float>()
        for lane in 0..<SafetyModel.classCount {
            bias[lane] = SafetyModel.quantized(fit.bias[lane], places: SafetyModel.biasPlaces)
        }
        return Pruned(bias: bias, rows: rows, weights: weights)
    }

    /// A pruned fit, by training feature number.
    struct Pruned: Sendable, Codable {
        var bias: SIMD8<Float>
        var rows: [Int32: Int32]
        var weights: [SIMD8<Float>]

        func probabilities(of features: [Int32]) -> SIMD8<Float> {
            var logits = bias
            for feature in features {
                if let row = rows[feature] { logits += weights[Int(row)] }
            }
            return SafetyModel.softmax(logits)
        }
    }

    // MARK: thresholds

    /// The lowest crisis threshold that keeps false alarms on the `-` lines the model is asked
    /// about within the allowance; then the lowest ambiguous threshold that the rest of the
    /// allowance pays for; then the lowest unsure threshold that `maxUnsureCheckIns` pays for. All
    /// rounded up to the file's decimals.
    func thresholds(_ items: [Item], _ scores: [SIMD8<Float>]) -> (crisis: Float, ambiguous: Float, unsure: Float) {
        let negatives = items.indices.filter { items[$0].lane == SafetyModel.noneLane }
        let allowed = Int((options.maxFalseAlarms * Double(negatives.count)).rounded(.down))
        let asked = negatives.filter { !items[$0].rulesMatched }
        let masses = asked.map { SafetyModel.crisisMass(scores[$0]) }.sorted(by: >)
        var crisis = masses.count > allowed ? masses[allowed] : 0
        crisis = Self.roundedUp(max(crisis, options.minimumCrisisThreshold))
        let crisisAlarms = masses.filter { $0 > crisis }.count
        let chances = asked.compactMap { index -> Float? in
            guard SafetyModel.decide(scores[index], crisis: crisis, ambiguous: 0)?.0 == .ambiguous else { return nil }
            return scores[index][SafetyModel.ambiguousLane]
        }.sorted(by: >)
        let left = max(0, allowed - crisisAlarms)
        var ambiguous = chances.count > left ? chances[left] : 0
        ambiguous = Self.roundedUp(max(ambiguous, options.minimumAmbiguousThreshold))
        // What neither decision flags: the chance of anything but `none`, highest first.
        let unflagged = asked.compactMap { index -> Float? in
            guard SafetyModel.decide(scores[index], crisis: crisis, ambiguous: ambiguous) == nil else { return nil }
            return 1 - scores[index][SafetyModel.noneLane]
        }.sorted(by: >)
        let allowedUnsure = Int((options.maxUnsureCheckIns * Double(negatives.count)).rounded(.down))
        var unsure = unflagged.count > allowedUnsure ? unflagged[allowedUnsure] : 0
        unsure = Self.roundedUp(max(unsure, options.minimumUnsureThreshold))
        return (crisis, ambiguous, unsure)
    }

    /// Rounded up to the four decimals the file keeps, never above 1.
    static func roundedUp(_ value: Float) -> Float {
        min(1, (value * 10_000).rounded(.up) / 10_000)
    }
}

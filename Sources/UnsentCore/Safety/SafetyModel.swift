import Foundation

/// The third layer of the crisis check: a linear model (multinomial logistic regression) over
/// `SafetyFeatures`, read from `Content/safety/model.weights` and written by
/// `unsent dev train-safety`.
///
/// It is asked only when neither the precise rules nor the net matched anything at all; whenever
/// a rule matches, even one that judged its match harmless or a check-in, the rules keep the
/// last word. The format is described at the top of the model file and in
/// `Content/safety/README.md`.
public struct SafetyModel: Sendable, Codable {
    /// The classes in the order of every weight row's lanes (lane 7 is unused).
    static let classNames = ["none", "ambiguous", "suicide", "self-harm", "harm-others", "danger", "ex-self-harm"]
    static let classCount = 7
    static let noneLane = 0
    static let ambiguousLane = 1
    /// The lanes of the five crisis classes.
    static let crisisLanes = 2..<7
    /// A rule marked `if ordinary:` gives way when the model reads `none` at least this likely.
    static let ordinaryThreshold: Float = 0.5
    /// Below this, a crisis only the model heard (no rule) is asked about with a check-in rather than met with
    /// the crisis steps. Chosen in stop 25 on the blind batches (blind-1, -2, -3, -9, -11, hard-1): of the lines
    /// the model alone called a crisis, 43% of those under 0.7 were crises (20 of 46) and 79% of those above (85
    /// of 107). Every one is still noticed: a check-in that hears a yes goes on to the crisis steps.
    static let sureCrisis: Float = 0.7
    /// The version written on the `format:` line.
    static let formatVersion = 1

    /// The text is a crisis when the five crisis classes together are more likely than this.
    var crisisThreshold: Float
    /// Otherwise a check-in when `ambiguous` is the most likely class and more likely than this.
    var ambiguousThreshold: Float
    /// Otherwise, unsure: a check-in when everything but `none` together is more likely than this
    /// (a crisis the model half sees is asked about gently rather than passed over). 1 turns it off.
    var unsureThreshold: Float
    var bias: SIMD8<Float>
    /// Token text (a stem, `^` or `~`) → token number.
    var vocabulary: [String: Int32]
    /// Feature key (`SafetyFeatures.key`) → row of `weights`.
    var rows: [UInt64: Int32]
    var weights: [SIMD8<Float>]
    /// Per word id of the linked rules' lexicon: the number of the word's token, or -1. Set by
    /// `bind(to:)` when the rules are linked, so known words are never stemmed while checking.
    var lexiconTokens: [Int32] = []
    var cues = SafetyFeatures.Cues()
    /// The rules' concepts by word (set by `bind(to:)`).
    var concepts = SafetyFeatures.Concepts()

    init(crisisThreshold: Float, ambiguousThreshold: Float, unsureThreshold: Float = 1, bias: SIMD8<Float>,
         vocabulary: [String: Int32], rows: [UInt64: Int32], weights: [SIMD8<Float>]) {
        self.crisisThreshold = crisisThreshold
        self.ambiguousThreshold = ambiguousThreshold
        self.unsureThreshold = unsureThreshold
        self.bias = bias
        self.vocabulary = vocabulary
        self.rows = rows
        self.weights = weights
        cues = SafetyFeatures.Cues { vocabulary[$0] ?? -1 }
    }

    /// How many features carry weights.
    public var featureCount: Int { weights.count }

    /// The class names, in the order of the model file's weight columns.
    public static var classes: [String] { classNames }

    /// Prepares the model for the linked rules' words and concepts (called by `SafetyRules.link()`).
    mutating func bind(to matcher: SafetyMatcher) {
        lexiconTokens = matcher.lexicon.words.map { vocabulary[SafetyFeatures.stem($0)] ?? -1 }
        cues = SafetyFeatures.Cues { vocabulary[$0] ?? -1 }
        concepts = SafetyFeatures.Concepts(matcher: matcher) { vocabulary[$0] ?? -1 }
    }

    /// The probability of each class for a text the rules have read (idioms already hidden).
    func probabilities(of text: SafetyText, using matcher: SafetyMatcher) -> SIMD8<Float> {
        let tokens = SafetyFeatures.tokens(of: text, lexicon: matcher.lexicon, cache: lexiconTokens) { vocabulary[$0] ?? -1 }
        var logits = bias
        for key in SafetyFeatures.keys(of: text, tokens: tokens, cues: cues, concepts: concepts, matcher: matcher) {
            if let row = rows[key] { logits += weights[Int(row)] }
        }
        return Self.softmax(logits)
    }

    /// The model's verdict on a text no rule matched, as the rules report theirs:
    /// the rule is `model (0.83)`, with the probability that decided.
    func judge(_ text: SafetyText, using matcher: SafetyMatcher) -> SafetyRules.Finding? {
        let chances = probabilities(of: text, using: matcher)
        if let (category, score) = Self.decide(chances, crisis: crisisThreshold, ambiguous: ambiguousThreshold) {
            // Not sure enough to stop everything: the person is asked, gently (drive-28: "prob tell them to stop
            // lol" got "Are you safe right now?", and an ex's "I'm not paying for all of it again" the steps for
            // an ex threatening self-harm).
            if category != .ambiguous, score < Self.sureCrisis {
                return .init(category: .ambiguous, rule: "model, unsure (\(Self.twoDecimals(score)))", unsure: true)
            }
            return .init(category: category, rule: "model (\(Self.twoDecimals(score)))")
        }
        guard let score = Self.unsure(chances, threshold: unsureThreshold) else { return nil }
        return .init(category: .ambiguous, rule: "model, unsure (\(Self.twoDecimals(score)))", unsure: true)
    }

    /// The decision rule shared by checking and training: the most likely crisis class when the
    /// crisis classes together pass `crisis`; else `ambiguous` when it is the most likely class
    /// and passes `ambiguous`; else nothing.
    static func decide(_ probabilities: SIMD8<Float>, crisis: Float, ambiguous: Float) -> (CrisisCategory, Float)? {
        let mass = crisisMass(probabilities)
        if mass > crisis {
            var best = crisisLanes.lowerBound
            for lane in crisisLanes where probabilities[lane] > probabilities[best] { best = lane }
            return category(ofLane: best).map { ($0, mass) }
        }
        let chance = probabilities[ambiguousLane]
        for lane in 0..<classCount where probabilities[lane] > chance { return nil }
        return chance > ambiguous ? (.ambiguous, chance) : nil
    }

    /// After `decide` found nothing: the chance of anything but `none`, when it passes `threshold`.
    static func unsure(_ probabilities: SIMD8<Float>, threshold: Float) -> Float? {
        let mass = crisisMass(probabilities) + probabilities[ambiguousLane]
        return threshold < 1 && mass > threshold ? mass : nil
    }

    static func crisisMass(_ probabilities: SIMD8<Float>) -> Float {
        var mass: Float = 0
        for lane in crisisLanes { mass += probabilities[lane] }
        return mass
    }

    /// The category a lane stands for; nil for `none`.
    static func category(ofLane lane: Int) -> CrisisCategory? {
        guard lane > noneLane, lane < classCount else { return nil }
        return CrisisCategory(rawValue: classNames[lane])
    }

    /// Softmax over the seven class lanes; lane 7 gets nothing.
    static func softmax(_ logits: SIMD8<Float>) -> SIMD8<Float> {
        var highest = logits[0]
        for lane in 1..<classCount { highest = max(highest, logits[lane]) }
        var result = SIMD8<Float>()
        var total: Float = 0
        for lane in 0..<classCount {
            let value = exp(logits[lane] - highest)
            result[lane] = value
            total += value
        }
        return result / total
    }

    static func twoDecimals(_ value: Float) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

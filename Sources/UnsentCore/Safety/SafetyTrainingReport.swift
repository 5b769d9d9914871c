import Foundation

/// What training the crisis check's model found: the data, the thresholds chosen and the
/// cross-validated figures with and without the model.
public struct SafetyTrainingReport: Sendable, Codable, CustomStringConvertible {
    /// Recall and false alarms of one way of deciding over the labelled lines.
    public struct Figures: Sendable, Codable, Hashable {
        /// Per crisis class: lines, lines found as any crisis, lines found as that class.
        public struct Class: Sendable, Codable, Hashable {
            public var total = 0
            public var found = 0
            public var exact = 0
        }

        public var crisisTotal = 0
        public var crisisFound = 0
        public var crisisExact = 0
        public var negativeTotal = 0
        /// `-` lines given any category, check-ins included.
        public var falseAlarms = 0
        public var ambiguousTotal = 0
        /// `ambiguous` lines given any category.
        public var ambiguousFlagged = 0
        public var perClass: [String: Class] = [:]

        public var recall: Double { crisisTotal == 0 ? 1 : Double(crisisFound) / Double(crisisTotal) }
        public var falseAlarmRate: Double { negativeTotal == 0 ? 0 : Double(falseAlarms) / Double(negativeTotal) }

        public init() {}

        /// Scores decisions against labels (`-`, `ambiguous` or a category id).
        init(labels: [String], decisions: [CrisisCategory?]) {
            for (label, decision) in zip(labels, decisions) {
                switch label {
                case "-":
                    negativeTotal += 1
                    if decision != nil { falseAlarms += 1 }
                case "ambiguous":
                    ambiguousTotal += 1
                    if decision != nil { ambiguousFlagged += 1 }
                default:
                    crisisTotal += 1
                    var figures = perClass[label] ?? Class()
                    figures.total += 1
                    if let decision, decision.isCrisis {
                        crisisFound += 1
                        figures.found += 1
                        if decision.rawValue == label {
                            crisisExact += 1
                            figures.exact += 1
                        }
                    }
                    perClass[label] = figures
                }
            }
        }

        /// `recall 97.1% (120/124), false alarms 1.3% (2/150), ...`
        public var summary: String {
            "recall \(Self.percent(crisisFound, crisisTotal)), exact category \(Self.percent(crisisExact, crisisTotal)), "
                + "false alarms \(Self.percent(falseAlarms, negativeTotal)), ambiguous flagged \(Self.percent(ambiguousFlagged, ambiguousTotal))"
        }

        /// One line per crisis class: found and exact.
        public var classLines: [String] {
            SafetyModel.classNames.filter { perClass[$0] != nil }.map { name in
                let figures = perClass[name] ?? Class()
                return "\(name): found \(Self.percent(figures.found, figures.total)), exact \(Self.percent(figures.exact, figures.total))"
            }
        }

        static func percent(_ part: Int, _ whole: Int) -> String {
            let share = whole == 0 ? 0 : Double(part) / Double(whole) * 100
            return String(format: "%.1f%%", share) + " (\(part)/\(whole))"
        }
    }

    /// Lines trained on, after duplicates were dropped.
    public var examples = 0
    /// Lines dropped because the same text came earlier (with the same label or another).
    public var duplicates = 0
    /// Texts that came with two different labels (the first label was kept).
    public var conflicts: [String] = []
    public var folds = 0
    public var features = 0
    public var crisisThreshold: Float = 1
    public var ambiguousThreshold: Float = 1
    public var unsureThreshold: Float = 1
    /// The rules alone. The rules were written from these lines, so this is not an estimate
    /// for text nobody has seen.
    public var rules = Figures()
    /// The model alone, each line scored by a model trained without its fold.
    public var model = Figures()
    /// The rules, then the model where no rule matched (cross-validated for the model).
    public var combined = Figures()
    /// Crisis lines the rules do not call a crisis that the combined check finds.
    public var caughtBehindRules = 0
    /// Crisis lines a rule matched but judged harmless or a check-in: the model is not asked.
    public var keptByRules = 0
    /// For authors: the model's cross-validated false alarms and the crisis lines it missed,
    /// each with its crisis probability, highest first.
    public var modelFalseAlarms: [String] = []
    public var modelMisses: [String] = []

    public init() {}

    public var description: String {
        var lines = [
            "\(examples) lines (\(duplicates) duplicates dropped), \(features) features, \(folds)-fold cross-validation",
            "thresholds: crisis \(SafetyModel.decimal(crisisThreshold, places: 4)), ambiguous \(SafetyModel.decimal(ambiguousThreshold, places: 4)), "
                + "unsure \(SafetyModel.decimal(unsureThreshold, places: 4))",
            "rules alone (in-sample): \(rules.summary)",
            "model alone (cross-validated): \(model.summary)",
        ]
        lines += model.classLines.map { "  " + $0 }
        lines.append("rules + model (cross-validated): \(combined.summary)")
        lines += combined.classLines.map { "  " + $0 }
        lines.append("crisis lines the rules miss that the model finds: \(caughtBehindRules)")
        lines.append("crisis lines a rule matched but judged harmless or a check-in (the model is not asked): \(keptByRules)")
        for conflict in conflicts { lines.append("conflicting labels: \(conflict)") }
        return lines.joined(separator: "\n")
    }
}

import ArgumentParser
import Foundation
import UnsentCore

/// `unsent dev train-safety`: trains the crisis check's model (the third layer, asked only when
/// no rule matched) on labelled lines and writes the model file. Used by Scripts/train-safety.
struct DevTrainSafety: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-safety",
        abstract: "Train the crisis check's statistical model on labelled lines and write the model file.",
        discussion: """
            Each FILE holds one labelled line per row: a label ('-' for nothing, 'ambiguous' or a category \
            such as 'self-harm'), a tab and the text; '#' lines are comments. Lines that are not like that \
            are reported and left out. The thresholds are chosen by cross-validation so that the '-' lines \
            get at most --max-false-alarms false alarms; the cross-validated figures are printed and kept \
            as comments in the file. The same files and options always give the same file.
            """)

    @Option(help: ArgumentHelp("The model file to write, such as Content/safety/model.weights.", valueName: "path"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("A content folder whose safety rules to train with, instead of the bundled content.", valueName: "folder"))
    var content: String?

    private static let defaults = SafetyModelTrainer.Options()

    @Option(help: "How many passes over the lines.")
    var epochs: Int = Self.defaults.epochs

    @Option(help: "The AdaGrad learning rate.")
    var learningRate: Float = Self.defaults.learningRate

    @Option(help: "The L2 regularisation strength.")
    var l2: Float = Self.defaults.l2

    @Option(help: "How many folds of cross-validation choose the thresholds.")
    var folds: Int = Self.defaults.folds

    @Option(help: "The share of '-' lines that may be flagged in cross-validation, such as 0.015.")
    var maxFalseAlarms: Double = Self.defaults.maxFalseAlarms

    @Option(help: "The share of '-' lines the unsure band may add as check-ins in cross-validation, such as 0.01.")
    var maxUnsureCheckIns: Double = Self.defaults.maxUnsureCheckIns

    @Option(help: "Weights closer to zero than this are left out of the file.")
    var prune: Float = Self.defaults.prune

    @Option(help: "A number that fixes the shuffles, so the same file can be made again.")
    var seed: UInt64 = Self.defaults.seed

    @Option(help: "At most this many features: the strongest after a first fit are kept and fitted again.")
    var maximumFeatures: Int = Self.defaults.maximumFeatures

    @Option(help: "Features seen in fewer lines than this are left out.")
    var minimumCount: Int = Self.defaults.minimumCount

    @Flag(inversion: .prefixedNo, help: "Also train on the rules' own sample lines ('sample:' and 'sample none:').")
    var samples = true

    @Flag(help: "Also print the model's cross-validated false alarms and misses, with their crisis probability.")
    var verbose = false

    @Argument(help: ArgumentHelp("Labelled files (LABEL<TAB>TEXT per line).", valueName: "files"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one labelled file to train on.") }
        guard epochs >= 1 else { throw ValidationError("--epochs takes 1 or more; \(epochs) is not.") }
        guard folds >= 2 else { throw ValidationError("--folds takes 2 or more; \(folds) is not.") }
        guard (0...1).contains(maxFalseAlarms) else {
            throw ValidationError("--max-false-alarms takes a share between 0 and 1, such as 0.015; \(maxFalseAlarms) is not.")
        }
        guard (0...1).contains(maxUnsureCheckIns) else {
            throw ValidationError("--max-unsure-check-ins takes a share between 0 and 1, such as 0.01; \(maxUnsureCheckIns) is not.")
        }
    }

    func run() throws {
        var examples: [SafetyExample] = []
        var skipped = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read the labelled file \(file).")
            }
            let (read, problems) = SafetyExample.read(file: file, text: String(decoding: data, as: UTF8.self))
            for problem in problems { ErrorOutput.write(problem.description) }
            skipped += problems.count
            examples += read
        }
        var options = SafetyModelTrainer.Options()
        options.epochs = epochs
        options.learningRate = learningRate
        options.l2 = l2
        options.folds = folds
        options.maxFalseAlarms = maxFalseAlarms
        options.maxUnsureCheckIns = maxUnsureCheckIns
        options.prune = prune
        options.seed = seed
        options.minimumCount = minimumCount
        options.maximumFeatures = maximumFeatures
        let rules = try rulesWithoutModel()
        let fromRules = samples ? rules.labelledSamples : []
        let training = SafetyModelTrainer(options: options).train(examples + fromRules, rules: rules)
        print("\(examples.count) labelled lines read from \(files.count) file(s), \(skipped) left out; \(fromRules.count) rule samples")
        print(training.report.description)
        if verbose {
            for line in training.report.modelFalseAlarms { print("FALSE ALARM\t" + line) }
            for line in training.report.modelMisses { print("MISS\t" + line) }
        }

        let names = files.map { URL(fileURLWithPath: $0).lastPathComponent }
        let report = training.report
        let notes = [
            "Trained on \(report.examples) lines of \(names.joined(separator: ", "))\(samples ? " and the rules' samples" : "").",
            "Options: epochs \(epochs), learning rate \(learningRate), l2 \(l2), prune \(prune), seed \(seed), "
                + "\(folds) folds, false alarms at most \(maxFalseAlarms), unsure check-ins at most \(maxUnsureCheckIns).",
            "Cross-validated, model alone: \(report.model.summary).",
            "Cross-validated, rules then model: \(report.combined.summary)",
            "  (the rules were written from some of these lines, so their part flatters them).",
        ]
        let text = training.model.fileText(notes: notes)
        // What is written must read back.
        var check = SafetyRules()
        try check.addModel(file: out, text: text)
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(out): \(training.model.featureCount) features, \(text.utf8.count / 1024) KB")
    }

    /// The safety rules of the content, read without any model file, so a broken or stale model
    /// never stands in the way of training a new one.
    private func rulesWithoutModel() throws -> SafetyRules {
        let source = try ContentSource.resolve(contentDirectory: content, environment: ProcessInfo.processInfo.environment)
        let withoutModel = ContentSource(files: source.files.filter { !$0.path.hasSuffix(".weights") }, directory: source.directory)
        do {
            return try withoutModel.load().safety
        } catch {
            for diagnostic in error.diagnostics.prefix(8) { ErrorOutput.write(diagnostic.description) }
            ErrorOutput.write("unsent: the content has errors, so the safety rules cannot be read.")
            throw ExitCode(2)
        }
    }
}

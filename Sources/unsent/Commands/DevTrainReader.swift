import ArgumentParser
import Foundation
import UnsentCore

/// `unsent dev train-reader`: trains the reader of a rule set (reframe cards, the ex's message
/// categories) on labelled lines and writes its `.model` file. Used by Scripts/train.
struct DevTrainReader: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-reader",
        abstract: "Train the reader of a rule set on labelled lines and write its model file.",
        discussion: """
            Each FILE holds one labelled line per row: a card id of the rule set, a tab and the text ('\\n' for a \
            line break; more tab fields, such as a source address, are ignored); '#' lines are comments. Lines whose \
            label is not a card of the rule set are counted and left out. The thresholds are chosen by \
            cross-validation; the figures are printed and kept as comments in the file. The same files and options \
            always give the same file.
            """)

    @Argument(help: ArgumentHelp("The rule set to train the reader of, such as 'reframes'.", valueName: "rules"))
    var rules: String

    @Option(help: ArgumentHelp("The model file to write, such as Content/reframes/reframes.model.", valueName: "path"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("A content folder whose rules and spellings to train with.", valueName: "folder"))
    var content: String?

    private static let defaults = TextReaderTrainer.Options()

    @Option(help: "How many passes over the lines.")
    var epochs: Int = Self.defaults.epochs

    @Option(help: "The L2 regularisation strength.")
    var l2: Float = Self.defaults.l2

    @Option(help: "Of the lines the reader acts on without asking, the share that must be right in cross-validation.")
    var actPrecision: Double = Self.defaults.actPrecision

    @Option(help: "The act threshold to write, instead of the one chosen by cross-validation (from 0 to 1).")
    var act: Float?

    @Option(help: "Weights closer to zero than this are left out of the file.")
    var prune: Float = Self.defaults.prune

    @Option(help: "Features seen in fewer lines than this are left out.")
    var minimumCount: Int = Self.defaults.minimumCount

    @Option(help: "A number that fixes the shuffles and folds, so the same file can be made again.")
    var seed: UInt64 = Self.defaults.seed

    @Flag(name: .customLong("no-card"), help: ArgumentHelp(
        "Lines labelled '-' train a class 'none': lines no card should answer, which the reader learns to leave alone (the 'asked' rules)."))
    var noCard = false

    @Option(name: .customLong("weigh"), help: ArgumentHelp(
        "A labelled file whose lines count N times as much in training, given as N:FILE (such as 3:real.tsv); may be repeated.",
        valueName: "n:file"))
    var weighed: [String] = []

    @Argument(help: ArgumentHelp("Labelled files (LABEL<TAB>TEXT per line).", valueName: "files"))
    var files: [String] = []

    /// The files to read, each with the weight of its lines.
    func weightedFiles() throws -> [(path: String, weight: Float)] {
        try files.map { ($0, 1) } + weighed.map { item in
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let weight = Float(parts[0]), weight > 0, !parts[1].isEmpty else {
                throw ValidationError("--weigh takes N:FILE, such as 3:real.tsv; '\(item)' is not that.")
            }
            return (parts[1], weight)
        }
    }

    func validate() throws {
        guard !files.isEmpty || !weighed.isEmpty else { throw ValidationError("Name at least one labelled file to train on.") }
        _ = try weightedFiles()
        guard epochs >= 1 else { throw ValidationError("--epochs takes 1 or more; \(epochs) is not.") }
        if let act, !(0...1).contains(act) { throw ValidationError("--act takes a confidence from 0 to 1, such as 0.6.") }
        guard (0.5...1).contains(actPrecision) else { throw ValidationError("--act-precision takes a share from 0.5 to 1, such as 0.9.") }
    }

    func run() throws {
        let loaded = try contentWithoutModels()
        // The tone reader's classes are the flags read from words, and none (Content.checkTone).
        let set = loaded.ruleSets[rules]
        guard set != nil || rules == Content.toneReader || rules == Content.safetyReader else {
            ErrorOutput.write("unsent dev train-reader: there is no rule set called '\(Sanitizer.clean(rules))'. "
                + "Rule sets: \(loaded.ruleSets.keys.sorted().joined(separator: ", ")), and 'tone' for the tone check.")
            throw ExitCode.validationFailure
        }
        var examples: [TextReaderTrainer.Example] = []
        for (file, weight) in try weightedFiles() {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read the labelled file \(file).")
            }
            let (read, problems) = TextReaderTrainer.Example.read(file: file, text: String(decoding: data, as: UTF8.self))
            for problem in problems { ErrorOutput.write(problem) }
            // The crisis check's files label an ordinary line '-'; its reader calls that class 'none'.
            // With --no-card, a rule set's '-' lines are that class too.
            let relabel = { (label: String) in (rules == Content.safetyReader || noCard) && label == "-" ? TextReaderModel.noCard : label }
            examples += read.map { TextReaderTrainer.Example(label: relabel($0.label), text: $0.text, weight: weight) }
        }
        if rules == Content.safetyReader {
            // As for the crisis check's model: the rules' own samples count too, above all their `sample none:`
            // lines, the hard negatives the rules were written against.
            examples += loaded.safety.labelledSamples.map {
                TextReaderTrainer.Example(label: $0.label == "-" ? "none" : $0.label, text: $0.text)
            }
        }
        // A card with no labelled line is left to its rule (asked.rules' reach-them): a class never seen would
        // only ever be ranked last.
        let labels = Set(examples.map(\.label))
        let classes = set.map { $0.rules.map(\.id).filter(labels.contains) + (noCard ? [TextReaderModel.noCard] : []) }
            ?? (rules == Content.safetyReader ? Content.safetyReaderClasses : Content.toneReaderClasses)
        if let set, case let unread = set.rules.map(\.id).filter({ !labels.contains($0) }), !unread.isEmpty {
            print("cards with no labelled line, left to their rules: \(unread.joined(separator: ", "))")
        }
        let unknown = Set(examples.map(\.label)).subtracting(classes)
        if !unknown.isEmpty { print("labels that are not cards of '\(rules)', left out: \(unknown.sorted().joined(separator: ", "))") }
        var options = TextReaderTrainer.Options()
        options.epochs = epochs
        options.l2 = l2
        options.actPrecision = actPrecision
        options.seed = seed
        options.act = act
        options.prune = prune
        options.minimumCount = minimumCount
        let result = TextReaderTrainer(options: options).train(name: rules, classes: classes, examples: examples,
                                                               normalizer: loaded.normalizer)
        for line in result.report { print(line) }
        // What is written must read back.
        _ = try TextReaderModel.read(file: out, text: result.fileText)
        try result.fileText.write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(out): \(result.model.featureCount) features, \(result.fileText.utf8.count / 1024) KB")
    }

    /// The content read without any reader model, so a stale model never stands in the way of
    /// training a new one.
    private func contentWithoutModels() throws -> Content {
        let source = try ContentSource.resolve(contentDirectory: content, environment: ProcessInfo.processInfo.environment)
        let withoutModels = ContentSource(files: source.files.filter { !$0.path.hasSuffix(".model") }, directory: source.directory)
        do {
            return try withoutModels.load()
        } catch {
            for diagnostic in error.diagnostics.prefix(8) { ErrorOutput.write(diagnostic.description) }
            ErrorOutput.write("unsent: the content has errors, so its rules cannot be read.")
            throw ExitCode(2)
        }
    }
}

import ArgumentParser
import Foundation
import UnsentCore

/// Measuring tools used by Scripts/bench. Hidden from the main help.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Measuring tools for Scripts/bench (for developers).",
        shouldDisplay: false,
        subcommands: [DevBenchEngine.self, DevTrainReader.self, DevMakeContent.self, DevLoadTime.self, DevRun.self, DevMakeStore.self,
                      DevTrainSafety.self, DevRead.self, DevAnswers.self])
}

struct DevBenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-engine",
        abstract: "Time the engine's turns on generated content with a given number of cards, and print the figures as JSON.")

    @Option(help: "How many reframe cards the generated content has.")
    var cards: Int = 200

    @Option(help: "How many turns to time.")
    var turns: Int = 20000

    func run() throws {
        let files = [
            ("bench/texts.texts", SyntheticContent.texts),
            ("bench/cards.rules", SyntheticContent.cards(cards)),
            ("bench/big.flow", SyntheticContent.flow(nodes: 20)),
        ]
        let content = try ContentLoader.load(files: files)
        let engine = Engine(content: content)
        let inputs = ["i miss the closure3 so much", "i keep thinking about the night we met", "my friends said she posted a photo",
                      "just one more text", "i want to call him", "nothing matches this line at all", "the keys and the money for the dog"]
        let now = Date()
        var (state, _) = engine.start("big", seed: 1, now: now)
        var samples: [Double] = []
        samples.reserveCapacity(turns)
        var outputsCount = 0
        let clock = ContinuousClock()
        let total = clock.measure {
            for turn in 0..<turns {
                let start = clock.now
                let (next, outputs) = engine.step(state, .line(inputs[turn % inputs.count]), now: now)
                samples.append(Double((clock.now - start).components.attoseconds) / 1e12 + Double((clock.now - start).components.seconds) * 1e6)
                state = next
                outputsCount += outputs.count
            }
        }
        samples.sort()
        let median = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        print("""
            {"cards": \(cards), "turns": \(turns), "median_us": \(String(format: "%.2f", median)), "p99_us": \(String(format: "%.2f", p99)), \
            "turns_per_second": \(Int(Double(turns) / seconds)), "outputs": \(outputsCount)}
            """)
    }
}

struct DevMakeContent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-content",
        abstract: "Write a generated content folder of a given size, for measuring load time.")

    @Option(help: "How many nodes the generated flow has.")
    var nodes: Int = 10000

    @Option(help: "How many cards the generated rule set has.")
    var cards: Int = 2000

    @Argument(help: "The folder to write (created if missing).")
    var folder: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try SyntheticContent.texts.write(toFile: folder + "/texts.texts", atomically: true, encoding: .utf8)
        try SyntheticContent.cards(cards).write(toFile: folder + "/cards.rules", atomically: true, encoding: .utf8)
        try SyntheticContent.flow(nodes: nodes).write(toFile: folder + "/big.flow", atomically: true, encoding: .utf8)
    }
}

struct DevLoadTime: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-time",
        abstract: "Load a content folder several times and print the median load time in milliseconds as JSON.")

    @Argument(help: "The content folder to load.")
    var folder: String

    @Option(help: "How many times to load it.")
    var times: Int = 5

    @Flag(help: "Time loading from a content snapshot (reading the files, checking their fingerprint, decoding) instead of parsing.")
    var snapshot = false

    func run() throws {
        let source = try ContentSource.resolve(contentDirectory: folder, environment: [:])
        var samples: [Double] = []
        let clock = ContinuousClock()
        var nodes = 0
        let saved = snapshot ? try ContentSnapshot.make(try source.load(), key: source.fingerprint) : []
        for _ in 0..<times {
            let elapsed = try clock.measure {
                if snapshot {
                    let fresh = try ContentSource.resolve(contentDirectory: folder, environment: [:])
                    // A generated pack has no help lines of its own; the snapshot never holds any.
                    let resources = try ContentLoader.loadResources(files: fresh.scripts) ?? ResourceDirectory()
                    guard let content = ContentSnapshot.read(saved, key: fresh.fingerprint, resources: resources) else {
                        throw ValidationFailure("The snapshot of \(folder) did not read back.")
                    }
                    // The parts read on other threads count too.
                    nodes = content.nodes.count + min(0, content.safety.ruleCount, content.compiledPatterns.count, content.readers.count)
                } else {
                    nodes = try source.load().nodes.count
                }
            }
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        samples.sort()
        print("{\"nodes\": \(nodes), \"median_ms\": \(String(format: "%.2f", samples[samples.count / 2]))}")
    }
}

struct DevRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run any flow with the session store, like the ordinary commands do (for benchmarks of content written for measuring).")

    @Argument(help: "The flow (or flow.node) to start.")
    var flow: String

    @OptionGroup var options: SessionOptions

    func run() throws { try Conversation.run(flow: flow, options: options) }
}

import Foundation

/// Plays thousands of random conversations through every flow to find loops, flows that never
/// end, and questions that cannot be answered. A complement to the linter: it runs the real engine.
public struct Explorer: Sendable {
    public let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    /// Something a random walk ran into.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public var flow: String
        public var node: String
        public var problem: String
        public var inputs: [String]

        public var description: String {
            "\(flow): \(problem) at \(node) after: " + inputs.map { "\"\($0)\"" }.joined(separator: ", ")
        }
    }

    public struct Report: Sendable {
        public var walks = 0
        public var steps = 0
        public var endings: [String: Int] = [:]
        public var nodesVisited = Set<String>()
        public var findings: [Finding] = []
    }

    /// - Parameters:
    ///   - walks: random conversations per flow.
    ///   - maximumSteps: inputs a walk may take before it counts as never ending.
    public func explore(flows: [String]? = nil, walks: Int = 200, maximumSteps: Int = 80, seed: UInt64 = 1) -> Report {
        var report = Report()
        var random = SeededRandom(seed: seed)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        for flow in flows ?? engine.content.flowOrder {
            for _ in 0..<walks {
                report.walks += 1
                var inputs: [String] = []
                var (state, outputs) = engine.start(flow, seed: random.next(), variables: ["wait_seconds": .number(0)], now: now)
                var ended = outputs.endReason
                var steps = 0
                while ended == nil, steps < maximumSteps {
                    steps += 1
                    report.nodesVisited.insert(state.node)
                    let input: EngineInput
                    if state.isWaitingForTimer {
                        input = .waited(seconds: 0, skipped: random.next() % 2 == 0)
                    } else {
                        let line = randomAnswer(for: state.prompt, &random)
                        inputs.append(line)
                        input = .line(line)
                    }
                    (state, outputs) = engine.step(state, input, now: now)
                    ended = outputs.endReason
                    if outputs.allSatisfy({ if case .at = $0 { true } else { false } }), !state.isCollectingLines, !state.ended, state.prompt == nil, !state.isWaitingForTimer {
                        report.findings.append(Finding(flow: flow, node: state.node, problem: "the conversation stalled", inputs: inputs))
                        break
                    }
                }
                report.steps += steps
                if let ended {
                    report.endings[ended, default: 0] += 1
                    if ended == "loop" {
                        report.findings.append(Finding(flow: flow, node: state.node, problem: "the script looped without asking anything", inputs: inputs))
                    }
                } else {
                    report.endings["unfinished", default: 0] += 1
                }
            }
        }
        return report
    }

    /// An answer a person might give: often valid, sometimes odd, sometimes a command.
    func randomAnswer(for prompt: Prompt?, _ random: inout SeededRandom) -> String {
        let roll = random.next() % 100
        let odd = ["", "   ", "banana", "help", "back", "??", "\u{1B}[31mred", "I don't know", "maybe", "sos", "0", "-3", "999"]
        if roll < 12 { return odd[Int(random.next() % UInt64(odd.count))] }
        guard let prompt else { return "okay" }
        switch prompt.kind {
        case .choice:
            return String(1 + Int(random.next() % UInt64(max(1, prompt.choices.count))))
        case .scale(let range):
            return String(range.lowerBound + Int(random.next() % UInt64(range.count)))
        case .yesNo:
            return ["yes", "no", "yeah", "nope", "y", "n"][Int(random.next() % 6)]
        case .text:
            return ["I miss them", "it's been a long day", "I just want closure"][Int(random.next() % 3)]
        case .lines:
            // Lines are collected until an empty one.
            return random.next() % 3 == 0 ? "" : "I keep thinking about you"
        case .date:
            return ["today", "yesterday", "3 days ago", "2026-11-01"][Int(random.next() % 4)]
        case .duration:
            return ["10m", "an hour", "5 minutes"][Int(random.next() % 3)]
        case .number:
            return String(random.next() % 12)
        case .days:
            return ["45", "six weeks", "a month", "90 days"][Int(random.next() % 4)]
        }
    }
}

extension Array where Element == Output {
    var endReason: String? {
        for output in self { if case .ended(let reason) = output { return reason } }
        return nil
    }
}

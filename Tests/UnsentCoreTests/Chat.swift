import Foundation
import Testing
@testable import UnsentCore

/// A conversation driven by a test: it keeps the state and shows each step's lines as the
/// plain renderer would print them.
struct Chat {
    /// 2026-11-23T23:40:00Z, a late Monday evening.
    static let now = Date(timeIntervalSince1970: 1_795_477_200)

    let engine: Engine
    var state: ConversationState
    /// The outputs of the last step.
    var outputs: [Output]
    /// Every output so far.
    var history: [Output]
    var now: Date

    init(content: Content, flow: String = "main", seed: UInt64 = 1, variables: [String: Value] = [:],
         variations: [String: VariationPosition] = [:], now: Date = Chat.now) {
        engine = Engine(content: content)
        self.now = now
        (state, outputs) = engine.start(flow, seed: seed, variables: variables, variations: variations, now: now)
        history = outputs
    }

    init(_ text: String, flow: String = "main", seed: UInt64 = 1, variables: [String: Value] = [:],
         variations: [String: VariationPosition] = [:], now: Date = Chat.now) throws {
        self.init(content: try TestScript.load(text), flow: flow, seed: seed, variables: variables,
                  variations: variations, now: now)
    }

    /// Types a line; returns what the bot printed in answer.
    @discardableResult
    mutating func send(_ line: String) -> [String] {
        step(.line(line))
    }

    @discardableResult
    mutating func step(_ input: EngineInput) -> [String] {
        (state, outputs) = engine.step(state, input, now: now)
        history += outputs
        return lines
    }

    /// What the last step printed.
    var lines: [String] { Self.render(outputs) }

    static func render(_ outputs: [Output]) -> [String] { outputs.flatMap(PlainRenderer.lines) }

    /// The reason the conversation ended in the last step, if it did.
    var ended: String? { Self.endReason(outputs) }

    static func endReason(_ outputs: [Output]) -> String? {
        for output in outputs { if case .ended(let reason) = output { return reason } }
        return nil
    }

    var events: [Output] { history.filter { if case .event = $0 { true } else { false } } }
    var drafts: [String] { history.compactMap { if case .draft(let text) = $0 { text } else { nil } } }

    func variable(_ name: String) -> Value? { state.variables[name] }
}

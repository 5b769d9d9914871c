import Foundation
import UnsentCore
import UnsentStore

/// Runs one conversation: feeds the person's lines to the engine, shows what it says, and
/// writes every turn, event, draft and variation to the store as it happens (before it is shown).
final class SessionRunner {
    let engine: Engine
    let store: Store?
    let terminal: any Terminal
    let clock: () -> Date
    private var sessionID: Int64?
    private var lastDraftID: Int64?

    init(engine: Engine, store: Store?, terminal: any Terminal, clock: @escaping () -> Date = Date.init) {
        self.engine = engine
        self.store = store
        self.terminal = terminal
        self.clock = clock
    }

    /// Plays a flow until it ends or the person leaves. Returns how it ended.
    @discardableResult
    func run(flow: String, seed: UInt64, variables given: [String: Value]) throws(StoreError) -> String {
        var variables = given
        var variations: [String: VariationPosition] = [:]
        if let store {
            for (key, encoded) in try store.variationStates() {
                if let position = VariationPosition(encoded: encoded) { variations[key] = position }
            }
            sessionID = try store.beginSession(flow: flow, at: clock(), seed: seed)
            // What the store says about the plan today, then facts kept from earlier sessions.
            for (key, value) in try PlanFacts.load(store, now: clock()).variables(content: engine.content) where variables[key] == nil {
                variables[key] = value
            }
            for key in Self.rememberedSettings where variables[key] == nil {
                if let value = try store.setting(key) { variables[key] = Int(value).map(Value.number) ?? .text(value) }
            }
            terminal.loadHistory(try store.historyLines(limit: 500))
        }
        var (state, outputs) = engine.start(flow, seed: seed, variables: variables, variations: variations, now: clock())
        var ending = try handle(outputs, state: &state)
        while !state.ended {
            let event = terminal.read(choices: state.prompt.map(Self.completions) ?? [])
            let input: EngineInput
            switch event {
            case .line(let text):
                if let store, let sessionID {
                    try store.appendTurn(sessionId: sessionID, at: clock(), speaker: .person, node: state.node, text: text)
                    if let line = terminal.lastHistoryLine { try store.appendHistory(line, at: clock()) }
                }
                input = .line(text)
            case .endOfInput:
                if state.isCollectingLines {
                    // The input ended in the middle of a multi-line answer: finish it so nothing is lost.
                    (state, outputs) = engine.step(state, .line(""), now: clock())
                    if let end = try handle(outputs, state: &state) { ending = end }
                    if state.ended { continue }
                }
                input = .leave(reason: "eof")
            case .interrupted:
                input = .leave(reason: "interrupted")
            }
            (state, outputs) = engine.step(state, input, now: clock())
            if let end = try handle(outputs, state: &state) { ending = end }
        }
        return ending ?? "finished"
    }

    /// Settings handed to every conversation as variables.
    static let rememberedSettings = [
        "region", "safety_followup", "plan_statement", "support_people", "plan_type", "plan_reason", "plan_offered", "afraid",
    ]

    /// Words Tab can complete at this question.
    static func completions(_ prompt: Prompt) -> [String] {
        var words = prompt.choices.map(\.key)
        if case .yesNo = prompt.kind { words += ["yes", "no"] }
        return words + ["help", "back", "menu", "quit", "sos"]
    }

    /// Records and shows one step's outputs; handles timed pauses. Returns the ending, if any.
    private func handle(_ outputs: [Output], state: inout ConversationState) throws(StoreError) -> String? {
        var pending = outputs
        var ending: String?
        while !pending.isEmpty {
            try record(pending, node: state.node)
            var waitRequest: Int?
            for output in pending {
                switch output {
                case .say(let text): terminal.say(text)
                case .ask(let prompt):
                    terminal.show(UnsentPromptView(text: prompt.text, choices: prompt.choices.map(\.label), note: nil))
                case .wait(let seconds): waitRequest = seconds
                case .ended(let reason): ending = reason
                case .at, .event, .draft, .sealDraft, .deleteDraft, .variation, .remember: break
                }
            }
            pending = []
            if let seconds = waitRequest {
                let (waited, skipped) = terminal.wait(seconds: seconds)
                let next: [Output]
                (state, next) = engine.step(state, .waited(seconds: waited, skipped: skipped), now: clock())
                pending = next
            }
        }
        return ending
    }

    private func record(_ outputs: [Output], node startNode: String) throws(StoreError) {
        guard let store, let sessionID else { return }
        let now = clock()
        var node = startNode
        var turns: [NewTurn] = []
        var variations: [String: String] = [:]
        for output in outputs {
            switch output {
            case .at(let current):
                node = current
            case .say(let text):
                turns.append(NewTurn(sessionId: sessionID, at: now, speaker: .bot, node: node, text: text))
            case .ask(let prompt):
                let lines = PlainRenderer.lines(for: output).joined(separator: "\n")
                turns.append(NewTurn(sessionId: sessionID, at: now, speaker: .bot, node: prompt.node, text: lines))
            case .event(let kind, let fields):
                _ = try store.recordEvent(sessionId: sessionID, at: now, kind: kind, fields: fields)
            case .draft(let text):
                lastDraftID = try store.saveDraft(sessionId: sessionID, at: now, text: text, sealedUntil: nil)
            case .sealDraft(let seconds):
                if let lastDraftID { try store.sealDraft(lastDraftID, until: now.addingTimeInterval(TimeInterval(seconds))) }
            case .variation(let key, let position):
                variations[key] = position
            case .ended(let reason):
                try store.appendTurns(turns)
                turns = []
                try store.endSession(sessionID, at: now, ending: reason)
            case .deleteDraft(let id):
                try store.deleteDraft(Int64(id), at: now)
            case .remember(let key, let value):
                try store.setSetting(key, value.isEmpty ? nil : value)
            case .wait: break
            }
        }
        try store.appendTurns(turns)
        if !variations.isEmpty { try store.saveVariationStates(variations) }
    }
}

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
    /// The flow being run, to begin the session again if `forget` in another window deleted it.
    private var flow = ""
    private var lastDraftID: Int64?
    /// The draft `back` went over: the message written again replaces it.
    private var withdrawnDraftID: Int64?

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
        self.flow = flow
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
                if let value = try store.setting(key) { variables[key] = Self.remembered(key, value) }
            }
            terminal.loadHistory(try store.historyLines(limit: 500))
        }
        var (state, outputs) = engine.start(flow, seed: seed, variables: variables, variations: variations, now: clock())
        var ending = try handle(outputs, state: &state, before: [])
        // The first prompt is out: what the first typed line needs is read while it is read.
        engine.content.startReadingTheRest()
        while !state.ended {
            let event = terminal.read(choices: state.prompt.map(Self.completions) ?? [])
            var typed: [StepItem] = []
            let input: EngineInput
            switch event {
            case .line(let text):
                // The person's line is written together with the answer it gets, in one transaction.
                typed.append(.turn(speaker: .person, node: state.node, text: text))
                if let line = terminal.lastHistoryLine { typed.append(.history(line)) }
                input = .line(text)
            case .endOfInput, .failed, .interrupted:
                if state.isCollectingLines {
                    // The input ended, or the person left with Ctrl-C, in the middle of a multi-line
                    // answer: finish it so nothing is lost (drive-20: a letter's lines were not in the drawer),
                    // with the line the first Ctrl-C cleared (drive-36).
                    if case .interrupted(let partial) = event, !partial.trimmingCharacters(in: .whitespaces).isEmpty {
                        outputs = engine.step(&state, .line(partial), now: clock())
                        if let end = try handle(outputs, state: &state, before: [.turn(speaker: .person, node: state.node, text: partial)]) { ending = end }
                    }
                    // What comes after the answer is said, but no question is put that will not be waited for
                    // (drive-36: "Would you like to seal it…?" was shown on the way out), and no timer run.
                    outputs = engine.step(&state, .line(""), now: clock()).filter {
                        switch $0 {
                        case .ask, .wait: false
                        default: true
                        }
                    }
                    if let end = try handle(outputs, state: &state, before: []) { ending = end }
                    if state.ended { continue }
                }
                // When standard input or output is gone, the conversation ends here, every step so far kept.
                if case .interrupted = event {
                    input = .leave(reason: "interrupted")
                } else {
                    input = .leave(reason: event == .failed ? "terminal-failed" : "eof", farewell: event == .endOfInput && terminal.isInteractive)
                }
            }
            outputs = engine.step(&state, input, now: clock())
            if let end = try handle(outputs, state: &state, before: typed) { ending = end }
        }
        return ending ?? "finished"
    }

    /// A remembered setting as the value it was: yes/no answers are kept as "yes" and "no", and
    /// the text "no" would read as true in a condition.
    static func remembered(_ key: String, _ stored: String) -> Value {
        if rememberedFlags.contains(key), stored == "yes" || stored == "no" { return .bool(stored == "yes") }
        return Int(stored).map(Value.number) ?? .text(stored)
    }

    /// The remembered settings that are yes/no answers.
    static let rememberedFlags: Set<String> = ["safety_followup", "plan_offered", "afraid"]

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
    private func handle(_ outputs: [Output], state: inout ConversationState, before: [StepItem]) throws(StoreError) -> String? {
        var pending = outputs
        var first = before
        var ending: String?
        // Words typed during a pause: shown and answered at the question the pause led to.
        var typedDuringWait: String?
        while !pending.isEmpty || !first.isEmpty || typedDuringWait != nil {
            if pending.isEmpty, first.isEmpty, let line = typedDuringWait {
                typedDuringWait = nil
                guard !state.ended, state.prompt != nil else { break }
                terminal.echo(line)
                first = [.turn(speaker: .person, node: state.node, text: line)]
                pending = engine.step(&state, .typedDuringPause(line), now: clock())
                continue
            }
            try record(first + items(for: pending, node: state.node))
            first = []
            var waitRequest: Int?
            for output in pending {
                switch output {
                case .say(let text): terminal.say(text)
                case .ask(let prompt):
                    terminal.show(UnsentPromptView(text: prompt.text, choices: prompt.choices.map(\.label), note: nil))
                case .wait(let seconds): waitRequest = seconds
                case .ended(let reason): ending = reason
                case .at, .event, .draft, .sealDraft, .deleteDraft, .withdrawDraft, .variation, .remember: break
                }
            }
            pending = []
            if let seconds = waitRequest {
                let (waited, skipped, typed) = terminal.wait(seconds: seconds)
                pending = engine.step(&state, .waited(seconds: waited, skipped: skipped), now: clock())
                if !typed.isEmpty { typedDuringWait = typed }
            }
        }
        return ending
    }

    /// What the store keeps of some outputs, in order.
    private func items(for outputs: [Output], node startNode: String) -> [StepItem] {
        var node = startNode
        var items: [StepItem] = []
        for output in outputs {
            switch output {
            case .at(let current): node = current
            case .say(let text): items.append(.turn(speaker: .bot, node: node, text: text))
            case .ask(let prompt):
                items.append(.turn(speaker: .bot, node: prompt.node, text: PlainRenderer.lines(for: output).joined(separator: "\n")))
            case .event(let kind, let fields): items.append(.event(kind: kind, fields: fields))
            case .draft(let text):
                if let id = withdrawnDraftID {
                    items.append(.replaceDraft(id, text))
                    withdrawnDraftID = nil
                } else {
                    items.append(.draft(text))
                }
            case .sealDraft(let seconds): items.append(.sealLastDraft(until: clock().addingTimeInterval(TimeInterval(seconds))))
            case .deleteDraft(let id): items.append(.deleteDraft(Int64(id)))
            case .withdrawDraft: withdrawnDraftID = lastDraftID
            case .variation(let key, let position): items.append(.variation(key: key, state: position))
            case .remember(let key, let value): items.append(.setting(key: key, value: value.isEmpty ? nil : value))
            case .ended(let reason): items.append(.end(ending: reason))
            case .wait: break
            }
        }
        return items
    }

    private func record(_ items: [StepItem]) throws(StoreError) {
        guard let store, let sessionID, !items.isEmpty else { return }
        lastDraftID = try store.commit(sessionId: sessionID, at: clock(), items: items, lastDraftID: lastDraftID, flow: flow)
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// Hostile input through the real bundled content: the engine never crashes or stalls, and nothing it shows
/// carries a raw escape, C1 control, bell or direction override — least of all the person's own words
/// reflected back.
@Suite("Fuzz: the engine on the bundled content", .serialized)
struct FuzzEngineTests {
    /// Inputs per shard; the shards together give well over 100,000 per run.
    static let inputsPerShard = 13_000
    /// The shards run in parallel, each with its own seed.
    static let shardSeeds: [UInt64] = [0xF00D, 0xBEEF, 0x5EED, 0xCAFE, 0xD1CE, 0xFACE, 0xB0A7, 0x7E57]

    /// The flows a person starts from the command line, with the variables the shell passes.
    static let starts: [(flow: String, variables: [String: Value])] = [
        ("home", [:]), ("urge", [:]), ("reply", ["practice": .bool(false)]), ("reply", ["practice": .bool(true)]),
        ("reflect", [:]), ("plan", [:]), ("sos", [:]),
    ]

    /// A loaded copy of the bundled content, shared by the shards (it is an immutable value).
    static let content: Result<Content, any Error> = Result { try Repository.loadContent() }

    @Test(.timeLimit(.minutes(2)), arguments: shardSeeds)
    func hostileLinesNeverCrashStallOrLeakControls(seed: UInt64) throws {
        let engine = Engine(content: try Self.content.get())
        var input = FuzzInput(seed: seed)
        var run = FuzzRun(engine: engine, seed: seed)
        run.check(run.startNext(&input.generator), context: "seed \(seed), first start")
        var hugeLinesSent = 0
        for index in 0..<Self.inputsPerShard {
            var (kind, line) = input.next(choiceKeys: run.state.prompt?.choices.map(\.key) ?? [])
            if Self.hugeLineShards.contains(seed), index == Self.hugeLineIndex {
                (kind, line) = (.huge, input.hugeLine())
                hugeLinesSent += 1
            }
            let context = "seed \(seed), input \(index) (\(kind.rawValue)): \(line.prefix(200).debugDescription), flow \(run.flow), node \(run.state.node)"
            run.check(run.send(line), context: context)
            if run.state.ended {
                run.check(run.startNext(&input.generator), context: "seed \(seed), start after input \(index)")
            }
        }
        #expect(run.leaks == 0, "\(run.leaks) shown texts had raw controls (the first \(FuzzRun.reportsPerKind) are reported above)")
        #expect(run.stalls == 0, "\(run.stalls) steps left the conversation waiting without a question (the first \(FuzzRun.reportsPerKind) are reported above)")
        #expect(hugeLinesSent == (Self.hugeLineShards.contains(seed) ? 1 : 0))
        #expect(run.conversations > 10, "Conversations should end and new ones start (quit, menu choices).")
    }

    /// The shards that send one line of about 1 MiB, and where: only a few, as each takes 10–20 s in a
    /// debug build (the safety check and the matcher read the whole line).
    static let hugeLineShards: Set<UInt64> = [0xF00D, 0xBEEF, 0x5EED]
    static let hugeLineIndex = 1_000

    /// The checker itself must notice a raw control: otherwise the test above could never fail.
    @Test(arguments: ["\u{1B}[31m", "\u{9B}2J", "\u{07}", "\u{202E}", "\u{2066}", "\u{85}", "\u{0}"])
    func theCheckerCatchesEachForbiddenCharacter(_ bad: String) {
        #expect(FuzzRun.forbidden(in: "hello \(bad) world") != nil)
        #expect(FuzzRun.forbidden(in: "hello ␛[31m world, 😭 e\u{301}\nnext line") == nil)
    }
}

/// One engine driven conversation after conversation, as the shell does: pauses answered at once, the
/// values it remembers handed to the next conversation, and a draft it saved offered back by `home` and
/// `revisit` (the person's own words, shown again).
struct FuzzRun {
    let engine: Engine
    var random: FuzzInput.Generator
    var state: ConversationState
    var flow = ""
    var conversations = 0
    private var remembered: [String: Value] = [:]
    private var lastDraft: String?
    private var variations: [String: VariationPosition] = [:]
    private let now = Date(timeIntervalSince1970: 1_795_477_200)

    init(engine: Engine, seed: UInt64) {
        self.engine = engine
        random = FuzzInput.Generator(seed: seed ^ 0xA5A5)
        state = engine.start("home", seed: seed, now: now).0
    }

    /// Starts another conversation (a random flow) and returns what its start showed.
    mutating func startNext(_ generator: inout FuzzInput.Generator) -> [Output] {
        var variables: [String: Value] = ["wait_seconds": .number(0)]
        var choice = FuzzEngineTests.starts.randomElement(using: &generator) ?? ("home", [:])
        if let lastDraft, Bool.random(using: &generator) {
            // A draft from an earlier conversation, offered back (home) or opened from the drawer (revisit).
            choice = Bool.random(using: &generator) ? ("home", ["opened_drafts": .number(1)]) : ("revisit", [:])
            variables.merge(["draft_text": .text(lastDraft), "draft_age": .text("2 days"), "draft_id": .number(1)]) { _, new in new }
        }
        variables.merge(choice.variables) { _, new in new }
        variables.merge(remembered) { old, _ in old }
        flow = choice.flow
        conversations += 1
        let outputs: [Output]
        (state, outputs) = engine.start(flow, seed: UInt64(conversations), variables: variables, variations: variations, now: now)
        absorb(outputs)
        return outputs
    }

    /// Sends one line, answering any pause at once; returns everything the step produced.
    mutating func send(_ line: String) -> [Output] {
        var all: [Output] = []
        var outputs: [Output]
        (state, outputs) = engine.step(state, .line(line), now: now)
        all += outputs
        absorb(outputs)
        var pauses = 0
        while state.isWaitingForTimer, !state.ended, pauses < 50 {
            pauses += 1
            (state, outputs) = engine.step(state, .waited(seconds: 0, skipped: Bool.random(using: &random)), now: now)
            all += outputs
            absorb(outputs)
        }
        return all
    }

    private mutating func absorb(_ outputs: [Output]) {
        for output in outputs {
            switch output {
            case .draft(let text): lastDraft = text
            case .remember(let key, let value): remembered[key] = Int(value).map(Value.number) ?? .text(value)
            case .variation(let key, let position):
                if let decoded = VariationPosition(encoded: position) { variations[key] = decoded }
            default: break
            }
        }
    }

    /// Problems found so far in this run; each kind is recorded a few times only, so one fault does not
    /// drown the report, and the run goes on to look for the others.
    var leaks = 0
    var stalls = 0
    static let reportsPerKind = 3

    /// Records an issue when a step shows a forbidden character, produces a flood of outputs, or leaves
    /// the conversation waiting for a line without a question on screen (or with nothing to wait for).
    mutating func check(_ outputs: [Output], context: @autoclosure () -> String) {
        #expect(outputs.count < 5_000, "A step produced \(outputs.count) outputs: \(context())")
        for output in outputs {
            for text in Self.shownTexts(output) {
                guard let bad = Self.forbidden(in: text) else { continue }
                leaks += 1
                if leaks <= Self.reportsPerKind {
                    Issue.record("Shown text has \(bad): \(text.prefix(300).debugDescription) — \(context())")
                }
            }
        }
        // Not stalled: a live conversation waits for a pause, or for a line with its question showing.
        let waitsWithAQuestion = state.awaiting != nil && state.prompt != nil
        guard state.ended || state.isWaitingForTimer || waitsWithAQuestion else {
            stalls += 1
            if stalls <= Self.reportsPerKind {
                let shown = outputs.flatMap(PlainRenderer.lines).suffix(6).map { String($0.prefix(120)) }
                Issue.record("""
                    The conversation waits without a question (prompt \(state.prompt == nil ? "nil" : "set")): \(context())
                    awaiting \(String(describing: state.awaiting)), frames \(state.frames.map { "\($0.code)@\($0.pc)" }), \
                    collecting \(state.pendingLines.count) lines; the step showed: \(shown)
                    """)
            }
            return
        }
    }

    /// What the person would see of an output: said text, the question, its choice labels, rendered lines.
    static func shownTexts(_ output: Output) -> [String] {
        switch output {
        case .say(let text): [text] + PlainRenderer.lines(for: output)
        case .ask(let prompt): [prompt.text] + prompt.choices.map(\.label) + PlainRenderer.lines(for: output)
        default: []
        }
    }

    /// A description of the first character a terminal would act on, or nil when the text is safe to print:
    /// ESC, C1 controls (U+0080–U+009F, CSI U+009B among them), BEL and the other C0 controls except line
    /// feed, DEL, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
    static func forbidden(in text: String) -> String? {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let bad = (value < 0x20 && value != 0x0A) || value == 0x7F || (0x80...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            if bad { return String(format: "U+%04X", value) }
        }
        return nil
    }
}


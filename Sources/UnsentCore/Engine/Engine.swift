import Foundation

/// The conversation state machine: given content, a state and one input, it returns the
/// next state and what to show, record and do. Pure: clock and randomness come in from outside.
public struct Engine: Sendable {
    public let content: Content
    let reader: AnswerReader
    let reflector: Reflector
    /// Instructions one input may run before the engine decides the script loops forever.
    static let instructionBudget = 10_000
    static let undoDepth = 30

    public init(content: Content, calendar: Calendar = Engine.utcCalendar) {
        self.content = content
        reader = AnswerReader(normalizer: content.normalizer, calendar: calendar)
        reflector = content.reflector
    }

    public static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// Starts a flow (or `flow.node`).
    /// - Parameters:
    ///   - variables: values from outside (facts from the store, options), over the declared defaults.
    ///   - variations: saved variation positions, so lines do not repeat across sessions.
    public func start(_ target: String, seed: UInt64, variables: [String: Value] = [:],
                      variations: [String: VariationPosition] = [:], now: Date = Date(timeIntervalSince1970: 0)) -> (ConversationState, [Output]) {
        var state = ConversationState(seed: seed)
        state.now = now
        state.variations = variations
        // Defaults in the order they are written, so one may use another declared before it.
        for declaration in content.variables.values.sorted(by: { $0.location < $1.location }) {
            state.variables[declaration.name] = declaration.defaultValue.evaluate { state.variables[$0] ?? .none }
        }
        state.variables["waited"] = .number(0)
        state.variables["wait_skipped"] = .bool(false)
        state.variables.merge(variables) { _, new in new }
        // Someone said they were safe after a crisis in an earlier session: ask once more, gently.
        state.followupDue = state.variables["safety_followup"]?.isTruthy == true
        var outputs: [Output] = []
        guard let node = ContentLinker.resolveTarget(target, flow: nil, content: content) else {
            state.ended = true
            outputs.append(.ended(reason: "unknown-flow"))
            return (state, outputs)
        }
        state.frames = [.init(code: .node(node), pc: 0)]
        state.node = node
        run(&state, &outputs)
        return (state, outputs)
    }

    public func step(_ previous: ConversationState, _ input: EngineInput, now: Date) -> (ConversationState, [Output]) {
        var state = previous
        let outputs = step(&state, input, now: now)
        return (state, outputs)
    }

    /// `step`, changing the state in place. A caller that keeps one state for a whole
    /// conversation uses this: the state's arrays are then never shared with an older copy, so
    /// a line added to a long multi-line answer is not a copy of all the lines before it (which
    /// made a draft of many lines take time in the square of its length).
    public func step(_ state: inout ConversationState, _ input: EngineInput, now: Date) -> [Output] {
        state.now = now
        var outputs: [Output] = []
        guard !state.ended else { return outputs }
        switch input {
        case .leave(let reason, let farewell):
            runLeaveNodes(state, below: state.frames.count, speaking: true, &outputs)
            showHelpBeforeLeaving(state, &outputs)
            // Ctrl-C twice is as deliberate as typing quit, and gets the same goodbye; so does Ctrl-D
            // at a terminal (drive-18: leaving with no word read as a crash). The end of a pipe only closes.
            if reason == "interrupted" || farewell { say("goodbye", &state, &outputs) }
            state.ended = true
            state.prompt = nil
            outputs.append(.ended(reason: reason))
        case .waited(let seconds, let skipped):
            guard state.awaiting == .wait else { return outputs }
            state.variables["waited"] = .number(seconds)
            state.variables["wait_skipped"] = .bool(skipped)
            state.awaiting = nil
            run(&state, &outputs)
        case .line(let typed), .typedDuringPause(let typed):
            let duringPause = if case .typedDuringPause = input { true } else { false }
            // Escape sequences typed or pasted by the person are dropped whole before anything reads the line.
            let line = Sanitizer.removingControlSequences(typed)
            if state.awaiting == .wait {
                let command = line.trimmed.lowercased()
                if ["quit", "exit", ":q"].contains(command) {
                    runLeaveNodes(state, below: state.frames.count, speaking: true, &outputs)
                    say("goodbye", &state, &outputs)
                    state.ended = true
                    state.awaiting = nil
                    outputs.append(.ended(reason: "quit"))
                    return outputs
                }
                // Any other line cuts the pause short (and sos still works at the next question).
                return step(&state, .waited(seconds: 0, skipped: true), now: now)
            }
            guard case .answer(let attempts) = state.awaiting else { return outputs }
            // A command word alone ("quit", "sos") is never crisis language: it does not wait for the crisis rules.
            var crisisInAnswer = false
            var careful = false
            if !Self.commandWords.contains(line.trimmed.lowercased()),
               let verdict = content.safety.verdict(line, answering: currentQuestion(state).map { render($0.0.prompt, state) }) {
                switch safetyCheck(verdict, line: line, &state, &outputs) {
                case .taken: return outputs
                case .crisisInSafetyAnswer: crisisInAnswer = true
                case .coveredByQuestion: careful = true
                case .passed: break
                }
            }
            answer(&state, &outputs, line: line, attempts: attempts, now: now, crisisInAnswer: crisisInAnswer, careful: careful,
                   duringPause: duringPause)
        }
        return outputs
    }

    // MARK: Safety

    /// The words `globalCommand` answers, typed alone.
    static let commandWords: Set<String> = ["help", "?", "back", "menu", "sos", "quit", "exit", ":q"]

    /// In a message from the ex, the writer's "I" is the ex: their suicide or self-harm talk is the
    /// ex threatening self-harm, and their talk of hurting someone is danger to the person.
    static func asTheirWords(_ category: CrisisCategory) -> CrisisCategory {
        switch category {
        case .suicide, .selfHarm: .exSelfHarm
        case .harmOthers: .danger
        default: category
        }
    }

    /// What the crisis check's verdict did with a typed line.
    enum SafetyCheckResult {
        /// The safety steps (or a wait for the rest of a message) took the line.
        case taken
        /// Crisis words in an answer to a safety question: the line goes on to the question, and if it
        /// cannot be read the careful answer is taken at once ("i already bought a rope" to "Are you having
        /// any thoughts…?" is never asked about again; drive-22).
        case crisisInSafetyAnswer
        /// The line goes on to the question as it is.
        case passed
        /// The question itself asks about what the check found ("Have you ever felt afraid of them?" and
        /// "he used to go through my phone and turned up outside my office"): the line answers it the
        /// careful way, its `unsure:` value (drive-26: that answer was read as "not afraid" and passed by).
        case coveredByQuestion
    }

    /// What the crisis check's verdict on a typed line does.
    /// - Inside a safety flow its questions are not interrupted again, but a crisis of another kind
    ///   ("no. kms tonight" to "are you safe?" about danger) is kept in `crisis_also` for the flow.
    /// - A guess of the unsure band is let pass once the person has said no to a check-in.
    /// - A check-in called for inside a multi-line answer waits until the answer is finished.
    private func safetyCheck(_ verdict: (category: CrisisCategory, unsure: Bool), line: String,
                             _ state: inout ConversationState, _ outputs: inout [Output]) -> SafetyCheckResult {
        if isInSafetyFlow(state) {
            let result: SafetyCheckResult = verdict.category != .ambiguous ? .crisisInSafetyAnswer : .passed
            let current = state.variables["crisis_category"]?.description
            let known = [current, state.variables[Self.crisisAlso]?.description]
            // One line can hold two things ("hes banging on the door. i just want to die"): the whole
            // line, then each sentence, for a crisis of a kind not yet answered (drive-19).
            guard let words = keepAnotherCrisis([(verdict.category, line)] + sentenceCrises(line), besides: known, &state, &outputs)
            else { return result }
            // The words of that other crisis only, so its urgency is read alone (not the door again).
            state.variables["crisis_words"] = .text(words)
            return result
        }
        let found = verdict.category
        guard let (question, _) = currentQuestion(state) else { return .passed }
        if question.covers.contains(found.rawValue) {
            return found != .ambiguous && question.unsureValue != nil ? .coveredByQuestion : .passed
        }
        // An unclear line in their message is theirs, not a worry about the person ("I don't know why I
        // bother", drive-21; "I am not doing this anymore", drive-32, in a co-parent's pasted message).
        if found == .ambiguous, question.theirs { return .passed }
        if found == .ambiguous {
            if verdict.unsure, state.variables[Self.checkInDeclined]?.isTruthy == true { return .passed }
            // Only the nets' unsure band heard something, in a line that answers a menu, a yes or no, a number
            // or a date as asked ("no i dont want" to "seal it?", "no contact. nothing shared thank god": drive-26,
            // where five of six new users were asked about hurting themselves for such answers). The rules still ask.
            // So does an answer that is only "not sure" (drive-33: "I am not sure" at the first question drew the
            // self-harm question; "I'm not sure" did not).
            if verdict.unsure, question.kind != .text, question.kind != .lines,
               reader.read(line, as: question.kind, choices: shownChoices(question, state), now: state.now) != nil
                || reader.isOnlyUnsure(line) { return .passed }
            if question.kind == .lines, !(line.trimmed.isEmpty || line.trimmed == ".") {
                if state.deferredSafety == nil {
                    state.deferredSafety = ConversationState.DeferredSafety(line: line, category: .ambiguous)
                }
                state.pendingLines.append(line)
                return .taken
            }
        }
        let category = question.theirs ? Self.asTheirWords(found) : found
        if question.theirs {
            // An unclear line in their message is theirs, not a worry about the person ("I don't
            // know why I bother", drive-21); the reply flow reads the message for what it is.
            if category == .ambiguous { return .passed }
            // A crisis in a message being pasted waits until the whole message is in (the empty line).
            if question.kind == .lines, !(line.trimmed.isEmpty || line.trimmed == ".") {
                if state.deferredSafety.map({ category.priority > $0.category.priority }) ?? true {
                    state.deferredSafety = ConversationState.DeferredSafety(line: line, category: category)
                }
                state.pendingLines.append(line)
                return .taken
            }
        }
        // One line can hold two crises ("hes outside my door and im scared. honestly i just want to die"):
        // a sentence of another kind is answered after the first (drive-20: only the danger path ran).
        if !question.theirs, category != .ambiguous {
            _ = keepAnotherCrisis(sentenceCrises(line), besides: [category.rawValue], &state, &outputs)
        }
        safetyInterrupt(category, line: line, theirs: question.theirs, &state, &outputs)
        return .taken
    }

    /// Each sentence of a line of several, with the crisis check's category where it finds one.
    private func sentenceCrises(_ line: String) -> [(CrisisCategory, String)] {
        let sentences = WordScanner.sentences(line, keepingEnds: false)
        guard sentences.count > 1 else { return [] }
        return sentences.compactMap { piece in content.safety.classify(piece).map { ($0, piece) } }
    }

    /// The first of `heard` that is a crisis of a kind not in `known` is kept for the flow to answer
    /// after the one it is on: its kind in `crisis_also`, its words in `crisis_also_words`, and its
    /// event. Returns those words, or nil when there is none.
    private func keepAnotherCrisis(_ heard: [(CrisisCategory, String)], besides known: [String?],
                                   _ state: inout ConversationState, _ outputs: inout [Output]) -> String? {
        guard let (other, words) = heard.first(where: { $0.0 != .ambiguous && !known.contains($0.0.rawValue) }) else { return nil }
        let flowName = String(state.node.prefix { $0 != "." })
        outputs.append(.event(kind: EventKind.safety(other).rawValue,
                              fields: EventField.named([.category: other.rawValue, .flow: flowName, .node: state.node])))
        state.variables[Self.crisisAlso] = .text(other.rawValue)
        state.variables[Self.crisisAlsoWords] = .text(words)
        return words
    }

    /// A crisis of another kind heard inside a safety flow, for the flow to answer (safety.flow).
    static let crisisAlso = "crisis_also"
    /// The words of that other crisis, so its urgency is read alone.
    static let crisisAlsoWords = "crisis_also_words"
    /// Set by the check-in flow when the person said no (safety.flow).
    static let checkInDeclined = "check_in_declined"

    /// True while one of the engine's safety flows is running: its own questions are not interrupted again.
    func isInSafetyFlow(_ state: ConversationState) -> Bool {
        state.frames.contains { frame in
            guard case .node(let name) = frame.code else { return false }
            return ContentLinker.safetyFlows.contains(String(name.prefix { $0 != "." }))
        }
    }

    /// Stops the script for crisis language (or checks in gently when it is unclear) before the
    /// script sees the words. The question that was waiting is asked again afterwards.
    private func safetyInterrupt(_ category: CrisisCategory, line: String, theirs: Bool = false, holding: String? = nil,
                                 _ state: inout ConversationState, _ outputs: inout [Output]) {
        let flowName = String(state.node.prefix { $0 != "." })
        outputs.append(.event(kind: EventKind.safety(category).rawValue,
                              fields: EventField.named([.category: category.rawValue, .flow: flowName, .node: state.node])))
        state.variables["crisis_category"] = .text(category.rawValue)
        // What stopped the conversation, so the crisis flow can read how urgent it is (safety/urgent.rules).
        state.variables["crisis_words"] = .text(line)
        state.variables["safety_shown"] = .bool(true)
        if category == .ambiguous {
            startSafetyFlow("check-in", &state, &outputs, holding: holding ?? line)
        } else if theirs {
            // A message from the ex is kept: after the safety steps it still answers the question.
            startSafetyFlow("crisis", &state, &outputs, holding: holding ?? line)
        } else {
            // The crisis line is not answered again when the question comes back. In something being
            // written over several lines (a journal entry, a message) it stays, with the lines before it:
            // the words are the person's, and "what you'd written is still here" must hold (drive-24: a
            // false alarm took a line out of a journal entry).
            if let (question, _) = currentQuestion(state), question.kind == .lines, !line.trimmed.isEmpty {
                state.pendingLines.append(line)
            }
            startSafetyFlow("crisis", &state, &outputs, holding: nil)
        }
    }

    /// What the person said to the question just answered, for `input`: the lines it could not read
    /// first, then the answer (drive-22: "im so drunk rn she dumped me over text" to "How strong…?",
    /// then "8": the next question asked what set it off, drink among the options).
    private func heardAnswer(_ raw: String, _ state: inout ConversationState) -> String {
        defer { state.unreadAnswers = [] }
        return (state.unreadAnswers + [raw]).joined(separator: "\n")
    }

    /// An end date said in the answer, with the days to it from the day a question's `counted from:` gives, both counted.
    private func endDateSaid(_ raw: String, _ question: Question, _ state: ConversationState, now: Date) -> (day: Day, days: Int)? {
        guard let from = question.countedFrom, let start = Day(evaluate(from, state).description),
              let end = reader.endDate(in: raw, now: now) else { return nil }
        return (end, start.days(to: end) + 1)
    }

    /// "28 February 2027".
    static func inWords(_ day: Day) -> String {
        "\(day.day) \(AnswerReader.monthNames[max(0, min(11, day.month - 1))].capitalized) \(day.year)"
    }

    /// Whether the question a safety flow interrupted takes several lines (a message being written).
    private func interruptedMultiLineAnswer(_ state: ConversationState) -> Bool {
        guard let held = state.held, held.depth >= 1, held.depth <= state.frames.count else { return false }
        return waitingQuestion(in: state.frames[held.depth - 1])?.0.kind == .lines
    }

    /// Set once a safety flow has shown help lines, so leaving does not repeat them.
    static let resourcesShown = "safety_resources_shown"

    /// Calls a safety flow from the question that is waiting; when it returns, that question continues.
    private func startSafetyFlow(_ name: String, _ state: inout ConversationState, _ outputs: inout [Output], holding line: String?) {
        guard let start = content.flows[name]?.startNode else { return }
        state.variables[Self.resourcesShown] = .bool(false)
        state.unreadAnswers = []
        state.awaiting = nil
        state.prompt = nil
        // The safety flow asks its own questions: the lines collected so far wait with the question.
        state.held = .init(line: line, depth: state.frames.count, pendingLines: state.pendingLines, lead: state.promptLead)
        state.pendingLines = []
        state.deferredSafety = nil
        state.frames.append(.init(code: .node(start), pc: 0))
        state.node = start
        run(&state, &outputs)
    }

    // MARK: Intents

    /// At a menu, words that fit none of its options may still say what the person needs
    /// ("I want to text him", "she messaged me"): the `intents` rules can take them there.
    /// Only a card counts (a rule, or the set's trained reader when sure); the fallback of `intents` is never run.
    /// An intent whose rule has nothing to say where the person is (a reply-only rule at the home
    /// menu) is not followed: the answer is then treated as not understood, with its hint.
    /// `setName` "terms" answers questions about Unsent's own words (`asksAboutTerms`), read with the
    /// question being asked as the context.
    private func followIntent(_ text: String, _ state: inout ConversationState, _ outputs: inout [Output],
                              setName: String = "intents", readerToo: () -> Bool = { true }) -> Bool {
        let context = setName == "intents" ? state.lastQuestionNode : state.node
        // Read as a flow's `match` reads: a rule, or the set's trained reader when it is sure (`asked`),
        // unless `readerToo` says no (asked only when the reader chose).
        guard !isInSafetyFlow(state), let match = content.read(text, in: setName, context: context).match,
              !match.byReader || readerToo() else { return false }
        var trial = state
        var said: [Output] = []
        trial.variables["flow"] = .text(String(state.node.prefix { $0 != "." }))
        trial.variables["matched"] = .text(match.ruleID)
        // What was said, for a rule that keeps it ("hey, can we talk?" typed at the home menu).
        trial.variables["input"] = .text(text)
        trial.awaiting = nil
        trial.prompt = nil
        trial.frames.append(.init(code: .rule(set: setName, index: match.ruleIndex), pc: 0, captures: match.captures, inline: true,
                                  leavesOnlyItself: true))
        run(&trial, &said)
        // A rule that speaks, asks its own question, ends or moves on took the words.
        let spoke = said.contains {
            switch $0 {
            case .say, .ask: true
            default: false
            }
        }
        guard spoke || trial.ended || trial.node != state.node else { return false }
        state = trial
        outputs += said
        return true
    }

    /// Words that fit no option of a menu that has "Something else" (`other`) are that something
    /// else, kept in `input` for the flow to read ("writing my goodbye letter to him, not sending
    /// it" at "What set it off?", drive-20), rather than "Pick one by its number". A word or two is
    /// still asked again (it may be a slip or "what?"), unless the question is asked only once.
    private func freeWordsAsOther(_ raw: String, _ question: Question, _ state: ConversationState) -> Value? {
        guard question.kind == .choice, !isInSafetyFlow(state), !raw.trimmed.isEmpty,
              shownChoices(question, state).contains(where: { $0.key == "other" }),
              question.retries == 0 || content.normalizer.tokens(raw).count >= Self.otherWords else { return nil }
        return .text("other")
    }

    /// How many words a question at a menu needs before its words no longer choose an option (a number still does).
    static let questionWords = 5

    /// How many words an answer needs to be taken as "Something else" at a menu asked more than once.
    static let otherWords = 3

    // MARK: Answers

    private func currentQuestion(_ state: ConversationState) -> (Question, Int?)? {
        state.frames.last.flatMap(waitingQuestion)
    }

    /// The question a frame stands at (with its fallback), if it stands at one: the running frame's
    /// is the one being answered; an outer frame's was interrupted by the flow it called.
    private func waitingQuestion(in frame: ConversationState.Frame) -> (Question, Int?)? {
        let instructions = code(frame.code).instructions
        guard frame.pc < instructions.count, case .ask(let question, let fallback) = instructions[frame.pc] else { return nil }
        return (question, fallback)
    }

    /// Whether a line typed at a safety question that stopped a multi-line answer is that answer going on
    /// (drive-24: the next line of a journal entry was read as the answer to "Are you safe right now?"): a long
    /// line with no yes, no or hedge in its first words, and no word that answers in its first sentence
    /// ("not like that. i wouldnt do anything stupid" is the answer, drive-25). Crisis words in it were
    /// already taken as the careful answer. The cheap tests come first: most answers stop at the first.
    private func writingGoesOn(_ raw: String, at question: Question, _ state: ConversationState, now: Date) -> Bool {
        guard question.kind == .yesNo || question.kind == .choice, isInSafetyFlow(state), interruptedMultiLineAnswer(state),
              content.normalizer.tokens(raw).count >= Self.writingOnWords else { return false }
        let opening = raw.split(separator: " ").prefix(3).joined(separator: " ")
        guard reader.read(opening, as: question.kind, choices: shownChoices(question, state), now: now) == nil,
              !reader.isUnsure(opening) else { return false }
        let firstSentence = WordScanner.sentences(raw, keepingEnds: false).first ?? raw
        return !content.normalizer.tokens(firstSentence).contains { Self.answeringWords.contains($0.normalized) }
    }

    /// A line this long at a safety question that stopped a multi-line answer may be that answer going on.
    static let writingOnWords = 10
    /// Words that make a line an answer to a safety question, not more of what was being written.
    static let answeringWords: Set<String> = ["not", "no", "nope", "never", "wouldnt", "wont", "yes", "yeah", "yep", "fine", "okay",
                                              "safe", "unsafe", "maybe", "sure", "thoughts", "thought", "anything", "stupid", "myself",
                                              "die", "dying", "kill", "hurt", "hurting", "here", "scared", "afraid"]

    /// An answer this long that fits no option is acknowledged (`heard` in engine.texts) before the hint.
    static let heardWords = 6

    /// `replayed`: a line held while a safety flow answered it comes back to its question; that flow
    /// already spoke to the words, so they are not acknowledged again (`heard`).
    /// `crisisInAnswer`: the line held crisis words said to a safety question (`SafetyCheckResult`).
    /// `careful`: the crisis check found in the line what the question asks about: its `unsure:` value is the answer.
    /// `duringPause`: typed while a pause ran, before this question was shown (`EngineInput.typedDuringPause`).
    private func answer(_ state: inout ConversationState, _ outputs: inout [Output], line: String, attempts: Int, now: Date,
                        replayed: Bool = false, crisisInAnswer: Bool = false, careful: Bool = false, duringPause: Bool = false) {
        guard let (question, fallback) = currentQuestion(state) else { return }
        let command = line.trimmed.lowercased()
        // A menu's own option wins over a command of the same name ("back" as "go back to where we were").
        let isOwnOption = question.kind == .choice && question.choices.contains { $0.key == command }
        // `sos` and `quit` work at any moment, even in the middle of a multi-line answer.
        let alwaysCommand = command == "sos" || command == "quit"
        if state.pendingLines.isEmpty || alwaysCommand, !isOwnOption, let handled = globalCommand(command, &state, &outputs, question) {
            if handled { return }
        }
        var raw = line
        if question.kind == .lines {
            let trimmed = line.trimmed
            if !(trimmed.isEmpty || trimmed == ".") {
                state.pendingLines.append(line)
                return
            }
            if let deferred = state.deferredSafety {
                // The message is finished: now the gentle check-in it called for (or, in their message,
                // the safety steps), and then the finished message answers the question (the empty
                // line is held).
                state.deferredSafety = nil
                safetyInterrupt(deferred.category, line: deferred.line, theirs: question.theirs, holding: line, &state, &outputs)
                return
            }
            raw = state.pendingLines.joined(separator: "\n")
        }
        let empty = raw.trimmed.isEmpty
        // The Enter that was to finish a message cut off by a safety question is not its answer
        // (drive-22: it drew "A yes or a no is enough" and counted as a try): asked again, quietly, once.
        // A second Enter is someone stuck at the question, and gets its hint (drive-28: the bare question
        // came back again and again).
        if empty, attempts == 0, !question.optional, isInSafetyFlow(state), interruptedMultiLineAnswer(state),
           !state.quietEnterTaken {
            state.quietEnterTaken = true
            ask(question, &state, &outputs)
            return
        }
        if !empty { state.quietEnterTaken = false }
        // A long line with no yes or no at its start, typed at a safety question that stopped something
        // being written, is most likely the writing going on (drive-24): kept with it, the question asked again.
        if attempts == 0, !crisisInAnswer, writingGoesOn(raw, at: question, state, now: now) {
            state.held?.pendingLines.append(raw)
            say("safety-writing-kept", &state, &outputs)
            state.awaiting = .answer(attempts: 1)
            ask(question, &state, &outputs)
            return
        }
        // A question about Unsent's own words ("what is low contact?", "why 60?") is answered before the
        // answer is read: at a menu it would otherwise be taken for the option it names.
        // The answer's words, read once for the checks below.
        let words = content.normalizer.tokens(raw).map(\.normalized)
        if !empty, asksAboutTerms(raw, words: words, question), followIntent(raw, &state, &outputs, setName: "terms") { return }
        // And a question about the feelings themselves ("wait is it bad that i still love him?", drive-35): its
        // rules are shaped as questions, so no question mark is needed.
        // Its trained reader reads any shape of words, so there it counts only for words that do not answer
        // the question, or that end on a question mark ("8, it just came back" is an 8, not a question).
        // (Asked only when the reader chose the card.)
        if words.count >= 3, asksAboutFeelings(question), case let shown = shownChoices(question, state),
           followIntent(raw, &state, &outputs, setName: "asked", readerToo: { raw.trimmed.hasSuffix("?")
                || reader.read(raw, as: question.kind, choices: shown, now: now) == nil }) { return }
        // So is what a question at a menu or a yes or no says the person needs ("i want to say yes. there is no
        // option for yes??" was read as "Say no to meeting", drive-32).
        let questionToUs = !empty && (question.kind == .choice || question.kind == .yesNo) && Self.asksUs(raw, words: words)
        if questionToUs, followIntent(raw, &state, &outputs) { return }
        // An unsure answer is an answer where the question says what it means.
        var unsureAnswer: Value?
        if careful, let unsure = question.unsureValue {
            unsureAnswer = evaluate(unsure, state)
        } else if let unsure = question.unsureValue, question.kind == .text ? reader.isOnlyUnsure(raw) : reader.isUnsure(raw),
           question.kind != .yesNo || reader.yesNoWords(raw, question.choices) == nil {
            unsureAnswer = evaluate(unsure, state)
        }
        var read = unsureAnswer ?? ((question.optional && empty) ? Value.none : reader.read(raw, as: question.kind, choices: shownChoices(question, state), now: now))
        // "why do you think i should wait? he is sad too" is a question, not the option that says "wait"
        // (drive-32: it was taken for "Decide tomorrow", and the conversation ended): at a menu, a why, what or
        // how question is an option only by its number.
        // So is a longer question put to us, ending on its question mark ("Will she not think it rude if I simply
        // ignore it?" was taken for "Leave it unanswered", drive-36, and the conversation ended).
        if questionToUs, question.kind == .choice, read != nil, unsureAnswer == nil, let first = words.first,
           ["why", "what", "whats", "how", "hows"].contains(first) || (raw.trimmed.hasSuffix("?") && words.count >= Self.questionWords) {
            read = nil
        }
        // An end date where a number of days is counted from a day (`counted from:`): "until the 31st of March" is
        // the days from that day to it (drive-36: it was read as 31 days, or not at all).
        let end = unsureAnswer == nil ? endDateSaid(raw, question, state, now: now) : nil
        let untilEnd = end?.days
        if question.kind == .days, let untilEnd { read = .number(untilEnd) }
        // The date itself, in words, to be said back (drive-37: "till the end of feb" was only "82 days, then").
        if question.countedFrom != nil { state.variables["said_end"] = .text(end.map { Self.inWords($0.day) } ?? "") }
        // A number of days typed at a menu of lengths ("40", "six weeks") is that length; a bare option
        // number, or an option's own length ("30 days"), is still the option.
        var daysSaid: Int?
        if unsureAnswer == nil, question.daysVariable != nil, let days = untilEnd ?? reader.days(raw, notOptionOf: question.choices.count),
           untilEnd != nil || !question.choices.contains(where: { read == .text($0.key) && $0.label.split(separator: " ").contains(Substring(String(days))) }) {
            daysSaid = days
            read = .text("days")
        }
        if read == nil {
            state.pendingLines = []
            state.deferredSafety = nil
            // At a menu or a yes or no, and at a number, a date or a length too (drive-32: "i already sent it. like
            // an hour ago" at the urge's scale was asked for a number twice).
            if question.kind != .text, question.kind != .lines, followIntent(raw, &state, &outputs) { return }
            read = freeWordsAsOther(raw, question, state)
        }
        guard let value = read else {
            // Typed before the question was seen: kept (it joins `input` once the question is answered), said so,
            // and the question asked as it is, without a hint or a try counted.
            if duringPause, !raw.trimmed.isEmpty, !crisisInAnswer {
                state.unreadAnswers.append(raw)
                say("pause-kept", &state, &outputs)
                state.awaiting = .answer(attempts: attempts)
                ask(question, &state, &outputs)
                return
            }
            let tries = crisisInAnswer && question.defaultValue != nil ? question.retries + 1 : attempts + 1
            if tries > question.retries {
                // At a safety question, an unclear answer is taken the careful way, and said so.
                // Enter at a question asked once with a default ("Which of these is closest?") is
                // a choice to pass: the default is taken without remark.
                let passed = empty && question.retries == 0 && question.defaultValue != nil
                if isInSafetyFlow(state) && content.texts["retry-limit-safety"] != nil {
                    // Crisis words taken at once ("i already bought a rope") were understood: nothing to excuse.
                    if !crisisInAnswer { say("retry-limit-safety", &state, &outputs) }
                } else if !passed {
                    say("retry-limit", &state, &outputs)
                }
                state.awaiting = nil
                state.prompt = nil
                state.variables["input"] = .text(heardAnswer(raw, &state))
                if question.defaultValue != nil || fallback == nil {
                    state.variables[question.variable] = question.defaultValue?.evaluate { state.variables[$0] ?? .none } ?? Value.none
                }
                if let fallback {
                    state.frames[state.frames.count - 1].pc = fallback
                } else {
                    state.frames[state.frames.count - 1].pc += 1
                }
                run(&state, &outputs)
            } else {
                // Someone who wrote a whole sentence that doesn't fit the question was still telling
                // us something: a word for that comes before the question comes back.
                // A question put to us ("why tho", "what would u do") is answered as one (drive-28: "Thank you
                // for telling me that").
                if attempts == 0, !replayed, Self.asksUs(raw, words: words), content.texts["heard-question"] != nil {
                    // A question with a hint of its own is answered by it ("what does seal mean", drive-29: "I'm not the
                    // one who can answer it well", and then the answer).
                    say(question.hint != nil && content.texts["heard-question-hinted"] != nil ? "heard-question-hinted" : "heard-question",
                        &state, &outputs)
                } else if attempts == 0, !replayed, words.count >= Self.heardWords {
                    say("heard", &state, &outputs)
                }
                // A number the menu has no option for is named, with the numbers it has (drive-36: "7" at a menu of
                // five got the general hint; "0" seemed to be ignored).
                let count = question.kind == .choice ? shownChoices(question, state).count : 0
                if let number = Int(raw.trimmed), count > 0, !(1...count).contains(number), content.texts["hint-choice-range"] != nil {
                    state.variables["said_number"] = .number(number)
                    state.variables["option_count"] = .number(count)
                    say("hint-choice-range", &state, &outputs)
                } else if let hint = question.hint {
                    outputs.append(.say(render(hint, state)))
                } else {
                    say("hint-\(question.kind.name)", &state, &outputs)
                }
                if !raw.trimmed.isEmpty { state.unreadAnswers.append(raw) }
                state.awaiting = .answer(attempts: tries)
                ask(question, &state, &outputs)
            }
            return
        }
        state.undo.append(.init(frames: state.frames, variables: state.variables, node: state.node, lastQuestionNode: state.lastQuestionNode,
                                draftsSaved: state.draftsSaved))
        if state.undo.count > Self.undoDepth { state.undo.removeFirst() }
        state.pendingLines = []
        state.deferredSafety = nil
        if let daysSaid, let variable = question.daysVariable { state.variables[variable] = .number(daysSaid) }
        if !question.dropWords.isEmpty, case .text(let text) = value {
            state.variables[question.variable] = .text(reader.dropping(question.dropWords, from: text))
        } else {
            state.variables[question.variable] = value
        }
        state.variables["input"] = .text(heardAnswer(raw, &state))
        state.lastQuestionNode = state.node
        state.awaiting = nil
        state.prompt = nil
        if question.kind == .yesNo {
            state.carried = wordsAfterYesNo(raw, state)
            state.carriedLength = lengthAfterYes(raw, state)
        }
        state.frames[state.frames.count - 1].pc += 1
        run(&state, &outputs)
    }

    /// A length said after an opening yes, with a unit or a day ("Yes, until saturday morning please", "yes 2 days";
    /// drive-29: "For how long?" came next as if nothing had been said): for a length asked next.
    private func lengthAfterYes(_ raw: String, _ state: ConversationState) -> String? {
        let words = content.normalizer.tokens(raw).map(\.normalized)
        guard let first = words.first, AnswerReader.yesWords.contains(first), words.count >= 2,
              words.dropFirst().contains(where: { Int($0) == nil && $0 != "please" && $0 != "pls" }) else { return nil }
        let rest = String(raw.trimmed.drop { !$0.isWhitespace && !$0.isPunctuation }.drop { $0.isWhitespace || $0.isPunctuation })
        return reader.read(rest, as: .duration, choices: [], now: state.now) != nil ? rest : nil
    }

    /// The words after an opening yes or no that say what the person wants instead ("no i just want to
    /// text him rn", "no. i need to text my ex, he still has my things": drive-25, where they were dropped
    /// and the whole menu came back): only words an intent rule reads, three or more of them.
    private func wordsAfterYesNo(_ raw: String, _ state: ConversationState) -> String? {
        guard !isInSafetyFlow(state), let set = content.ruleSets["intents"], let compiled = content.compiledPatterns["intents"] else { return nil }
        let trimmed = raw.trimmed
        guard let end = trimmed.firstIndex(where: { $0.isWhitespace || $0.isPunctuation }),
              let first = content.normalizer.tokens(String(trimmed[..<end])).first?.normalized,
              AnswerReader.yesWords.contains(first) || AnswerReader.noWords.contains(first) else { return nil }
        let rest = String(trimmed[end...].drop { $0.isWhitespace || $0.isPunctuation })
        guard content.normalizer.tokens(rest).count >= 3,
              content.match(text: rest, ruleSet: set, compiled: compiled, context: state.lastQuestionNode) != nil else { return nil }
        return rest
    }

    /// `help`, `back`, `menu`, `quit`: nil when the line is not a command.
    private func globalCommand(_ command: String, _ state: inout ConversationState, _ outputs: inout [Output], _ question: Question) -> Bool? {
        switch command {
        case "help", "?":
            // At a safety question, "help" most likely means help (drive-23): who to reach comes first.
            if command == "help", isInSafetyFlow(state), state.variables[Self.resourcesShown] != .bool(true),
               let intro = content.text("safety-help") {
                let category = CrisisCategory(rawValue: (state.variables["crisis_category"] ?? .none).description) ?? .suicide
                outputs.append(.say(intro))
                for line in resourceLines(kinds: category.helpKinds, state: state) { outputs.append(.say(line)) }
                state.variables[Self.resourcesShown] = .bool(true)
            } else {
                say("help", &state, &outputs)
            }
            if let hint = question.hint { outputs.append(.say(render(hint, state))) } else { say("hint-\(question.kind.name)", &state, &outputs) }
            ask(question, &state, &outputs)
            return true
        case "back":
            guard let snapshot = state.undo.popLast() else {
                say("back-none", &state, &outputs)
                ask(question, &state, &outputs)
                return true
            }
            // Nobody leaves a safety question without the help lines (drive-22: "back" and "menu" at
            // "Are you safe right now?" went on with none), as with quit.
            showHelpBeforeLeaving(state, &outputs)
            // A message saved from the question gone back to leaves the drawer: its lines come back below, to
            // carry on from, and it is saved again, whole, when it is finished (drive-26: two copies; drive-28:
            // the letter was lost and only the line added after `back` was kept).
            for _ in snapshot.draftsSaved..<max(snapshot.draftsSaved, state.draftsSaved) { outputs.append(.withdrawDraft) }
            state.draftsSaved = snapshot.draftsSaved
            let answered = state.variables
            state.frames = snapshot.frames
            state.variables = snapshot.variables
            state.held = nil
            state.pendingLines = []
            state.unreadAnswers = []
            state.deferredSafety = nil
            state.node = snapshot.node
            state.lastQuestionNode = snapshot.lastQuestionNode
            state.awaiting = .answer(attempts: 0)
            if let (previous, _) = currentQuestion(state) {
                if previous.kind == .lines, case .text(let written)? = answered[previous.variable], !written.trimmed.isEmpty {
                    state.pendingLines = written.components(separatedBy: "\n")
                    say(previous.theirs ? "lines-kept-theirs" : "lines-kept", &state, &outputs)
                }
                ask(previous, &state, &outputs)
            }
            return true
        case "menu":
            // The home menu itself, not the home flow's start, which may offer a first plan again
            // (drive-21: "menu" in the middle of a check-in asked "Would you like to set up a plan first?").
            let flow = content.flows["home"]
            guard let home = flow?.nodes.first(where: { $0.qualifiedName == "home.menu" })?.qualifiedName ?? flow?.startNode else {
                say("menu-missing", &state, &outputs)
                ask(question, &state, &outputs)
                return true
            }
            showHelpBeforeLeaving(state, &outputs)
            state.unreadAnswers = []
            // What was being written, and a question a safety flow held, stay behind with the flow left.
            state.held = nil
            state.pendingLines = []
            state.deferredSafety = nil
            state.frames = [.init(code: .node(home), pc: 0)]
            state.node = home
            state.awaiting = nil
            state.prompt = nil
            run(&state, &outputs)
            return true
        case "sos":
            startSafetyFlow("sos", &state, &outputs, holding: nil)
            return true
        case "quit", "exit", ":q":
            // What was answered is kept, as when the input ends (drive-29: a check-in left with quit lost its mood,
            // its urges and its strongest craving, though the goodbye says everything written stays).
            runLeaveNodes(state, below: state.frames.count, speaking: true, &outputs)
            showHelpBeforeLeaving(state, &outputs)
            say("goodbye", &state, &outputs)
            state.ended = true
            state.prompt = nil
            state.awaiting = nil
            outputs.append(.ended(reason: "quit"))
            return true
        default:
            return nil
        }
    }

    /// Leaving in the middle of a safety check — `quit`, `back`, `menu`, Ctrl-C, Ctrl-D, the input
    /// ending — still shows who to reach: the help lines come after the safety question, and nobody
    /// may go without them.
    private func showHelpBeforeLeaving(_ state: ConversationState, _ outputs: inout [Output]) {
        guard isInSafetyFlow(state), state.prompt != nil, state.variables[Self.resourcesShown] != .bool(true),
              let leaving = content.text("safety-leaving") else { return }
        let category = CrisisCategory(rawValue: (state.variables["crisis_category"] ?? .none).description) ?? .suicide
        outputs.append(.say(leaving))
        for line in resourceLines(kinds: category.helpKinds, state: state) { outputs.append(.say(line)) }
    }

    // MARK: Running code

    func code(_ reference: ConversationState.CodeReference) -> Code {
        switch reference {
        case .node(let name): content.nodes[name]?.code ?? Code()
        case .rule(let set, let index): content.ruleSets[set]?.rules[index].code ?? Code()
        case .fallback(let set): content.ruleSets[set]?.fallback ?? Code()
        }
    }

    /// The options as the person saw them (numbered as shown), for reading their answer.
    private func shownChoices(_ question: Question, _ state: ConversationState) -> [Choice] {
        guard question.kind == .choice, let prompt = state.prompt, prompt.node == state.node,
              prompt.choices.count <= question.choices.count else { return question.choices }
        return prompt.choices
    }

    /// `only`: the keys of the options to show (the rest are not offered this time).
    private func ask(_ question: Question, _ state: inout ConversationState, _ outputs: inout [Output], only: Set<String>? = nil) {
        var text = render(question.prompt, state)
        if question.kind == .lines, let hint = content.texts["lines-hint"] { text += "\n" + render(hint, state) }
        // An option whose label is only variables that are empty is not shown (a menu of the
        // readings a reader offers has two or three of its three slots filled).
        // A yes/no question's options only list the words that mean yes or no: nothing to show.
        let choices = question.kind == .yesNo ? [] : question.choices.compactMap { choice -> Choice? in
            if let only, !only.contains(choice.key) { return nil }
            var filled = choice
            guard let template = choice.labelTemplate else { return filled }
            filled.label = render(template, state)
            return filled.label.trimmed.isEmpty ? nil : filled
        }
        let prompt = Prompt(text: text, kind: question.kind, choices: choices, node: state.node)
        state.prompt = prompt
        outputs.append(.ask(prompt))
    }

    /// Says one of the engine's own texts. A text with variants (`heard`, `heard-2`, `heard-3`… in
    /// engine.texts) says them in turn through the conversation, so a person whose answers keep missing
    /// the options is not told the same words each time (drive-21: "Thank you for telling me that"
    /// eight times in two sessions); the count is kept in the variable `NAME_said`.
    private func say(_ textName: String, _ state: inout ConversationState, _ outputs: inout [Output]) {
        var name = textName
        let variants = content.textVariants(textName)
        if variants.count > 1 {
            let counter = textName.replacingOccurrences(of: "-", with: "_") + "_said"
            let said = Int(state.variables[counter]?.description ?? "") ?? 0
            state.variables[counter] = .number(said + 1)
            name = variants[said % variants.count]
        }
        if let template = content.texts[name] { outputs.append(.say(render(template, state))) }
    }

    /// Whether an answer is put as a question that the `terms` rules may answer: not free writing, not
    /// the ex's words, not in the crisis check.
    private func asksAboutTerms(_ raw: String, words: [String], _ question: Question) -> Bool {
        guard question.kind != .text, question.kind != .lines, !question.theirs, content.ruleSets["terms"] != nil else { return false }
        return Self.asksUs(raw, words: words) || ["define", "explain", "meaning", "wdym", "whats"].contains(words.first ?? "")
    }

    /// Whether a question put to us about the feelings themselves is looked for at this question: not in free
    /// writing (the flows read that for themselves), nor at a question about what the ex wrote.
    private func asksAboutFeelings(_ question: Question) -> Bool {
        question.kind != .text && question.kind != .lines && !question.theirs && content.ruleSets["asked"] != nil
    }

    /// Whether an answer that fits no question asks us something: it ends on a question mark, or opens with a
    /// question word ("why tho. breathing isnt gonna fix this lol", "what would u do").
    static func asksUs(_ raw: String, words: [String]) -> Bool {
        guard let first = words.first, words.count >= 2 else { return false }
        if raw.trimmed.hasSuffix("?") { return true }
        return ["why", "what", "how", "whats", "hows", "should", "would", "could", "can", "do", "does"].contains(first)
            && !(first == "do" && words.count > 1 && words[1] == "not")
    }

    /// The name of the node a flow runs when the conversation ends before the flow did (`node
    /// on-leave`): it keeps what was answered so far, with `record`, `set`, `remember`, `save draft`, `if`
    /// and `say` only (the linter holds it to that). What it says is shown when the person leaves (before
    /// the goodbye), not when another flow ended the conversation.
    static let leaveNode = "on-leave"

    /// Runs the `on-leave` node of each flow among the first `count` frames (innermost first, each
    /// flow once), keeping what they record and, when `speaking`, what they say.
    func runLeaveNodes(_ state: ConversationState, below count: Int, speaking: Bool, _ outputs: inout [Output]) {
        var done = Set<String>()
        for frame in state.frames.prefix(max(0, count)).reversed() {
            guard case .node(let name) = frame.code, let dot = name.firstIndex(of: ".") else { continue }
            let leave = name[..<dot] + "." + Self.leaveNode
            guard content.nodes[leave] != nil, done.insert(leave).inserted else { continue }
            var scratch = state
            // Lines of a multi-line answer written before the cut (a journal entry stopped by a
            // safety check) count as that answer.
            if let (question, _) = waitingQuestion(in: frame) {
                let written = (state.held?.pendingLines ?? state.pendingLines)
                if !written.isEmpty { scratch.variables[question.variable] = .text(written.joined(separator: "\n")) }
            }
            scratch.frames = [.init(code: .node(leave), pc: 0)]
            scratch.awaiting = nil
            var said: [Output] = []
            run(&scratch, &said)
            outputs += said.filter {
                switch $0 {
                case .event, .draft, .remember: true
                case .say: speaking
                default: false
                }
            }
        }
    }

    private func run(_ state: inout ConversationState, _ outputs: inout [Output]) {
        var budget = Self.instructionBudget
        var announced = ""
        while !state.ended, state.awaiting == nil {
            budget -= 1
            guard budget > 0 else {
                state.ended = true
                outputs.append(.ended(reason: "loop"))
                return
            }
            guard let frame = state.frames.last else {
                state.ended = true
                outputs.append(.ended(reason: "finished"))
                return
            }
            if case .node(let name) = frame.code {
                state.node = name
                if name != announced { outputs.append(.at(node: name)); announced = name }
            }
            let code = self.code(frame.code)
            guard frame.pc < code.instructions.count else {
                state.frames.removeLast()
                continue
            }
            let top = state.frames.count - 1
            state.frames[top].pc += 1
            switch code.instructions[frame.pc] {
            case .say(let template):
                // A card a reader chose (or the person picked) has no captured words: a line that
                // would show them ("You miss {2}.") is left out rather than shown with a hole.
                if Self.needsMissingCapture(template, frame.captures) { continue }
                outputs.append(.say(render(template, state, captures: frame.captures)))
            case .vary(let key, let mode, let lines):
                var position = state.variations[key] ?? VariationPosition()
                let pick = position.next(mode: mode, count: lines.count, random: &state.random)
                state.variations[key] = position
                outputs.append(.variation(key: key, position: position.encoded))
                if let pick, !Self.needsMissingCapture(lines[pick], frame.captures) {
                    outputs.append(.say(render(lines[pick], state, captures: frame.captures)))
                }
            case .ask(let question, _):
                state.frames[top].pc = frame.pc
                if let held = state.held, held.depth == state.frames.count {
                    // Back from a safety flow: the lines written so far come back, and a held line
                    // (from a gentle check-in, or a message from the ex) answers as it would have.
                    state.held = nil
                    state.pendingLines = held.pendingLines
                    state.awaiting = .answer(attempts: 0)
                    if let line = held.line {
                        answer(&state, &outputs, line: line, attempts: 0, now: state.now, replayed: true)
                        guard state.isCollectingLines, state.prompt == nil, state.awaiting == .answer(attempts: 0) else { return }
                    }
                    // Still writing: say that what they wrote is kept, and show the question again so
                    // the person knows where they are (the box looks empty, the lines are not).
                    if state.isCollectingLines { say(question.theirs ? "lines-kept-theirs" : "lines-kept", &state, &outputs) }
                    // A prompt that is only a hint gets back the line that asked it (drive-25: "(A few words if
                    // you like, or just Enter to go on.)" came back alone, and the card's question was lost).
                    state.promptLead = held.lead
                    if render(question.prompt, state).hasPrefix("("), let lead = held.lead { outputs.append(.say(lead)) }
                    ask(question, &state, &outputs)
                    return
                }
                if state.followupDue, state.variables["safety_followup"]?.isTruthy == true, !isInSafetyFlow(state),
                   let start = content.flows["safety-followup"]?.startNode {
                    // Someone said they were fine after a crisis: ask once more, gently, before going on.
                    state.followupDue = false
                    state.frames.append(.init(code: .node(start), pc: 0))
                    continue
                }
                // What was said after a yes or a no ("no i just want to text him rn") goes where it asks to,
                // or answers this menu; otherwise the question is asked as usual.
                if let length = state.carriedLength {
                    state.carriedLength = nil
                    if question.kind == .duration, !isInSafetyFlow(state) {
                        state.awaiting = .answer(attempts: 0)
                        answer(&state, &outputs, line: length, attempts: 0, now: state.now)
                        return
                    }
                }
                if let carried = state.carried {
                    state.carried = nil
                    if question.kind == .choice || question.kind == .yesNo, !isInSafetyFlow(state) {
                        state.awaiting = .answer(attempts: 0)
                        if followIntent(carried, &state, &outputs) { return }
                        if question.kind == .choice,
                           reader.read(carried, as: .choice, choices: shownChoices(question, state), now: state.now) != nil {
                            answer(&state, &outputs, line: carried, attempts: 0, now: state.now)
                            return
                        }
                        state.awaiting = nil
                    }
                }
                // Already answered in passing ("i texted him yesterday"): take it, don't ask.
                if let source = question.fillFrom, case .scale(let range) = question.kind,
                   let rating = reader.ratingSaid(in: evaluate(source, state).description, range: range) {
                    // "i want to text her again lol. 9/10" (drive-31: "i literally just said 9").
                    state.variables[question.variable] = .number(rating)
                    state.frames[top].pc = frame.pc + 1
                    continue
                }
                if let source = question.fillFrom, question.kind == .choice || question.kind == .date,
                   let said = question.kind == .choice
                       ? reader.choiceSaid(in: evaluate(source, state).description, question.choices)?.key
                       : reader.dateSaid(in: evaluate(source, state).description, now: state.now) {
                    state.variables[question.variable] = .text(said)
                    state.frames[top].pc = frame.pc + 1
                    continue
                }
                // The line that asked it, for a prompt that is only a hint (`promptLead`).
                state.promptLead = outputs.last.flatMap { if case .say(let text) = $0 { text } else { nil } }
                // Two or three options said in passing ("5 beers and i saw her story"): only those are
                // offered, with "Something else", and the person says which weighs most (drive-24: the whole
                // menu came back, and "i literally just told u").
                var only: Set<String>?
                if let source = question.fillFrom, question.kind == .choice {
                    let said = reader.choicesSaid(in: evaluate(source, state).description, question.choices)
                    if said.count >= 2, said.count <= 3, said.count < question.choices.count - 1 {
                        only = Set(said.map(\.key) + ["other"])
                        say("said-several", &state, &outputs)
                    }
                }
                state.awaiting = .answer(attempts: 0)
                ask(question, &state, &outputs, only: only)
            case .jump(let target):
                state.frames[top].pc = target
            case .jumpUnless(let condition, let target):
                if !evaluate(condition, state).isTruthy { state.frames[top].pc = target }
            case .set(let name, let value):
                state.variables[name] = evaluate(value, state)
            case .goto(let target):
                while state.frames.last?.inline == true { state.frames.removeLast() }
                if state.frames.isEmpty { state.frames.append(.init(code: .node(target), pc: 0)) }
                else { state.frames[state.frames.count - 1] = .init(code: .node(target), pc: 0) }
                state.node = target
            case .varyGoto(let key, let mode, let targets):
                var position = state.variations[key] ?? VariationPosition()
                let pick = position.next(mode: mode, count: targets.count, random: &state.random) ?? 0
                state.variations[key] = position
                outputs.append(.variation(key: key, position: position.encoded))
                while state.frames.last?.inline == true { state.frames.removeLast() }
                let target = targets[pick]
                if state.frames.isEmpty { state.frames.append(.init(code: .node(target), pc: 0)) }
                else { state.frames[state.frames.count - 1] = .init(code: .node(target), pc: 0) }
                state.node = target
            case .call(let target):
                state.frames.append(.init(code: .node(target), pc: 0))
                state.node = target
            case .returnFromCall:
                // Inside a rule's body, `return` leaves the rule; elsewhere it leaves the call. An intent's
                // leaves only the intent (drive-24: "both. mostly i just feel empty" at "Which of these is
                // closest?" left the reframes' question behind, and "2" went to the next one).
                if state.frames.last?.inline == true {
                    while let last = state.frames.last, last.inline {
                        state.frames.removeLast()
                        if last.leavesOnlyItself { break }
                    }
                } else {
                    state.frames.removeLast()
                }
            case .end:
                // A flow that was cut off under the one ending here (a check-in stopped by a safety
                // flow) keeps what it was told.
                runLeaveNodes(state, below: state.frames.count - 1, speaking: false, &outputs)
                state.ended = true
                outputs.append(.ended(reason: "finished"))
            case .record(let event, let fields):
                var values: [String: String] = [:]
                for field in fields { values[field.name] = evaluate(field.value, state).description }
                outputs.append(.event(kind: event, fields: values))
            case .saveDraft(let value):
                let text = evaluate(value, state).description
                if !text.isEmpty {
                    outputs.append(.draft(text))
                    state.draftsSaved += 1
                }
            case .sealDraft(let value):
                if let seconds = evaluate(value, state).number, seconds > 0 {
                    outputs.append(.sealDraft(seconds: seconds))
                    state.variables["seal_opens"] = .text(reader.whenItOpens(after: seconds, now: state.now))
                }
            case .deleteDraft(let value):
                if let id = evaluate(value, state).number { outputs.append(.deleteDraft(id: id)) }
            case .wait(let value):
                let seconds = max(0, evaluate(value, state).number ?? 0)
                state.awaiting = .wait
                outputs.append(.wait(seconds: seconds))
            case .checkTone(let value, let category):
                let draft = evaluate(value, state).description
                let kind = category.map { evaluate($0, state).description }
                let flags = content.checkTone(draft, category: kind?.isEmpty == false ? kind : nil)
                state.variables["tone_flags"] = .text(flags.map(\.id).joined(separator: ","))
                // Nothing found in a text the check cannot read is not "calm": say so instead.
                let unread = flags.isEmpty && !LanguageGuess.readsAsEnglish(draft, normalizer: content.normalizer)
                state.variables["tone_unread"] = .bool(unread)
                if unread { say("tone-not-english", &state, &outputs) }
                if !flags.isEmpty { say("tone-intro", &state, &outputs) }
                for flag in flags {
                    state.variables["tone_quote"] = .text(flag.quote)
                    state.variables["tone_advice"] = .text(flag.advice)
                    say("tone-flag", &state, &outputs)
                    if let template = flag.template, !template.isEmpty {
                        state.variables["tone_template"] = .text(template)
                        say("tone-example", &state, &outputs)
                    }
                }
                // What is left of their own words without the flagged sentences: facts kept (none from an earlier check).
                state.variables["tone_kept"] = .text("")
                if let kept = content.keptWords(of: draft, flags: flags, category: kind?.isEmpty == false ? kind : nil) {
                    state.variables["tone_kept"] = .text(kept)
                    say("tone-kept", &state, &outputs)
                }
            case .showResources(let kinds):
                for line in resourceLines(kinds: kinds, state: state) { outputs.append(.say(line)) }
                if isInSafetyFlow(state) { state.variables[Self.resourcesShown] = .bool(true) }
            case .remember(let name):
                outputs.append(.remember(key: name, value: (state.variables[name] ?? .none).description))
            case .match(let value, let setName):
                let text = evaluate(value, state).description
                guard let set = content.ruleSets[setName] else { continue }
                let (decision, match) = content.read(text, in: setName, context: state.lastQuestionNode)
                if let match {
                    state.variables["matched"] = .text(match.ruleID)
                    // Whether a card's own rule chose it or the trained reader did (who.rules: only a rule may
                    // move the person's own words to someone else).
                    state.variables["matched_by"] = .text(match.byReader ? "reader" : "rule")
                    state.frames.append(.init(code: .rule(set: setName, index: match.ruleIndex), pc: 0, captures: match.captures, inline: true))
                } else {
                    state.variables["matched_by"] = .text("")
                    setReadings(decision.offered, of: set, said: text, &state)
                    state.frames.append(.init(code: .fallback(set: setName), pc: 0, inline: true))
                }
            }
        }
    }

    static func needsMissingCapture(_ template: Template, _ captures: [[Token]]) -> Bool {
        template.parts.contains { part in
            if case .capture(let number, _) = part { number > captures.count || captures[number - 1].isEmpty } else { false }
        }
    }

    /// When no card is sure, the fallback hears why: `matched` is `unsure` with the readings a
    /// trained reader offers (`reading_1`..., with each card's `thought`), or `fallback` with
    /// none; `said` holds the person's own words turned around, to show back either way.
    private func setReadings(_ offered: [Reading], of set: RuleSet, said text: String, _ state: inout ConversationState) {
        state.variables["matched"] = .text(offered.isEmpty ? "fallback" : "unsure")
        state.variables["readings"] = .number(offered.count)
        for slot in 1...3 {
            let reading = slot <= offered.count ? offered[slot - 1] : nil
            let thought = reading.flatMap { reading in set.rules.first { $0.id == reading.id }?.thought } ?? ""
            state.variables["reading_\(slot)"] = .text(reading?.id ?? "")
            state.variables["reading_\(slot)_thought"] = .text(thought)
        }
        // Words the crisis check stopped at are not repeated back.
        let said = content.safety.classify(text) == nil ? SaidBack.phrase(text, normalizer: content.normalizer, reflector: reflector) : ""
        state.variables["said"] = .text(Sanitizer.clean(said))
    }

    func evaluate(_ expression: Expression, _ state: ConversationState) -> Value {
        expression.evaluate { state.variables[$0] ?? Value.none }
    }

    func render(_ template: Template, _ state: ConversationState, captures: [[Token]] = []) -> String {
        // A line that is only a variable shows it as written, line breaks and all (drive-36: a draft written on two
        // lines was read back as one).
        if template.parts.count == 1, case .variable(let name) = template.parts[0] {
            return Sanitizer.clean((state.variables[name] ?? .none).description, keepNewlines: true)
        }
        var text = ""
        for part in template.parts {
            switch part {
            case .text(let literal): text += literal
            case .variable(let name): text += Sanitizer.clean((state.variables[name] ?? .none).description)
            case .capture(let number, let reflected):
                guard number <= captures.count else { continue }
                let tokens = captures[number - 1]
                text += Sanitizer.clean(reflected ? reflector.reflect(tokens) : tokens.map(\.original).joined(separator: " "))
            }
        }
        return text
    }
}

import Foundation

/// Where a conversation is. A plain value: the engine returns a new one for every input.
public struct ConversationState: Sendable {
    /// Which compiled code a frame runs.
    enum CodeReference: Sendable, Hashable {
        case node(String)
        case rule(set: String, index: Int)
        case fallback(set: String)
    }

    struct Frame: Sendable {
        var code: CodeReference
        var pc: Int
        var captures: [[Token]] = []
        /// Rule bodies run inline: `goto` inside them leaves the node that matched.
        var inline = false
        /// An intent heard at a question (`Engine.followIntent`): its `return` leaves only itself, so the
        /// question it interrupted is asked again, even when that question stands inside a rule's body.
        var leavesOnlyItself = false
    }

    enum Awaiting: Sendable, Hashable {
        case answer(attempts: Int)
        case wait
    }

    /// What `back` returns to.
    struct Snapshot: Sendable {
        var frames: [Frame]
        var variables: [String: Value]
        var node: String
        var lastQuestionNode: String?
        var draftsSaved: Int
    }

    var frames: [Frame] = []
    public internal(set) var variables: [String: Value] = [:]
    var awaiting: Awaiting?
    public internal(set) var variations: [String: VariationPosition] = [:]
    var random: SeededRandom
    var undo: [Snapshot] = []
    /// The Enter that would have finished a message cut off by a safety question was taken quietly.
    var quietEnterTaken = false
    /// Drafts this conversation has put in the drawer, so that `back` over one has it written again (the whole
    /// message then replaces it, under its number).
    var draftsSaved = 0
    var pendingLines: [String] = []
    public internal(set) var ended = false
    /// The qualified node the conversation is at, for the session log.
    public internal(set) var node = ""
    /// The node of the question answered last: rules with `after:` look at it.
    public internal(set) var lastQuestionNode: String?
    /// A line held back while a gentle check-in runs; it answers the question when the check-in returns.
    var held: Held?
    /// What a multi-line answer called for, waiting until the answer is finished: a gentle check-in
    /// never cuts into a message being written (drive-18), and the safety steps for a crisis heard in
    /// a message from the ex being pasted never take its next lines as answers to them (drive-21).
    var deferredSafety: DeferredSafety?
    struct DeferredSafety: Sendable {
        /// The line that called for it.
        var line: String
        /// `.ambiguous` for a gentle check-in; for a message from the ex, the gravest crisis heard in it.
        var category: CrisisCategory
    }

    /// What a question was holding when a safety flow interrupted it: the lines of a multi-line
    /// answer written so far, and (after a gentle check-in, or for a message from the ex) the line
    /// that set it off. Both come back when the question does.
    struct Held: Sendable {
        var line: String?
        var depth: Int
        var pendingLines: [String]
        /// The held question's `promptLead`.
        var lead: String? = nil
    }
    /// The line said just before the waiting question when it was first asked: a question whose prompt is only
    /// a hint ("(A few words if you like…)") is asked by that line, which comes back with it after a safety flow.
    var promptLead: String?
    /// Lines said to the waiting question that it could not read (they join `input` once it is answered).
    var unreadAnswers: [String] = []
    /// Words said after a yes or a no that say where the person wants to go ("no i just want to text him
    /// rn", drive-25): they are tried at the next menu or yes/no question, as an intent or as its answer.
    var carried: String?
    /// A length said after a yes ("Yes, until saturday morning please"): the answer to a length asked next.
    var carriedLength: String?
    /// A safety follow-up from an earlier session is still to be asked (at the first question).
    var followupDue = false
    /// The time of the input being handled (for date answers).
    var now = Date(timeIntervalSince1970: 0)
    /// The question waiting for an answer, if any.
    public internal(set) var prompt: Prompt?

    public var isWaitingForTimer: Bool { awaiting == .wait }
    /// True while a multi-line answer is being collected.
    public var isCollectingLines: Bool { !pendingLines.isEmpty }

    init(seed: UInt64) { random = SeededRandom(seed: seed) }
}

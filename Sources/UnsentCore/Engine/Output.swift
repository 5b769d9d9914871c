/// Something the conversation produces for the shell to show, store or do.
public enum Output: Sendable, Hashable {
    /// A line the bot says.
    case say(String)
    /// The lines that follow come from this node (`flow.node`), for the session log.
    case at(node: String)
    /// A question; the engine now waits for a line of input.
    case ask(Prompt)
    /// An event to record, with its fields as text.
    case event(kind: String, fields: [String: String])
    /// A message to keep in the unsent drawer (it is never sent anywhere).
    case draft(String)
    /// Seal the draft saved last in this conversation for this long.
    case sealDraft(seconds: Int)
    /// A draft to delete from the drawer.
    case deleteDraft(id: Int)
    /// The draft saved last in this conversation is taken back: `back` went over the question that wrote it,
    /// whose lines come back to carry on from (drive-26: it stayed in the drawer beside the one written after it).
    case withdrawDraft
    /// A timed pause; the engine waits for `EngineInput.waited`.
    case wait(seconds: Int)
    /// A variation moved on; its position is saved so the person does not hear the same line again.
    case variation(key: String, position: String)
    /// A value to keep for later sessions (such as the region for help lines).
    case remember(key: String, value: String)
    /// The conversation is over.
    case ended(reason: String)
}

/// A question as shown to the person.
public struct Prompt: Sendable, Hashable {
    public var text: String
    public var kind: AnswerKind
    public var choices: [Choice]
    /// The qualified node asking, such as `urge.strength`.
    public var node: String
}

/// What the shell hands the engine.
public enum EngineInput: Sendable, Hashable {
    /// One line typed or piped by the person.
    case line(String)
    /// A timed pause finished (`skipped` when the person cut it short).
    case waited(seconds: Int, skipped: Bool)
    /// A line typed while a pause ran, given to the question after it: read and checked as a line, but when
    /// it does not answer that question it is kept and said so, not answered with a hint (drive-27: "i
    /// already sent it" and "it is hard. I think he has a new girl" got "A number is enough").
    case typedDuringPause(String)
    /// The person left (end of input, or Ctrl-C twice). `farewell` asks for the goodbye line, as
    /// Ctrl-D at a terminal does: the end of a pipe only closes, since a script's output ends where
    /// its input did.
    case leave(reason: String, farewell: Bool = false)
}

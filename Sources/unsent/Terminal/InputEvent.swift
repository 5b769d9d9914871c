/// What the person did at a prompt.
enum InputEvent: Equatable {
    case line(String)
    /// End of input: Ctrl-D at an empty prompt, or the end of a pipe.
    case endOfInput
    /// Ctrl-C pressed twice: with `partial`, the line the first press cleared (empty when there was none).
    case interrupted(partial: String)
    /// Standard input or output stopped working (closed, a folder, a full disk, a reader gone).
    case failed
}

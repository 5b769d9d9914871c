import UnsentCore

/// The end of every command's help: a few examples and what its exit statuses mean.
enum CommandHelp {
    /// A command's discussion: its text, then `EXAMPLES:` and `EXIT STATUS:` sections.
    static func discussion(_ text: String = "", examples: [(command: String, what: String)], exits: [(status: Int, meaning: String)]) -> String {
        var parts: [String] = []
        if !text.isEmpty { parts.append(text) }
        if !examples.isEmpty {
            parts.append("EXAMPLES:\n" + examples.map { example in
                let what = example.what.prefix(1).uppercased() + example.what.dropFirst() + "."
                return "  \(example.command)\n" + wrap(what, first: "      ", rest: "      ")
            }.joined(separator: "\n"))
        }
        parts.append("EXIT STATUS:\n" + exits.map { exit in
            let status = String(exit.status)
            return wrap(exit.meaning, first: "  " + status + String(repeating: " ", count: 5 - status.count), rest: "       ")
        }.joined(separator: "\n"))
        return parts.joined(separator: "\n\n")
    }

    /// Wraps at spaces to 79 columns (ArgumentParser's help width in a pipe), so its own wrapping never
    /// breaks these lines and loses their indent.
    static func wrap(_ text: String, first: String, rest: String, width: Int = 79) -> String {
        var lines: [String] = []
        var line = first
        for word in text.split(separator: " ") {
            if DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > width, DisplayWidth.of(line) > DisplayWidth.of(rest) {
                lines.append(line)
                line = rest + word
            } else {
                line += (line.hasSuffix(" ") ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// The end of `unsent --help`: examples, and every exit status.
    static let rootDiscussion = "\n\n" + discussion(
        "'unsent help COMMAND' opens the command's part of the manual (or prints its help when the manual is not installed).",
        examples: [("unsent urge", "talk through an urge to text your ex"),
                   ("unsent log mood 6", "log today's mood, without a conversation")],
        exits: [(0, "Done."),
                (1, "A content check or transcript failed, or 'unsent check' found something in the tone (or crisis language)."),
                content, store, usage, stream, interrupted])

    static let usage = (64, "The command was used wrongly (an unknown option, a value out of range).")
    static let store = (3, "The store can't be used (damaged, locked, read-only, a folder, a full disk).")
    static let stream = (74, "Standard input or output can't be used (closed, a full disk).")
    static let content = (2, "The dialogue content has errors.")
    static let interrupted = (130, "You left with Ctrl-C (everything so far is saved).")

    /// A command that reads the store and prints.
    static let readingExits = [(0, "Done."), store, usage, stream]
    /// A command that writes to the store without a conversation.
    static let writingExits = [(0, "Done."), store, usage, stream]
    /// A conversation.
    static let conversationExits = [(0, "The conversation ended (finished, or you left with quit or Ctrl-D)."), content, store, usage, stream, interrupted]
}

import ArgumentParser
import UnsentCore

/// A word typed where a command's name goes that is no command (`unsent histroy`), found after the
/// arguments failed to parse, so its message can name the nearest command as git does instead of
/// ArgumentParser's "Unexpected argument" and the home menu's usage.
struct UnknownCommand: Error, CustomStringConvertible {
    /// The commands before the word (`["drafts"]` for `unsent drafts shwo 3`).
    var path: [String]
    var word: String
    var suggestion: String?

    /// The mistyped command in `arguments`, if the first words name commands up to one that is unknown.
    /// Only leading words are read: what follows an option could be the option's value.
    static func find(in arguments: [String], root: any ParsableCommand.Type = Unsent.self) -> UnknownCommand? {
        var command: any ParsableCommand.Type = root
        var path: [String] = []
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            // `help` is ArgumentParser's; a number or a path is an argument in the wrong place, which
            // ArgumentParser's own message describes better.
            if path.isEmpty && word == "help" || !word.contains(where: \.isLetter) || word.contains("/") { return nil }
            let visible = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName } + (path.isEmpty ? ["help"] : [])
            return UnknownCommand(path: path, word: word, suggestion: Suggestion.closest(to: word, in: visible))
        }
        return nil
    }

    var description: String {
        let parent = (["unsent"] + path).joined(separator: " ")
        let named = (path + [word]).joined(separator: " ")
        let hint = suggestion.map { " Did you mean '\((path + [$0]).joined(separator: " "))'?" } ?? ""
        return "Error: '\(named)' is not an unsent command.\(hint)\nSee '\(parent) --help' for the commands."
    }
}

import ArgumentParser
import Foundation
import UnsentCore

/// `unsent`: a quiet place to not text your ex.
@main
struct Unsent: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "unsent",
        abstract: "A calm place to talk through the urge to text your ex, without sending anything.",
        discussion: """
            Unsent is a scripted coach for keeping no contact (or low contact) after a breakup. \
            It can't send messages to anyone: everything you write stays on this computer. \
            Run it with no command to open the home menu.
            """ + CommandHelp.rootDiscussion,
        version: version,
        subcommands: [Home.self, Urge.self, Reply.self, Check.self, Reflect.self, Start.self, Plan.self, Status.self, Log.self, Drafts.self, Stats.self, Review.self, History.self, ShowSession.self, Search.self, Export.self, Import.self, BackupCommand.self, Forget.self, Sos.self, Doctor.self, SettingsCommand.self, ShellHookCommand.self, ContentCommand.self, DevCommand.self],
        defaultSubcommand: Home.self)

    /// As ArgumentParser's own `main`, except that the most used commands start without it
    /// (`QuickStart`; it reads everything else), and that an error message, which can repeat what
    /// was typed (an unknown command, an option's value, a path), is shown with its escape
    /// sequences as marks, never sent to the terminal.
    /// The words that name a command under `unsent` ("content match"), or nil for the root.
    static func commandPath(to target: any ParsableCommand.Type) -> String? {
        func search(_ type: any ParsableCommand.Type, _ path: [String]) -> [String]? {
            for sub in type.configuration.subcommands {
                let name = sub.configuration.commandName ?? String(describing: sub).lowercased()
                if sub == target { return path + [name] }
                if let found = search(sub, path + [name]) { return found }
            }
            return nil
        }
        return search(Self.self, []).map { $0.joined(separator: " ") }
    }

    static func main() {
        _ = StandardStream.closedAtStart
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let page = HelpPage(arguments) { Foundation.exit(page.show(environment: ProcessInfo.processInfo.environment)) }
        var parsed: (any ParsableCommand.Type)?
        do {
            if !QuickStart.isTurnedOff, let quick = QuickStart(arguments) {
                try quick.run()
            } else {
                var command = try parseAsRoot()
                parsed = type(of: command)
                try command.run()
            }
            // What `print` left in its buffer: a full disk or a closed pipe is said, not ignored.
            if fflush(nil) != 0 { throw TerminalFailure.output(errno == 0 ? EIO : errno) }
        } catch let failure as TerminalFailure {
            ErrorOutput.write("unsent: " + failure.description)
            Foundation.exit(TerminalFailure.status)
        } catch {
            let code = exitCode(for: error)
            // A mistyped command gets the nearest one, as git does, instead of the home menu's usage.
            let unknown = code == .validationFailure ? UnknownCommand.find(in: arguments) : nil
            var message = unknown?.description ?? fullMessage(for: error)
            // A command that found its input wrong once it ran ("'banana' is not a kind of message")
            // points to its own help, not to the home menu's usage.
            if let parsed, let validation = error as? ValidationError, let path = commandPath(to: parsed) {
                message = "Error: \(validation.message)\nSee 'unsent \(path) --help'."
            }
            if code == .success {
                // Help and the version, asked for: standard output, as they are.
                if !message.isEmpty { _ = StandardStream.write((message + "\n").utf8, to: STDOUT_FILENO) }
            } else if !message.isEmpty {
                StandardStream.writeError(Sanitizer.clean(message, keepNewlines: true) + "\n")
            }
            Foundation.exit(code.rawValue)
        }
    }
}

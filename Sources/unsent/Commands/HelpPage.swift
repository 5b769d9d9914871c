import ArgumentParser
import Foundation

/// `unsent help COMMAND…`, as `git help`: on a terminal, when `man` finds the unsent page, the page opens
/// at the command's entry (through less, unless MANPAGER names another pager); otherwise the command's
/// own help is printed, as `unsent COMMAND --help` would.
struct HelpPage {
    /// The command's names (`["log", "urge"]`).
    var path: [String]

    /// The help asked for in `arguments` (without the program's name), when it is `help` and one or more
    /// words (the command's names); nil for ArgumentParser to read (`unsent help` alone, the root's help).
    init?(_ arguments: [String]) {
        guard arguments.first == "help", arguments.count > 1 else { return nil }
        path = Array(arguments.dropFirst())
    }

    /// The pattern of the command's entry in the page as man renders it: generate-manual lists
    /// commands as tagged items, indented five columns, and eight more at each level below.
    var entryPattern: String {
        "^ {\(5 + 8 * (path.count - 1))}\(path.last ?? "")( |$)"
    }

    /// Shows the page, and returns the exit status: man's, 0 for the printed help, or 64 when the words
    /// name no command (with the nearest one, as for a mistyped command).
    func show(environment: [String: String]) -> Int32 {
        guard let command = Self.command(path) else {
            let unknown = UnknownCommand.find(in: path)
                ?? UnknownCommand(path: Array(path.dropLast()), word: path.last ?? "", suggestion: nil)
            ErrorOutput.write(unknown.description)
            return 64
        }
        if isatty(STDOUT_FILENO) == 1, Self.run(["man", "-w", "unsent"], quiet: true) == 0 {
            var arguments = ["man"]
            if environment["MANPAGER"] == nil, Pager.findProgram("less", path: environment["PATH"]) {
                arguments += ["-P", "less -R -p '\(entryPattern)'"]
            }
            return Self.run(arguments + ["unsent"], quiet: false)
        }
        let help = Unsent.helpMessage(for: command)
        _ = StandardStream.write((help + "\n").utf8, to: STDOUT_FILENO)
        return 0
    }

    static func command(_ path: [String]) -> (any ParsableCommand.Type)? {
        var command: any ParsableCommand.Type = Unsent.self
        for word in path {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { return nil }
            command = next
        }
        return command
    }

    /// Runs a program found on PATH and waits for it; its exit status, or 127 when it cannot start.
    /// With `quiet`, its output goes nowhere.
    static func run(_ arguments: [String], quiet: Bool) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

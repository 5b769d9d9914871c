import Foundation

/// Long output on a terminal goes through `$PAGER` (by default `less -FRX`), as git does: the pager is
/// started with a pipe for its standard input, and standard output is moved onto that pipe. Never in a
/// pipe, never when `PAGER` is empty or `cat`, and never when the pager's program cannot be found (the
/// output is then printed as it is). `UNSENT_PAGER` is read before `PAGER`. `LESS` is set to `FRX`
/// for the pager when it is unset, so a plain `PAGER=less` also quits on a short page and keeps colour.
final class Pager {
    private let pid: pid_t
    private var finished = false

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// The pager command the environment asks for; nil for none.
    static func command(environment: [String: String]) -> String? {
        let command = (environment["UNSENT_PAGER"] ?? environment["PAGER"] ?? "less -FRX").trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty, command != "cat" else { return nil }
        return command
    }

    /// Starts the pager when standard output is a terminal; nil when output stays as it is.
    static func start(environment: [String: String]) -> Pager? {
        guard isatty(STDOUT_FILENO) == 1, let command = command(environment: environment),
              let program = command.split(separator: " ").first.map(String.init),
              findProgram(program, path: environment["PATH"]) else { return nil }
        fflush(nil)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        var childEnvironment = environment
        if childEnvironment["LESS"] == nil { childEnvironment["LESS"] = "FRX" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = childEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp) == 0 else {
            close(ends[0])
            close(ends[1])
            return nil
        }
        close(ends[0])
        dup2(ends[1], STDOUT_FILENO)
        close(ends[1])
        // Ctrl-C belongs to the pager now (less uses it to stop a search); unsent waits for it to close.
        // When the person quits the pager early, the next write ends unsent quietly (SIGPIPE), as any program.
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        return Pager(pid: pid)
    }

    /// Hands the rest of the output to the pager and waits until the person closes it.
    func finish() {
        guard !finished else { return }
        finished = true
        fflush(nil)
        // Standard output points at the terminal no more: the pager sees the end of its input.
        let null = open("/dev/null", O_WRONLY)
        if null >= 0 {
            dup2(null, STDOUT_FILENO)
            close(null)
        } else {
            close(STDOUT_FILENO)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    deinit { finish() }

    /// Whether `program` (a path, or a name looked up in `path`) can be run.
    static func findProgram(_ program: String, path: String?) -> Bool {
        if program.contains("/") { return access(program, X_OK) == 0 }
        return (path ?? "/usr/bin:/bin").split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }
}

import ArgumentParser
import Foundation

/// `unsent shell-hook bash|zsh|fish`: a snippet for the shell's start-up file that says one gentle sentence
/// in the first new shell after the check-in hour when today's check-in isn't done.
struct ShellHookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell-hook",
        abstract: "Print a snippet for your shell's start-up file: a gentle reminder, once a day, when today's check-in isn't done.",
        discussion: CommandHelp.discussion(
            """
            Opt in by adding its output to your shell's start-up file (bash: ~/.bashrc, zsh: ~/.zshrc, fish: \
            ~/.config/fish/config.fish). In the first interactive shell you open after the check-in hour (19:00 \
            unless `unsent settings set check-in HOUR` says otherwise) on a day whose check-in isn't done, it prints \
            one line, and no more that day. It keeps the moment it next needs to look in \
            $XDG_CACHE_HOME/unsent/next-nudge (mode 0600), and bash and zsh compare the clock with it themselves, so \
            most shells don't start unsent at all (fish starts `date`). Remove the lines to stop it.
            """,
            examples: [("unsent shell-hook bash >> ~/.bashrc", "the nudge in every new bash"),
                       ("unsent shell-hook fish >> ~/.config/fish/config.fish", "the same for fish")],
            exits: [(0, "Printed."), CommandHelp.usage]))

    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish
    }

    @Argument(help: ArgumentHelp("Your shell: bash, zsh or fish.", valueName: "shell"))
    var shell: Shell?

    @Flag(help: ArgumentHelp("Look now, and say the reminder if it is due (what the snippet runs).", visibility: .hidden))
    var nudge = false

    @Option(name: .long, help: ArgumentHelp("The session store to look at (for --nudge).", valueName: "path", visibility: .hidden))
    var store: String?

    func validate() throws {
        if !nudge, shell == nil { throw ValidationError("Name your shell: unsent shell-hook bash, zsh or fish.") }
    }

    func run() throws {
        if nudge { return try ShellNudge(environment: ProcessInfo.processInfo.environment, now: Date()).run(store: store) }
        guard let shell else { return }
        print(Self.snippet(shell), terminator: "")
    }

    /// The snippet for a shell.
    static func snippet(_ shell: Shell) -> String {
        switch shell {
        case .bash:
            return """
                # unsent: a gentle reminder, once a day, when today's check-in isn't done (unsent shell-hook bash)
                if [[ $- == *i* ]]; then
                  __unsent_next=0
                  [[ -r "${XDG_CACHE_HOME:-$HOME/.cache}/unsent/next-nudge" ]] && read -r __unsent_next _ < "${XDG_CACHE_HOME:-$HOME/.cache}/unsent/next-nudge"
                  [[ $__unsent_next =~ ^[0-9]+$ ]] || __unsent_next=0
                  printf -v __unsent_now '%(%s)T' -1
                  (( __unsent_now >= __unsent_next )) && command unsent shell-hook --nudge 2>/dev/null
                  unset __unsent_next __unsent_now
                fi

                """
        case .zsh:
            return """
                # unsent: a gentle reminder, once a day, when today's check-in isn't done (unsent shell-hook zsh)
                if [[ -o interactive ]]; then
                  () {
                    zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null || return
                    local file=${XDG_CACHE_HOME:-$HOME/.cache}/unsent/next-nudge next=0 rest
                    [[ -r $file ]] && read -r next rest < $file
                    [[ $next == <-> ]] || next=0
                    (( EPOCHSECONDS >= next )) && command unsent shell-hook --nudge 2>/dev/null
                  }
                fi

                """
        case .fish:
            return """
                # unsent: a gentle reminder, once a day, when today's check-in isn't done (unsent shell-hook fish)
                if status is-interactive
                    set -l __unsent_file $HOME/.cache/unsent/next-nudge
                    set -q XDG_CACHE_HOME; and set __unsent_file $XDG_CACHE_HOME/unsent/next-nudge
                    set -l __unsent_next 0
                    if test -r $__unsent_file
                        read -l __unsent_line < $__unsent_file
                        set __unsent_next (string split ' ' -- $__unsent_line)[1]
                    end
                    string match -qr '^[0-9]+$' -- $__unsent_next; or set __unsent_next 0
                    if test (date +%s) -ge $__unsent_next
                        command unsent shell-hook --nudge 2>/dev/null
                    end
                end

                """
        }
    }
}

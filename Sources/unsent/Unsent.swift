import ArgumentParser

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
            """,
        version: version,
        subcommands: [Home.self, Urge.self, Reply.self, Check.self, Reflect.self, Start.self, Plan.self, Status.self, Log.self, Drafts.self, Stats.self, Review.self, History.self, ShowSession.self, Search.self, Export.self, Import.self, Forget.self, Sos.self, Doctor.self, ContentCommand.self, DevCommand.self],
        defaultSubcommand: Home.self)

    /// Starts the most used commands without ArgumentParser (`QuickStart`); it reads everything else.
    static func main() {
        guard !QuickStart.isTurnedOff, let quick = QuickStart(Array(CommandLine.arguments.dropFirst())) else {
            main(nil)
            return
        }
        do {
            try quick.run()
        } catch {
            // As ArgumentParser ends a command that failed: its message, and its exit status.
            exit(withError: error)
        }
    }
}

import ArgumentParser

/// The options of a command that writes to the store without a conversation (log, drafts seal, forget…).
struct DurableStoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The session store to use, instead of $UNSENT_STORE or $XDG_DATA_HOME/unsent/unsent.sqlite (by default ~/.local/share/unsent/unsent.sqlite).",
        valueName: "path"), completion: .file())
    var store: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Wait for the disk at every change, so a power cut or system crash loses nothing already shown (slower). Set UNSENT_DURABLE=1 to make it the default."))
    var durable = false

    /// As `SessionSettings`, for what writes the same way a conversation does.
    var settings: SessionSettings { SessionSettings(store: store, durable: durable) }
}

import ArgumentParser

/// The options of a command that only reads or writes the store: which store, and whether to wait for the disk.
struct StorePathOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The session store to use, instead of $UNSENT_STORE or $XDG_DATA_HOME/unsent/unsent.sqlite (by default ~/.local/share/unsent/unsent.sqlite).",
        valueName: "path"), completion: .file())
    var store: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Wait for the disk at every write, so a power cut or system crash loses nothing already shown (slower). Set UNSENT_DURABLE=1 to make it the default."))
    var durable = false

    /// As `SessionSettings`, for the helpers that take one.
    var settings: SessionSettings { SessionSettings(store: store, durable: durable) }
}

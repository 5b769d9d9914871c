import ArgumentParser

/// The one option of a command that reads the store and nothing else (history, show, stats…).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The session store to use, instead of $UNSENT_STORE or $XDG_DATA_HOME/unsent/unsent.sqlite (by default ~/.local/share/unsent/unsent.sqlite).",
        valueName: "path"), completion: .file())
    var store: String?
}

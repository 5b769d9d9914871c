import ArgumentParser

/// What a conversation takes besides the store: the content, the seed, the wait, the region and colour.
struct ConversationOptions: ParsableArguments {
    // --content and --seed are for content authors and for replaying a conversation exactly: kept out of
    // --help, which a person in a hard moment reads (drive-26), and listed by --help-hidden.
    @Option(name: .long, help: ArgumentHelp(
        "A content folder to use instead of the bundled dialogue scripts (for content authors).",
        valueName: "folder", visibility: .hidden), completion: .directory)
    var content: String?

    @Option(name: .long, help: ArgumentHelp(
        "A number that fixes every random choice, so a conversation can be replayed exactly.",
        valueName: "n", visibility: .hidden))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp(
        "How long to wait out an urge, such as 5m or 90s. The default is 10 minutes on a terminal and no wait in a pipe.",
        valueName: "duration"))
    var wait: String?

    @Option(name: .long, help: ArgumentHelp(
        "Your region for help lines: us, uk, ca, au, ie or nz. It is remembered for next time; 'other' shows the international directory.",
        valueName: "code"), completion: .list(RegionCode.all))
    var region: String?

    @Option(name: .customLong("color"), help: ArgumentHelp(
        "When to use colour on a terminal: auto (unless NO_COLOR is set or TERM is dumb), always or never. A conversation in a pipe is plain text.",
        valueName: "when"))
    var color: ColorChoice = .auto

    /// The values, with the store's.
    func settings(store: String?, durable: Bool) -> SessionSettings {
        SessionSettings(store: store, content: content, seed: seed, wait: wait, region: region, durable: durable, color: color)
    }
}

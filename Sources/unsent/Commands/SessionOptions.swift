import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// Options every conversation command takes: where the store is, and how the conversation goes.
struct SessionOptions: ParsableArguments {
    @OptionGroup var storage: DurableStoreOptions
    @OptionGroup var conversation: ConversationOptions

    var store: String? { storage.store }
    var durable: Bool { storage.durable }
    var content: String? { conversation.content }
    var color: ColorChoice { conversation.color }

    /// The values, without the parser that read them.
    var settings: SessionSettings { conversation.settings(store: store, durable: durable) }
}

/// What every conversation command is given, however its arguments were read (`SessionOptions` through
/// ArgumentParser, or `QuickStart` by hand).
struct SessionSettings: Equatable {
    var store: String?
    var content: String?
    var seed: UInt64?
    var wait: String?
    var region: String?
    var durable = false
    var color = ColorChoice.auto

    /// - Parameter stored: the `wait` setting, used on a terminal when no --wait is given.
    func waitSeconds(isTTY: Bool, stored: String? = nil) throws -> Int {
        guard let wait else { return isTTY ? stored.flatMap(Self.seconds(of:)) ?? 600 : 0 }
        guard let seconds = Self.seconds(of: wait) else {
            throw ValidationError("--wait takes a length up to 4 hours, such as 5m, 90s or 10 minutes; '\(wait)' is not one.")
        }
        return seconds
    }

    /// The seconds a `--wait` value means, or nil when it is not a length up to 4 hours.
    static func seconds(of wait: String) -> Int? {
        let reader = AnswerReader(normalizer: Normalizer(), calendar: Engine.utcCalendar)
        guard let seconds = reader.read(wait, as: .duration, choices: [], now: Date()).flatMap(\.number), seconds <= 4 * 3600 else {
            return nil
        }
        return seconds
    }
}

/// Starting a conversation: content, store and terminal, with clear messages when one fails.
enum Launcher {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `fromSnapshot`: called once the content is known good (its snapshot, made when it was
    /// checked, is the one for these files), before the snapshot is read.
    static func loadContent(_ folder: String?, fromSnapshot: () -> Void = {}) throws -> Content {
        try reportingContentErrors(folder) { source throws(ContentError) in
            try source.load(cache: ContentCache.resolve(environment), fromSnapshot: fromSnapshot)
        }
    }

    /// Only the crisis rules, for a command that checks one line of free text.
    static func loadSafety(_ folder: String?) throws -> SafetyRules {
        try reportingContentErrors(folder) { source throws(ContentError) in try source.loadSafety(cache: ContentCache.resolve(environment)) }
    }

    /// Starts loading the crisis rules on another thread; the function returned waits for them and
    /// reports a content error as `loadSafety` does (on the calling thread, so after what it printed
    /// meanwhile). A quick log saves the person's line while the rules load.
    static func loadSafetyMeanwhile(_ folder: String?) -> () throws -> SafetyRules {
        let environment = self.environment
        let work = BackgroundWork { () throws -> SafetyRules in
            try ContentSource.resolve(contentDirectory: folder, environment: environment)
                .loadSafety(cache: ContentCache.resolve(environment))
        }
        return { try reportingContentErrors { try work.value() } }
    }

    private static func reportingContentErrors<Loaded>(_ folder: String?,
                                                       _ load: (ContentSource) throws(ContentError) -> Loaded) throws -> Loaded {
        try reportingContentErrors { try load(try ContentSource.resolve(contentDirectory: folder, environment: environment)) }
    }

    /// Runs `load`, turning a content error into its diagnostics on standard error and exit status 2.
    private static func reportingContentErrors<Loaded>(_ load: () throws -> Loaded) throws -> Loaded {
        do {
            return try load()
        } catch let error as ContentError {
            // The first few are enough to start fixing; `content check` lists them all.
            for diagnostic in error.diagnostics.prefix(8) { printError(diagnostic.description) }
            if error.diagnostics.count > 8 { printError("... and \(error.diagnostics.count - 8) more.") }
            printError("unsent: the dialogue content has errors, so unsent cannot start. Fix the lines above (or run `unsent content check` to see them all).")
            throw ExitCode(2)
        } catch let failure as ValidationFailure {
            printError("unsent: " + failure.description)
            throw ExitCode(failure.status)
        }
    }

    /// Opens the store the options name, durable when `--durable` or `UNSENT_DURABLE=1` asks.
    static func openStore(_ options: SessionOptions) throws -> Store {
        try openStore(options.store, durable: options.durable)
    }

    static func openStore(_ options: StoreOptions) throws -> Store {
        try openStore(options.store)
    }

    static func openStore(_ options: DurableStoreOptions) throws -> Store {
        try openStore(options.store, durable: options.durable)
    }

    static func openStore(_ settings: SessionSettings) throws -> Store {
        try openStore(settings.store, durable: settings.durable)
    }

    /// Whether the environment asks for a durable store by default (`UNSENT_DURABLE=1`, as `--durable`).
    static var durableByDefault: Bool {
        guard let value = environment["UNSENT_DURABLE"]?.lowercased() else { return false }
        return ["1", "yes", "true", "on"].contains(value)
    }

    static func openStore(_ explicit: String?, durable: Bool = false) throws -> Store {
        do {
            let path = try StoreLocation.resolve(explicitPath: explicit, environment: environment)
            return try Store(path: path, durable: durable || durableByDefault)
        } catch {
            printError("unsent: " + error.description)
            throw ExitCode(3)
        }
    }

    /// Starts opening the store on another thread; the function returned waits for it and reports
    /// a failure as `openStore` does, on the calling thread (after what that thread printed meanwhile).
    /// With `drafts`, the drafts whose seals have opened are looked up there too (for the home menu): the
    /// first queries of a process pay the Swift runtime's one-time type look-ups, about 3M instructions,
    /// which the main thread then need not (callgrind, stop 23). Nil drafts when that look-up failed: the
    /// main thread asks again, and reports what goes wrong.
    static func openStoreMeanwhile(_ settings: SessionSettings, drafts: Bool = false) -> () throws -> (Store, [DraftRecord]?) {
        let environment = self.environment, explicit = settings.store, durable = settings.durable || durableByDefault
        let work = BackgroundWork { () throws -> (Store, [DraftRecord]?) in
            let path = try StoreLocation.resolve(explicitPath: explicit, environment: environment)
            let store = try Store(path: path, durable: durable)
            return (store, drafts ? try? Self.settledOpenDrafts(store, at: Date()) : nil)
        }
        return {
            do {
                return try work.value()
            } catch let error as StoreError {
                printError("unsent: " + error.description)
                throw ExitCode(3)
            }
        }
    }

    /// Writes a message to standard error, shown safely: a value the person gave (a path, an
    /// option) can hold escape sequences, which are shown as marks and never sent to the terminal.
    static func printError(_ text: String) {
        StandardStream.writeError(Sanitizer.clean(text, keepNewlines: true) + "\n")
    }

    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    static func terminal(waitRequested: Bool, color: ColorChoice = .auto) -> any Terminal {
        if stdinIsTTY && stdoutIsTTY {
            return ReadlineTerminal(style: Style.detect(isTTY: true, environment: environment, choice: color))
        }
        return PipeTerminal(realWaits: waitRequested)
    }

    /// Runs a flow with the bundled (or given) content, logging to the store.
    /// A sealed draft whose time is up, offered once at launch: its text and age for the home flow.
    static func openedDraft(_ store: Store, found: [DraftRecord]? = nil) throws -> [String: Value] {
        let now = Date()
        let opened = try found ?? storeCall { () throws(StoreError) in try settledOpenDrafts(store, at: now) }
        guard let draft = opened.first else { return [:] }
        // Offered once: it is an ordinary draft from now on.
        try storeCall { () throws(StoreError) in try store.sealDraft(draft.id, until: nil) }
        return [
            "opened_drafts": .number(opened.count),
            "draft_text": .text(draft.text),
            "draft_age": .text(DraftAge.describe(draft.createdAt, now: now)),
            "draft_id": .number(Int(draft.id)),
        ]
    }

    /// The drafts whose seals have opened by `now`, once any seal set while the clock ran ahead (which would
    /// otherwise keep its draft closed for years) is settled.
    static func settledOpenDrafts(_ store: Store, at now: Date) throws(StoreError) -> [DraftRecord] {
        try store.settleSeals(at: now)
        return try store.openedDrafts(at: now)
    }

    /// A setting's stored value (nil when unset, or without a store).
    static func setting(_ setting: UserSetting, in store: Store?) throws -> String? {
        guard let store else { return nil }
        return try storeCall { () throws(StoreError) in try store.setting(setting.key) }
    }

    /// Runs a store call, turning a store error into its message and exit status 3.
    static func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            printError("unsent: " + error.description)
            throw ExitCode(3)
        }
    }

    /// The content of the conversation under way, kept to the end of the process: the process is
    /// about to exit when a conversation ends, and taking a hundred thousand small values apart
    /// one by one only to hand the memory back a moment later is work nobody waits for gladly.
    nonisolated(unsafe) private static var contentInUse: Content?

    static func converse(flow: String, options: SessionOptions, logged: Bool = true, extra: [String: Value] = [:]) throws {
        try converse(flow: flow, settings: options.settings, logged: logged, extra: extra)
    }

    static func converse(flow: String, settings options: SessionSettings, logged: Bool = true, extra: [String: Value] = [:]) throws {
        // Content known good (from its snapshot): the store opens on another thread while the
        // snapshot is read, the two being most of a start. Content that must be parsed may have
        // errors, and then the store is not touched: it opens after.
        var opening: (() throws -> (Store, [DraftRecord]?))?
        let content = try loadContent(options.content) { if logged { opening = openStoreMeanwhile(options, drafts: flow == "home") } }
        contentInUse = content
        let opened = logged ? try opening?() : nil
        let store = logged ? try opened?.0 ?? openStore(options) : nil
        let isTTY = stdinIsTTY && stdoutIsTTY
        let wait = try options.waitSeconds(isTTY: isTTY, stored: try setting(.wait, in: store))
        // --color wins; without it (auto), the color setting.
        let stored = try setting(.color, in: store).flatMap(ColorChoice.init(rawValue:)) ?? .auto
        let terminal = terminal(waitRequested: options.wait != nil, color: options.color != .auto ? options.color : stored)
        let seed = options.seed ?? UInt64.random(in: 1...UInt64.max)
        // Gregorian in the local time zone, as `Calendar.current` would be here, without bringing up
        // ICU for the locale's week rules, which nothing in a conversation reads.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let runner = SessionRunner(engine: Engine(content: content, calendar: calendar), store: store, terminal: terminal)
        var variables: [String: Value] = ["wait_seconds": .number(wait)]
        variables.merge(extra) { _, new in new }
        if flow == "home", let store { variables.merge(try openedDraft(store, found: opened?.1)) { _, new in new } }
        if let region = options.region?.lowercased() {
            let known = ["us", "uk", "gb", "ca", "au", "ie", "nz", "other"]
            // An unknown region is never a reason to show nothing: it gets the international help.
            if !known.contains(region) {
                printError("unsent: there are no help lines for '\(region)' here yet, so you'll see the international ones. "
                           + "--region takes us, uk, ca, au, ie, nz or other.")
            }
            let code = region == "gb" ? "uk" : known.contains(region) ? region : "other"
            variables["region"] = .text(code)
            do { try store?.setSetting("region", code) } catch { printError("unsent: " + error.description); throw ExitCode(3) }
        }
        do {
            try runner.run(flow: flow, seed: seed, variables: variables)
        } catch {
            (terminal as? PipeTerminal)?.flush()
            printError("unsent: " + error.description)
            throw ExitCode(3)
        }
        (terminal as? PipeTerminal)?.flush()
        if let failure = terminal.failure {
            printError("unsent: " + failure.description)
            throw ExitCode(TerminalFailure.status)
        }
    }
}

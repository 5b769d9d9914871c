import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent settings`: the few settings, listed; one printed by name; changed with `settings set`.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "List your settings (day-start, check-in, wait, region and color), print one, or change one.",
        discussion: CommandHelp.discussion(
            """
            day-start   the hour (0-23) a new day begins, 4 unless you change it: a sleepless 01:30 still counts \
            as the day before.
            check-in    the hour (0-23) after which `unsent shell-hook` reminds you of a check-in not yet done (19).
            wait        how long `unsent urge` waits the wave out with you on a terminal when --wait isn't given (10m).
            region      where you are, for help lines: us, uk, ca, au, ie, nz or other (the international directory). \
            Your plan asks it; --region remembers it too.
            color       colour in conversations on a terminal: auto (never with NO_COLOR or TERM=dumb), always or never.
            """,
            examples: [("unsent settings", "list them, with (default) beside those you haven't set"),
                       ("unsent settings get wait", "print one value, for a script"),
                       ("unsent settings set wait 5m", "wait the wave out for five minutes"),
                       ("unsent settings reset wait", "back to the default")],
            exits: [(0, "Done."), CommandHelp.store, (64, "An unknown setting, or a value it can't take.")]),
        subcommands: [SettingsGetCommand.self, SettingsSetCommand.self, SettingsResetCommand.self])

    @OptionGroup var store: DurableStoreOptions

    func run() throws {
        let opened = try StoreOpening.open(store.settings)
        var rows: [(String, String, String)] = []
        for setting in UserSetting.allCases {
            let current = try StoreOpening.call { () throws(StoreError) in try setting.value(in: opened) }
            rows.append((setting.rawValue, Sanitizer.clean(setting.shown(current.value)) + (current.isDefault && setting != .region ? " (default)" : ""), setting.summary))
        }
        let nameWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let valueWidth = rows.map { DisplayWidth.of($0.1) }.max() ?? 0
        for (name, value, summary) in rows {
            print(DisplayWidth.padded(name, to: nameWidth) + "  " + DisplayWidth.padded(value, to: valueWidth) + "  " + summary)
        }
        print("Change one with `unsent settings set NAME VALUE`; `unsent settings reset NAME` puts back its default.")
    }

    /// The message for a name that is no setting.
    static func unknown(_ name: String) -> String {
        let names = UserSetting.allCases.map(\.rawValue)
        let hint = Suggestion.note(for: name, in: names).map { " " + $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
        return "'\(name)' is not a setting.\(hint) Settings: \(names.joined(separator: ", "))."
    }
}

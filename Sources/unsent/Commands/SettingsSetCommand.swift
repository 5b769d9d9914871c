import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent settings set NAME VALUE`.
struct SettingsSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change one setting: day-start, check-in, wait, region or color.",
        discussion: CommandHelp.discussion(
            examples: [("unsent settings set day-start 5", "a new day begins at 05:00"),
                       ("unsent settings set check-in 20", "the shell hook's reminder comes after 20:00"),
                       ("unsent settings set region uk", "help lines for the United Kingdom"),
                       ("unsent settings set color never", "no colour in conversations")],
            exits: [(0, "Changed."), CommandHelp.store, (64, "An unknown setting, or a value it can't take (nothing changed).")]))

    @OptionGroup var name: SettingName

    @Argument(help: ArgumentHelp("Its new value.", valueName: "value"))
    var value: String

    @OptionGroup var store: DurableStoreOptions

    func validate() throws {
        guard let setting = name.setting else { return }
        if case .failure(let problem) = setting.normalized(value) { throw ValidationError(problem.description) }
    }

    func run() throws {
        guard let setting = name.setting, case .success(let normalized) = setting.normalized(value) else { return }
        let opened = try StoreOpening.open(store.settings)
        try StoreOpening.call { () throws(StoreError) in try opened.setSetting(setting.key, normalized) }
        print("\(setting.rawValue) is now \(setting.shown(normalized)).")
    }
}

import ArgumentParser
import Foundation
import UnsentStore

/// `unsent settings reset NAME`: back to the default.
struct SettingsResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Put one setting back to its default.",
        discussion: CommandHelp.discussion(
            examples: [("unsent settings reset wait", "back to the default wait")],
            exits: [(0, "Done."), CommandHelp.store, (64, "An unknown setting.")]))

    @Argument(help: ArgumentHelp("The setting: day-start, check-in, wait, region or color.", valueName: "name"))
    var name: String

    @OptionGroup var store: DurableStoreOptions

    func validate() throws {
        if UserSetting.named(name) == nil { throw ValidationError(SettingsCommand.unknown(name)) }
    }

    func run() throws {
        guard let setting = UserSetting.named(name) else { return }
        let opened = try Launcher.openStore(store.settings)
        try Launcher.storeCall { () throws(StoreError) in try opened.setSetting(setting.key, nil) }
        print("\(setting.rawValue) is back to its default, \(setting.shown(setting.defaultValue)).")
    }
}

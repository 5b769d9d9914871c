import ArgumentParser
import Foundation
import UnsentStore

/// `unsent settings get NAME`: one value alone, for a script.
struct SettingsGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print one setting's value alone (its default when you haven't set it).",
        discussion: CommandHelp.discussion(
            examples: [("unsent settings get day-start", "the hour a new day begins")],
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
        let current = try Launcher.storeCall { () throws(StoreError) in try setting.value(in: opened) }
        print(setting.shown(current.value))
    }
}

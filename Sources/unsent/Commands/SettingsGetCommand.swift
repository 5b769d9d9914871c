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

    @OptionGroup var named: SettingInStore

    func run() throws {
        let (setting, opened) = try named.open()
        let current = try StoreOpening.call { () throws(StoreError) in try setting.value(in: opened) }
        print(setting.shown(current.value))
    }
}

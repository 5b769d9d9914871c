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

    @OptionGroup var named: SettingInStore

    func run() throws {
        let (setting, opened) = try named.open()
        try StoreOpening.call { () throws(StoreError) in try opened.setSetting(setting.key, nil) }
        print("\(setting.rawValue) is back to its default, \(setting.shown(setting.defaultValue)).")
    }
}

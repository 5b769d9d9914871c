import ArgumentParser
import Foundation

/// The setting a `settings get`, `set` or `reset` names, checked before the command runs.
struct SettingName: ParsableArguments {
    @Argument(help: ArgumentHelp("The setting: day-start, check-in, wait, region or color.", valueName: "name"))
    var name: String

    /// The setting named; nil only before `validate()` has passed.
    var setting: UserSetting? { UserSetting.named(name) }

    func validate() throws {
        if setting == nil { throw ValidationError(SettingsCommand.unknown(name)) }
    }
}

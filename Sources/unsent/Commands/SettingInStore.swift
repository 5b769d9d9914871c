import ArgumentParser
import Foundation
import UnsentStore

/// A setting's name and the store that keeps it, for the commands that read or clear one value.
struct SettingInStore: ParsableArguments {
    @OptionGroup var name: SettingName

    @OptionGroup var store: DurableStoreOptions

    /// The setting named and its store, opened.
    func open() throws -> (UserSetting, Store) {
        guard let setting = name.setting else { throw ValidationError(SettingsCommand.unknown(name.name)) }
        return (setting, try StoreOpening.open(store.settings))
    }
}

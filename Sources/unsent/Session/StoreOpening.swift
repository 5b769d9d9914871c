import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// Opening the local store (where `--store`, `UNSENT_STORE` or the XDG data folder says), and calling it,
/// with a failure shown as its message (the path and what to do) and exit status 3.
enum StoreOpening {
    /// Opens the store the options name, durable when `--durable` or `UNSENT_DURABLE=1` asks.
    static func open(_ options: SessionOptions) throws -> Store {
        try open(options.store, durable: options.durable)
    }

    static func open(_ options: StoreOptions) throws -> Store {
        try open(options.store)
    }

    static func open(_ options: DurableStoreOptions) throws -> Store {
        try open(options.store, durable: options.durable)
    }

    static func open(_ settings: SessionSettings) throws -> Store {
        try open(settings.store, durable: settings.durable)
    }

    /// Whether the environment asks for a durable store by default (`UNSENT_DURABLE=1`, as `--durable`).
    static var durableByDefault: Bool {
        guard let value = ProcessInfo.processInfo.environment["UNSENT_DURABLE"]?.lowercased() else { return false }
        return ["1", "yes", "true", "on"].contains(value)
    }

    static func open(_ explicit: String?, durable: Bool = false) throws -> Store {
        do {
            let path = try StoreLocation.resolve(explicitPath: explicit, environment: ProcessInfo.processInfo.environment)
            return try Store(path: path, durable: durable || durableByDefault)
        } catch {
            ErrorOutput.write("unsent: " + error.description)
            throw ExitCode(3)
        }
    }

    /// Starts opening the store on another thread; the function returned waits for it and reports
    /// a failure as `open` does, on the calling thread (after what that thread printed meanwhile).
    /// With `drafts`, the drafts whose seals have opened are looked up there too (for the home menu): the
    /// first queries of a process pay the Swift runtime's one-time type look-ups, about 3M instructions,
    /// which the main thread then need not (callgrind, stop 23). Nil drafts when that look-up failed: the
    /// main thread asks again, and reports what goes wrong.
    static func openMeanwhile(_ settings: SessionSettings, drafts: Bool = false) -> () throws -> (Store, [DraftRecord]?) {
        let environment = ProcessInfo.processInfo.environment, explicit = settings.store, durable = settings.durable || durableByDefault
        let work = BackgroundWork { () throws -> (Store, [DraftRecord]?) in
            let path = try StoreLocation.resolve(explicitPath: explicit, environment: environment)
            let store = try Store(path: path, durable: durable)
            return (store, drafts ? try? OpenedDrafts.settled(store, at: Date()) : nil)
        }
        return {
            do {
                return try work.value()
            } catch let error as StoreError {
                ErrorOutput.write("unsent: " + error.description)
                throw ExitCode(3)
            }
        }
    }

    /// A setting's stored value (nil when unset, or without a store).
    static func setting(_ setting: UserSetting, in store: Store?) throws -> String? {
        guard let store else { return nil }
        return try call { () throws(StoreError) in try store.setting(setting.key) }
    }

    /// Runs a store call, turning a store error into its message and exit status 3.
    static func call<T>(_ body: () throws(StoreError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            ErrorOutput.write("unsent: " + error.description)
            throw ExitCode(3)
        }
    }
}

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

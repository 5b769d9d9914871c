import Foundation
import UnsentCore

/// One journal entry brought in from another tool (jrnl's JSON export, a plain text file): kept as a
/// `note` event, like `unsent log note`, with the day it was written and where it came from.
public struct JournalEntry: Sendable, Equatable {
    /// When it was written (noon of its day when the source gives no time).
    public var at: Date
    /// Its day, `YYYY-MM-DD`, as the source gives it, so a time zone never moves it to another day.
    public var day: String
    public var text: String
    /// Where it came from: "jrnl" or "text".
    public var source: String

    public init(at: Date, day: String, text: String, source: String) {
        self.at = at
        self.day = day
        self.text = text
        self.source = source
    }

    /// The fields of its `note` event.
    var fields: [String: String] { EventField.named([.text: text, .day: day, .source: source]) }
}

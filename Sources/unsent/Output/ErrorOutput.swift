import Foundation
import UnsentCore

/// Messages for the person on standard error.
enum ErrorOutput {
    /// Writes a message to standard error, shown safely: a value the person gave (a path, an
    /// option) can hold escape sequences, which are shown as marks and never sent to the terminal.
    static func write(_ text: String) {
        StandardStream.writeError(Sanitizer.clean(text, keepNewlines: true) + "\n")
    }
}

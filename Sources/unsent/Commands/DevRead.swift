import ArgumentParser
import Foundation
import UnsentCore

/// What a rule set's trained reader sees in each line of standard input, for authors weighing how
/// long texts are read: one JSON object per line with the rule that fires (if any), the reader's
/// five best readings of the whole text, and of each sentence.
struct DevRead: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Print a rule set's rule and reader confidences for each line of standard input, whole and per sentence (JSON lines).")

    @Argument(help: "The rule set, such as 'reframes' or 'replies'.")
    var collection: String

    @Option(help: "A content folder to use instead of the bundled content.")
    var content: String?

    func run() throws {
        let loaded = try ContentLoading.load(content)
        guard let model = loaded.readers[collection] else {
            throw ValidationError("'\(collection)' has no trained reader.")
        }
        func top(_ text: String) -> [[String: Any]] {
            model.ranked(text, normalizer: loaded.normalizer).prefix(5).map { ["id": $0.id, "p": Double($0.confidence)] }
        }
        while let typed = readLine(strippingNewline: true) {
            let line = Sanitizer.removingControlSequences(typed)
            let rule = loaded.read(line, in: collection, most: 3)
            var object: [String: Any] = ["whole": top(line)]
            object["rule"] = rule.match?.ruleID ?? NSNull()
            object["decision"] = rule.decision.offered.map(\.id)
            object["sentences"] = WordScanner.sentences(line, keepingEnds: true).map { ["text": $0, "top": top($0)] as [String: Any] }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

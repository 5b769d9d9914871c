import Foundation
import UnsentCore

/// The words shown for the keys of choice questions (`saw-post` is "I saw their post or story"), read from
/// the content, so what the person chose is printed in their words and never as a key (stats, the export).
struct ChoiceTitles {
    /// Labels by question variable, then by choice key.
    private(set) var labels: [String: [String: String]] = [:]

    init(content: Content) {
        for name in content.flowOrder {
            for node in content.flows[name]?.nodes ?? [] {
                for case .ask(let question, _) in node.code.instructions where question.kind == .choice {
                    for choice in question.choices where labels[question.variable]?[choice.key] == nil {
                        labels[question.variable, default: [:]][choice.key] = choice.label
                    }
                }
            }
        }
    }

    init() {}

    /// The titles of the content in use (the bundled content with the person's own files); none when it
    /// cannot be read, and keys are then shown as they are.
    static func load() -> ChoiceTitles {
        let environment = ProcessInfo.processInfo.environment
        guard let content = try? ContentSource.resolve(contentDirectory: nil, environment: environment)
            .load(cache: ContentCache.resolve(environment)) else { return ChoiceTitles() }
        return ChoiceTitles(content: content)
    }

    /// The label of `key` among the choices of the question asking into `variable`.
    func title(_ key: String, for variable: String) -> String? {
        labels[variable]?[key]
    }

    /// The title to print: the label, or the key with its dashes as spaces when no question offers it.
    func words(_ key: String, for variable: String) -> String {
        Sanitizer.clean(title(key, for: variable) ?? key.replacingOccurrences(of: "-", with: " "))
    }

    /// A label inside a sentence: its first letter made small ("No contact" → "no contact"), but
    /// never the word "I" ("I'm glad…" stays).
    static func inSentence(_ label: String) -> String {
        guard let first = label.first, !label.hasPrefix("I "), !label.hasPrefix("I'"), !label.hasPrefix("I’") else { return label }
        return first.lowercased() + label.dropFirst()
    }
}

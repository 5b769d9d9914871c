import Foundation
import Testing
@testable import UnsentCore

/// The free-text understanding measured on labelled sets written by us: which reframe card an
/// urge matches, and what kind of message the ex sent. Figures are printed for the record.
@Suite struct ClassifierAccuracyTests {
    struct Example {
        var expected: String
        var text: String
    }

    static func examples(_ fixture: String) throws -> [Example] {
        try Repository.fixture(fixture).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { return nil }
            return Example(expected: String(line[..<tab]), text: String(line[line.index(after: tab)...]))
        }
    }

    /// The share of examples whose best rule is the expected one (`-` means the fallback).
    static func accuracy(_ examples: [Example], ruleSet: String, in content: Content, fallbackName: String = "-") -> (share: Double, misses: [String]) {
        var right = 0
        var misses: [String] = []
        for example in examples {
            let got = content.match(example.text, in: ruleSet)?.ruleID ?? fallbackName
            if got == example.expected { right += 1 } else { misses.append("\(example.expected) → \(got): \(example.text)") }
        }
        return (Double(right) / Double(max(1, examples.count)), misses)
    }

    @Test func reframeCardsMatchTheLabelledStatements() throws {
        let content = try Repository.loadContent()
        let examples = try Self.examples("reframes/labelled.tsv")
        #expect(examples.count >= 200)
        let (share, misses) = Self.accuracy(examples, ruleSet: "reframes", in: content)
        print("Reframe cards: \(String(format: "%.1f", share * 100))% of \(examples.count) labelled statements matched the expected card.")
        for miss in misses.prefix(10) { print("  miss: \(miss)") }
        #expect(share >= 0.90)
        // Every card the urge flow promises exists, and every card has samples and two reframes.
        let required = ["closure", "check-on-them", "one-text", "forget-me", "they-changed", "explain", "occasion", "friends",
                        "over-it", "hurt-them", "lonely", "new-partner", "my-fault", "never-again", "miss-them", "they-miss-me",
                        "apologize", "drunk", "show-them", "reassurance", "anniversary", "saw-post", "last-chance", "logistics"]
        let cards = try #require(content.ruleSets["reframes"]).rules
        for id in required { #expect(cards.contains { $0.id == id }, "missing card \(id)") }
        #expect(cards.count >= 24)
        for card in cards {
            #expect(!card.samples.isEmpty, "card \(card.id) has no samples")
            let variants = card.code.instructions.compactMap { instruction -> Int? in
                if case .vary(_, _, let lines) = instruction { lines.count } else { nil }
            }.max() ?? 0
            #expect(variants >= 2, "card \(card.id) has fewer than two reframe variants")
        }
    }

    @Test func reframeCardsOnTheHeldOutStatements() throws {
        let content = try Repository.loadContent()
        let examples = try Self.examples("reframes/heldout.tsv")
        let (share, _) = Self.accuracy(examples, ruleSet: "reframes", in: content)
        print("Reframe cards, held out: \(String(format: "%.1f", share * 100))% of \(examples.count).")
        #expect(share >= 0.80)
    }

    @Test func incomingMessagesAreClassified() throws {
        let content = try Repository.loadContent()
        let examples = try Self.examples("replies/labelled.tsv")
        #expect(examples.count >= 250)
        let counts = Dictionary(grouping: examples, by: \.expected).mapValues(\.count)
        let categories = ["miss-you", "check-in", "apology", "reconcile", "meet", "logistics", "children", "occasion",
                          "anger", "new-partner", "hoover", "emergency", "threat", "ex-self-harm"]
        for category in categories { #expect((counts[category] ?? 0) >= 15, "fewer than 15 examples of \(category)") }
        let (share, misses) = Self.accuracy(examples, ruleSet: "replies", in: content, fallbackName: "unclear")
        print("Incoming messages: \(String(format: "%.1f", share * 100))% of \(examples.count) labelled messages classified correctly.")
        for miss in misses.prefix(10) { print("  miss: \(miss)") }
        #expect(share >= 0.92)
    }

    @Test func incomingMessagesOnTheHeldOutSet() throws {
        let content = try Repository.loadContent()
        let examples = try Self.examples("replies/heldout.tsv")
        let (share, _) = Self.accuracy(examples, ruleSet: "replies", in: content, fallbackName: "unclear")
        print("Incoming messages, held out: \(String(format: "%.1f", share * 100))% of \(examples.count).")
        #expect(share >= 0.80)
    }

    @Test func oneWordCorrectionsNameEveryCategory() throws {
        let content = try Repository.loadContent()
        let words = ["miss-you": "missing", "logistics": "logistics", "children": "kids", "apology": "sorry",
                     "hoover": "hoover", "threat": "threat", "anger": "angry", "occasion": "birthday"]
        for (category, word) in words {
            #expect(content.match(word, in: "reply-kinds")?.ruleID == category, "'\(word)' should mean \(category)")
        }
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// Whose life is at risk (issue 16): the crisis check, then `safety/who.rules` and its trained reader, read as
/// the crisis flow reads them, on a batch written by someone who never saw the rules (`who/blind/blind-1b.tsv`,
/// never trained or tuned on). The floor sits under the figure of the stop that made the reader (53.3%).
@Suite struct WhoAtRiskTests {
    static let content: Result<Content, any Error> = Result { try Repository.loadContent() }

    /// Whose risk the flow takes a line to be, as `Scripts/measure-who` and the crisis flow's `start` read it:
    /// someone else's words go where a sure reading says; the person's own move only on a card's own rule.
    static func reading(_ text: String, _ content: Content) -> String {
        guard let category = content.safety.classify(text) else { return "missed" }
        let (_, match) = content.read(text, in: "who")
        switch category {
        case .exSelfHarm: return match?.ruleID ?? "ex"
        case .suicide, .selfHarm:
            if let match, !match.byReader, ["child", "someone"].contains(match.ruleID) { return match.ruleID }
            return "person"
        case .harmOthers: return "someone"
        default: return "person"
        }
    }

    @Test func whoseRiskHoldsOnABatchNobodyHereWrote() throws {
        let content = try Self.content.get()
        let examples = try ReaderBlindTests.examples("who/blind/blind-1b.tsv")
        #expect(examples.count == 75)
        let right = examples.filter { Self.reading($0.text, content) == $0.label }.count
        #expect(Double(right) / Double(examples.count) >= 0.48, "\(right) of \(examples.count)")
    }

    /// The reader alone never moves the person's own words to someone else: "my son found me crying and i told
    /// him i want to die" is read by the reader as a child's (that is why the rule exists), and stays the person's.
    @Test func theReaderNeverTakesThePersonsOwnWordsAway() throws {
        let content = try Self.content.get()
        let text = "my son found me crying and i told him i want to die"
        let (_, match) = content.read(text, in: "who")
        #expect(match?.ruleID == "child" && match?.byReader == true, "the premise changed: \(String(describing: match))")
        #expect(Self.reading(text, content) == "person")
    }

    /// A card's own rule does move them: a child named as the one saying it.
    @Test func aChildNamedAsTheOneSayingItIsTheChilds() throws {
        let content = try Self.content.get()
        #expect(Self.reading("my son said he wants to die", content) == "child")
        #expect(Self.reading("my best friend told me she wants to end it all", content) == "someone")
        #expect(Self.reading("he said he will kill himself if i dont come back", content) == "ex")
        #expect(Self.reading("i want to die", content) == "person")
    }

    @Test func noMeasuredLineIsTrainedOn() throws {
        let folder = Repository.testsFolder.appendingPathComponent("Fixtures/who/train")
        var trained = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".tsv") {
            trained.formUnion(try ReaderBlindTests.examples("who/train/\(name)").map { $0.text })
        }
        #expect(trained.count > 400)
        let leaked = try ReaderBlindTests.examples("who/blind/blind-1b.tsv").map { $0.text }.filter { trained.contains($0) }
        #expect(leaked.isEmpty, "\(leaked.prefix(3))")
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// How rules and trained readers share the work, as the content declares it: `ranks: decide` on
/// a rule set, `sure: always` on a card, `if ordinary:` on a crisis rule. Each is shown to change
/// what the bundled content does by loading it again without the line.
struct ReadingArbitrationTests {
    /// The bundled content with one file's text changed.
    static func content(changing path: String, _ change: (String) -> String) throws -> Content {
        let all: [(path: String, text: String)] = try Repository.contentFiles().map { $0.path == path ? ($0.path, change($0.text)) : $0 }
        let known = Dictionary(all.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        return try ContentLoader.load(files: all.filter { ContentLoader.isScript($0.path) }) { known[$0] }
    }

    @Test func whenRanksDecideAMessageHoldingTwoCardsIsReadAsTheHigherRank() throws {
        let message = "hey, I miss you. can we talk?"
        let bundled = try Repository.loadContent()
        #expect(bundled.ruleSets["replies"]?.ranksDecide == true)
        #expect(bundled.read(message, in: "replies").decision == .sure(Reading(id: "meet", confidence: 1)))
        let withoutRanks = try Self.content(changing: "Content/replies/replies.rules") {
            $0.replacingOccurrences(of: "\n  ranks: decide\n", with: "\n")
        }
        #expect(withoutRanks.read(message, in: "replies").decision.offered.map(\.id) == ["miss-you", "meet"])
    }

    @Test func aCardThatIsAlwaysSureIsNeverArguedWith() throws {
        let bundled = try Repository.loadContent()
        let harm = try #require(bundled.ruleSets["replies"]?.rules.first { $0.id == "ex-self-harm" })
        #expect(harm.alwaysSure)
        for message in ["if you dont come back tonight i swear ill end it", "i miss you. i cant live without you"] {
            #expect(bundled.read(message, in: "replies").decision.offered.map(\.id) == ["ex-self-harm"], "\(message)")
        }
    }

    /// `reads: whole text`: a greeting is a hello when it is all that was said, not the "hey." that opens a longer
    /// message (a reply typed at "Try another one?" was answered "Hello to you too").
    @Test func aRuleThatReadsTheWholeTextSkipsItsSentences() throws {
        let bundled = try Repository.loadContent()
        let letter = "hey. i hope you are doing ok. im not really up for talking about this, take care"
        #expect(bundled.read("hey", in: "intents").match?.ruleID == "greeting")
        #expect(bundled.read(letter, in: "intents").match?.ruleID != "greeting")
        let bySentence = try Self.content(changing: "Content/common/intents.rules") {
            $0.replacingOccurrences(of: "\n    reads: whole text\n", with: "\n")
        }
        #expect(bySentence.read(letter, in: "intents").match?.ruleID == "greeting")
    }

    @Test func withoutRanksTheReaderIsOfferedFirstWhenItReadsAnotherCard() throws {
        // "my fault" fires on the words; the line is about missing her. Both are offered, the
        // reader's reading first, and nothing is acted on without asking.
        let content = try Repository.loadContent()
        #expect(content.ruleSets["reframes"]?.ranksDecide == false)
        let line = "i keep thinking it was my fault but really i just miss her laugh"
        #expect(Self.rulesOnly(content, "reframes").read(line, in: "reframes").decision.offered.map(\.id) == ["my-fault"])
        #expect(content.read(line, in: "reframes").decision.offered.map(\.id) == ["miss-them", "my-fault"])
    }

    /// The content without a rule set's trained reader: what the rules alone decide.
    static func rulesOnly(_ content: Content, _ name: String) -> Content {
        var rules = content
        rules.readers[name] = nil
        return rules
    }

    @Test(arguments: [
        "goodbye forever, old flat. keys handed back today and i feel lighter",
        "this is my goodbye to you. not sending it, just needed to write it down",
    ])
    func aGoodbyeThatTheModelReadsAsOrdinaryRaisesNoAlarm(text: String) throws {
        let rules = try SafetySupport.rules()
        #expect(rules.explain(text) == nil, "\(String(describing: rules.explain(text)))")
        // The same rules without the model keep the goodbye rule's finding: the line is what changed it.
        let withoutModel = try SafetySupport.rulesWithoutModel()
        #expect(withoutModel.explain(text)?.rule == "goodbye")
    }

    @Test func aGoodbyeWithMeansStillRaisesTheAlarm() throws {
        let rules = try SafetySupport.rules()
        #expect(rules.classify("goodbye everyone, i have the pills ready") == .suicide)
        #expect(rules.classify("Bought rope today. Not for camping.") == .suicide)
    }

    @Test(arguments: [
        ("rules r\n  ranks: maybe\n  card a\n    when: * a *\n    say: a\n  fallback\n    say: f\n", "'ranks:' takes 'decide'"),
        ("rules r\n  card a\n    sure: mostly\n    when: * a *\n    say: a\n  fallback\n    say: f\n", "'sure:' takes 'always'"),
    ])
    func aMistypedDeclarationIsAnErrorWhereItIs(text: String, message: String) throws {
        let error = try #require(TestScript.error(text))
        #expect(error.contains(message), "\(error)")
    }

    @Test func aMistypedOrdinaryOutcomeIsAnError() throws {
        let error = #expect(throws: ContentError.self) {
            try SafetySupport.load([("Content/safety/test.safety", "rule bye: suicide\n    if ordinary: nope\n    words: goodbye world\n")])
        }
        #expect(error?.description.contains("'nope' is not a category") == true)
    }
}

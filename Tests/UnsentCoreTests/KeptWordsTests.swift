import Foundation
import Testing
@testable import UnsentCore

/// After the tone check, the draft without its flagged sentences is shown back: the person's own
/// facts (times, places, the child's things), without the parts that would start a fight.
@Suite struct KeptWordsTests {
    static let content: Result<Content, any Error> = Result { try Repository.loadContent() }

    static func kept(_ draft: String, category: String? = nil) throws -> String? {
        let content = try content.get()
        return content.keptWords(of: draft, flags: content.checkTone(draft, category: category), category: category)
    }

    @Test func theFactsStayAndTheDigGoes() throws {
        let kept = try Self.kept("Sure, I can take her Saturday at 10. Honestly you always do this, its so selfish.", category: "children")
        #expect(kept == "Sure, I can take her Saturday at 10.")
    }

    @Test func sentencesThatAreFlaggedOnTheirOwnGoTooEvenWhenNoFlagQuotesThem() throws {
        // The flags quote one insult each; "its pathetic" and "this is why i left" raise flags alone.
        #expect(try Self.kept("youre a liar and you know it. YOU cancelled last time not me. stop using maya to guilt trip me, its pathetic. this is why i left") == nil)
    }

    @Test(arguments: [
        "Saturday at 10 works for the handover. I'll bring her bag and the inhaler.",
        "you always do this",
        "Typical of you. Fine.",
    ])
    func nothingIsShownWhenNothingOrEverythingIsFlaggedOrTooLittleIsLeft(draft: String) throws {
        #expect(try Self.kept(draft) == nil)
    }

    @Test func lineBreaksEndSentences() throws {
        let kept = try Self.kept("pick up is 5pm at the school gate\nand dont be late again, youre such a selfish prick")
        #expect(kept == "pick up is 5pm at the school gate")
    }

    @Test func aPastedLetterIsNotCheckedSentenceBySentence() throws {
        // 200 sentences: the flags' quotes decide what goes, and what is left is far too long to be a calm reply.
        let letter = String(repeating: "I can take her on Saturday at 10. ", count: 199) + "Honestly you always do this, its so selfish."
        #expect(try Self.kept(letter, category: "children") == nil)
    }
}

import Testing
@testable import UnsentCore

/// The words of the question an answer says back are not read by the crisis check's nets (drive-21:
/// "i dont really know what a plan would even do", said to "Would you like to set up a plan first?",
/// brought the gentle check-in, and a follow-up the next day).
struct SafetyEchoTests {
    static let planQuestion = "Would you like to set up a plan first? It takes about two minutes."

    @Test func anAnswerSayingTheQuestionsWordsBackIsNoWorry() throws {
        let content = try Repository.loadContent()
        let answer = "i guess, i mean i dont really know what a plan would even do"
        #expect(content.safety.verdict(answer) != nil, "the nets alone read 'plan' as worrying; this test needs a line they flag")
        #expect(content.safety.verdict(answer, answering: Self.planQuestion) == nil)
    }

    /// The rules still read the whole answer: a plan to die is heard whatever the question was.
    @Test func theRulesStillReadTheWholeAnswer() throws {
        let content = try Repository.loadContent()
        #expect(content.safety.verdict("yeah i have a plan to end it tonight", answering: Self.planQuestion)?.category == .suicide)
    }

    @Test func onlyUncommonWordsOfFourLettersOrMoreAreEchoed() {
        #expect(SafetyRules.echoWords(Self.planQuestion) == ["plan", "first", "takes", "minutes"])
    }
}

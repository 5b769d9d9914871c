import Testing
@testable import UnsentCore

/// A line of laughter is no worry; laughter beside words of pain still is (stop 21: a bare "haha"
/// at the urge question brought the gentle safety check-in).
struct LaughterTests {
    @Test(arguments: ["lol", "LOL", "loool", "lolol", "haha", "hahaha!!", "ahahah", "hehe", "lmao", "lmfaooo", "rofl",
                      "xD", "jaja", "kkkk", "wkwkwk", "555", "😂", "😂😂", "💀", "lol 😂😂", "haha lol", "haha."])
    func laughterAloneIsLaughter(text: String) {
        let words = SafetyText.words(of: text)
        #expect(!words.isEmpty && words.allSatisfy(Laughter.isLaughter))
    }

    @Test(arguments: ["5", "k", "ok", "hello", "ha", "dying", "halo", "lolita", "😭", "kill", "hahano"])
    func otherWordsAreNot(word: String) {
        #expect(!Laughter.isLaughter(word))
    }

    /// Laughter alone, or beside an everyday word ("7 haha", "sure lol": drive-21), is no worry.
    @Test(arguments: ["haha", "lol", "lol 😂😂", "lmaooo", "hahaha!!", "7 haha", "5 haha", "sure lol", "idk lol", "haha sure"])
    func theCrisisCheckLetsLaughterAlonePass(text: String) throws {
        let content = try Repository.loadContent()
        #expect(content.safety.classify(text) == nil)
    }

    @Test(arguments: ["i want to die lol", "kms lol", "haha i want to kill myself", "whatever i could just disappear lol nobody would notice"])
    func laughterBesideCrisisWordsIsStillHeard(text: String) throws {
        let content = try Repository.loadContent()
        #expect(content.safety.classify(text) != nil)
    }
}

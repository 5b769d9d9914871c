import Foundation
import Testing
@testable import UnsentCore

/// The crisis check never crashes and stays linear on long or strange input. No timing asserts.
@Suite struct SafetyRobustnessTests {
    /// A small seeded generator so the strings are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let pieces: [String] = [
        "\u{0}", "\u{1B}[31m", "\u{1B}]0;title\u{7}", "\u{200F}", "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{FFFD}",
        "😂", "💀", "👩‍👩‍👧", "🏳️‍🌈", "é", "e\u{301}", "ß", "İ", "ﬁ", "中文", "עברית", "العربية", "\"", "“", "”", "'",
        "’", "`", ".", ",", "!", "?", ":", ";", "\n", "\r\n", "\t", " ", "  ", "…", "—", "$", "^", "*", "{", "}",
        "i", "want", "to", "die", "kill", "myself", "he", "said", "hed", "hurt", "me", "not", "lol", "kms", "cut",
        "end", "it", "all", "goodbye", "pills", "bridge", "jump", "him", "her", "never", "wake", "up",
    ]

    @Test func seededRandomStringsNeverCrash() throws {
        let rules = try SafetySupport.rules()
        var generator = Generator(state: 20_261_123)
        var found = 0
        for _ in 0..<2_000 {
            var text = ""
            let length = generator.below(40)
            for _ in 0..<length {
                switch generator.below(4) {
                case 0:
                    // Random bytes, repaired the way input is repaired before it reaches the core.
                    let bytes = (0..<generator.below(6)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                    text += String(decoding: bytes, as: UTF8.self)
                case 1:
                    text += String(UnicodeScalar(UInt8(generator.below(128))))
                default:
                    text += Self.pieces[generator.below(Self.pieces.count)] + (generator.below(2) == 0 ? " " : "")
                }
            }
            if rules.classify(text) != nil { found += 1 }
            _ = rules.explain(text)
        }
        print("random strings classified as something: \(found) of 2000")
    }

    @Test func aMebibyteOfNoiseFinishes() throws {
        let rules = try SafetySupport.rules()
        var generator = Generator(state: 7)
        var text = ""
        text.reserveCapacity(1 << 20)
        while text.utf8.count < 1 << 20 {
            text += Self.pieces[generator.below(Self.pieces.count)]
            text += generator.below(3) == 0 ? " " : ""
        }
        _ = rules.classify(text)
        let oneLongWord = String(repeating: "a", count: 1 << 20)
        #expect(rules.classify(oneLongWord) == nil)
        let noSpaces = String(repeating: "😂", count: 1 << 18)
        #expect(rules.classify(noSpaces) == nil)
    }

    @Test func aMebibyteOfCrisisWordsIsACrisis() throws {
        let rules = try SafetySupport.rules()
        let text = String(repeating: "i want to die ", count: (1 << 20) / 14)
        #expect(rules.classify(text) == .suicide)
    }

    @Test func aLongHarmlessTextWithOneCrisisLineIsFound() throws {
        let rules = try SafetySupport.rules()
        let filler = String(repeating: "we talked about the weekend and the dog and his new job. ", count: 5_000)
        #expect(rules.classify(filler) == nil)
        #expect(rules.classify(filler + "he said he'd kill me if i leave. " + filler) == .danger)
    }
}

import Foundation

/// A deterministic source of hostile input lines for the fuzz tests: random bytes decoded as UTF-8, NUL,
/// terminal escape sequences, direction overrides, emoji and combining marks, menu words in odd case, the
/// current question's own choice keys, and ordinary sentences with all of these mixed in.
struct FuzzInput {
    /// SplitMix64: small, fast and the same on every platform, so a seed replays a failure exactly.
    struct Generator: RandomNumberGenerator {
        private var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// What was generated, so a failure can say which kind of line it was.
    enum Kind: String, CaseIterable {
        case randomBytes, controlPieces, menuWord, choiceKey, sentence, mixed, empty, number
        /// A line of about 1 MiB (only from `hugeLine()`, never from `next`).
        case huge

        static let drawn: [Kind] = [.randomBytes, .controlPieces, .menuWord, .choiceKey, .sentence, .mixed, .empty, .number]
    }

    static let escapes = [
        "\u{1B}[31m", "\u{1B}[0m", "\u{1B}]0;title\u{07}", "\u{9B}2J", "\u{1B}[2J\u{1B}[H", "\u{1B}]8;;http://x\u{1B}\\",
        "\u{1B}P1$r\u{1B}\\", "\u{1B}", "\u{1B}[", "\u{1B}]0;unterminated", "\u{9D}0;c1 title\u{9C}", "\u{90}dcs",
        "\u{1B}c", "\u{1B}[?1049h", "\u{1B}[10A", "\u{9B}", "\u{85}", "\u{8D}", "\u{07}", "\u{08}\u{08}", "\r", "\t",
        "\u{7F}", "\u{0}", "\u{1B}[38;2;255;0;0m", "\u{1B}\u{1B}[31m",
    ]
    static let directionMarks = [
        "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}",
        "\u{200E}", "\u{200F}", "\u{061C}",
    ]
    static let pictures = [
        "😭", "💔", "👩‍❤️‍👨", "🏳️‍🌈", "e\u{301}", "a\u{308}\u{308}\u{308}", "Z\u{36B}\u{36F}\u{363}\u{35C}", "\u{FEFF}",
        "\u{200B}", "\u{FFFD}", "ﬁ", "İ", "ß", "ǅ", "\u{10FFFF}", "𝓘 𝓶𝓲𝓼𝓼", "ＩＭＩＳＳ", "مرحبا", "שלום",
    ]
    static let menuWords = [
        "help", "back", "menu", "quit", "exit", ":q", "sos", "yes", "no", "y", "n", "?", "skip", "done", "ok", "stop",
    ]
    static let sentences = [
        "I miss him", "I miss her so much", "I want to text her", "I keep thinking about the night we met",
        "she posted a photo", "just one more text", "I want to call him", "my friends said to block them",
        "I am so lonely tonight", "why did it end", "the keys and the money for the dog", "he texted me happy birthday",
        "can we talk about the kids", "I sent it", "I didn't send it", "I'm fine", "it was my fault",
        "I hate you", "please come back", "I'm bored", "we saw each other at work", "tomorrow I will go for a run",
        "my sister and my best friend", "about 7", "5 minutes", "yesterday", "2026-11-20", "mostly okay",
    ]

    var generator: Generator

    init(seed: UInt64) {
        generator = Generator(seed: seed)
    }

    /// The next line for a question with these choice keys.
    mutating func next(choiceKeys: [String]) -> (kind: Kind, line: String) {
        let kind = Kind.drawn.randomElement(using: &generator) ?? .empty
        switch kind {
        case .randomBytes: return (kind, randomBytes(count: Int.random(in: 0...48, using: &generator)))
        case .controlPieces: return (kind, pieces(count: Int.random(in: 1...6, using: &generator)))
        case .menuWord: return (kind, oddCase(pick(Self.menuWords)))
        case .choiceKey:
            let key = choiceKeys.isEmpty ? pick(Self.menuWords) : pick(choiceKeys)
            return (kind, decorate(oddCase(key)))
        case .sentence: return (kind, pick(Self.sentences))
        case .mixed: return (kind, mixedSentence())
        case .empty, .huge: return (.empty, pick(["", " ", "   ", "\t", "\r"]))
        case .number:
            let numbers = ["0", "1", "2", "3", "4", "5", "7", "10", "11", "-1", "99", "1e9", "٣", "½", "0x10",
                           "99999999999999999999999", "3.5", " 2 ", "two", "TEN"]
            return (kind, pick(numbers))
        }
    }

    /// A line of about 1 MiB: words with escapes and overrides every so often.
    mutating func hugeLine() -> String {
        var line = "I miss him "
        line.reserveCapacity(1 << 20)
        while line.utf8.count < 1 << 20 {
            line += pick(Self.sentences) + " " + pick(Self.escapes + Self.directionMarks) + " "
        }
        return line
    }

    private mutating func pick(_ list: [String]) -> String {
        list.randomElement(using: &generator) ?? ""
    }

    private mutating func randomBytes(count: Int) -> String {
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func pieces(count: Int) -> String {
        (0..<count).map { _ in
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: pick(Self.escapes)
            case 1: pick(Self.directionMarks)
            default: pick(Self.pictures)
            }
        }.joined()
    }

    /// A sentence with control pieces, pictures and odd bytes put between its words.
    private mutating func mixedSentence() -> String {
        var words = pick(Self.sentences).split(separator: " ").map(String.init)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let piece: String = switch Int.random(in: 0..<4, using: &generator) {
            case 0: pick(Self.escapes)
            case 1: pick(Self.directionMarks)
            case 2: pick(Self.pictures)
            default: randomBytes(count: Int.random(in: 1...6, using: &generator))
            }
            let at = Int.random(in: 0...words.count, using: &generator)
            // Half the time glued to a word, so the matcher sees it inside a token.
            if Bool.random(using: &generator), at < words.count {
                words[at] = piece + words[at]
            } else {
                words.insert(piece, at: at)
            }
        }
        return words.joined(separator: " ")
    }

    /// A word with random letter case.
    private mutating func oddCase(_ word: String) -> String {
        String(word.map { character in Bool.random(using: &generator) ? Character(character.uppercased()) : character })
    }

    /// Sometimes wraps a word in spaces, an escape or an override, as a paste might.
    private mutating func decorate(_ word: String) -> String {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: " \(word) "
        case 1: pick(Self.escapes) + word
        case 2: word + pick(Self.directionMarks)
        case 3: "\u{202E}" + word
        default: word
        }
    }
}

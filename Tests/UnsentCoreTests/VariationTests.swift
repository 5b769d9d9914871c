import Foundation
import Testing
@testable import UnsentCore

/// Variations: sequence, cycle, once and shuffle, and their positions carried across sessions.
struct VariationTests {
    static func picks(_ mode: VariationMode, count: Int, draws: Int, seed: UInt64 = 1) -> [Int?] {
        var position = VariationPosition()
        var random = SeededRandom(seed: seed)
        return (0..<draws).map { _ in position.next(mode: mode, count: count, random: &random) }
    }

    @Test func sequenceSticksAtTheLastLine() {
        #expect(Self.picks(.sequence, count: 3, draws: 6) == [0, 1, 2, 2, 2, 2])
    }

    @Test func cycleWrapsAround() {
        #expect(Self.picks(.cycle, count: 3, draws: 7) == [0, 1, 2, 0, 1, 2, 0])
    }

    @Test func onceSaysEachLineOnceThenNothing() {
        #expect(Self.picks(.once, count: 2, draws: 4) == [0, 1, nil, nil])
    }

    @Test func aSingleLineAlwaysComesBack() {
        #expect(Self.picks(.shuffle, count: 1, draws: 3) == [0, 0, 0])
        #expect(Self.picks(.cycle, count: 1, draws: 3) == [0, 0, 0])
    }

    @Test func noLinesPickNothing() {
        #expect(Self.picks(.shuffle, count: 0, draws: 2) == [nil, nil])
    }

    @Test(arguments: [2, 3, 4, 7], [UInt64(1), 2, 3, 99, 2026, 0xDEAD_BEEF])
    func shuffleUsesEveryLineBeforeAnyRepeatsAndNeverRepeatsBackToBack(count: Int, seed: UInt64) {
        let draws = Self.picks(.shuffle, count: count, draws: 500, seed: seed).compactMap { $0 }
        #expect(draws.count == 500)
        for start in stride(from: 0, to: draws.count - count + 1, by: count) {
            let round = draws[start..<(start + count)]
            #expect(Set(round) == Set(0..<count), "round at draw \(start): \(Array(round))")
        }
        for index in 1..<draws.count {
            #expect(draws[index] != draws[index - 1], "draw \(index) repeats \(draws[index])")
        }
    }

    @Test func shuffleOrdersDifferBySeed() {
        let orders = Set((1...20).map { Self.picks(.shuffle, count: 5, draws: 5, seed: UInt64($0)).compactMap { $0 } })
        #expect(orders.count > 5)
    }

    @Test func aShuffleWhoseLinesChangedStartsAFreshRound() {
        var position = VariationPosition(shown: 2, order: [4, 3], last: 1)
        var random = SeededRandom(seed: 5)
        var seen: [Int] = []
        for _ in 0..<3 { if let pick = position.next(mode: .shuffle, count: 3, random: &random) { seen.append(pick) } }
        #expect(Set(seen) == [0, 1, 2])
        #expect(seen.first != 1)
    }

    // MARK: The stored form

    @Test(arguments: [
        (VariationPosition(), "0;;"),
        (VariationPosition(shown: 3, order: [], last: 2), "3;;2"),
        (VariationPosition(shown: 7, order: [2, 0, 1], last: 1), "7;2,0,1;1"),
    ])
    func encodedRoundTrip(_ position: VariationPosition, _ text: String) {
        #expect(position.encoded == text)
        #expect(VariationPosition(encoded: text) == position)
    }

    @Test(arguments: ["", "abc", "1;2", "x;1;2", "1;2;3;4"])
    func malformedStoredPositionsAreRefused(_ text: String) {
        #expect(VariationPosition(encoded: text) == nil)
    }

    // MARK: Through the engine, across sessions

    static func script(_ mode: String) -> String {
        TestScript.lines(
            "flow main",
            "  node start",
            "    say \(mode):",
            "      - one",
            "      - two",
            "      - three",
            "    ask x as text: Again?",
            "    goto start")
    }

    /// Plays `turns` lines in one session and returns what it said plus the positions to store.
    static func session(_ mode: String, turns: Int, seed: UInt64, stored: [String: String]) throws -> (said: [String], stored: [String: String]) {
        let variations = stored.compactMapValues(VariationPosition.init(encoded:))
        #expect(variations.count == stored.count)
        var chat = try Chat(script(mode), seed: seed, variations: variations)
        for _ in 1..<turns { chat.send("ok") }
        var saved = stored
        for output in chat.history {
            if case .variation(let key, let position) = output { saved[key] = position }
        }
        let said = Chat.render(chat.history).filter { $0 != "Again?" }
        return (said, saved)
    }

    @Test(arguments: [
        ("sequence", ["one", "two"] + ["three", "three", "three"]),
        ("cycle", ["one", "two"] + ["three", "one", "two"]),
        ("once", ["one", "two"] + ["three"]),
    ])
    func aSavedPositionContinuesInTheNextSession(_ mode: String, _ lines: [String]) throws {
        let first = Array(lines.prefix(2)), second = Array(lines.dropFirst(2))
        let monday = try Self.session(mode, turns: 2, seed: 1, stored: [:])
        #expect(monday.said == first)
        #expect(monday.stored.keys.sorted() == ["main.start#1"])
        let tuesday = try Self.session(mode, turns: 3, seed: 2, stored: monday.stored)
        #expect(tuesday.said == second)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func aSavedShuffleFinishesItsRoundBeforeRepeating(_ seed: UInt64) throws {
        let monday = try Self.session("shuffle", turns: 2, seed: seed, stored: [:])
        let tuesday = try Self.session("shuffle", turns: 4, seed: seed &+ 100, stored: monday.stored)
        let all = monday.said + tuesday.said
        #expect(Set(all.prefix(3)) == ["one", "two", "three"], "\(all)")
        #expect(Set(all.suffix(3)) == ["one", "two", "three"], "\(all)")
        for index in 1..<all.count { #expect(all[index] != all[index - 1], "\(all)") }
    }

    @Test func eachVariationHasItsOwnKey() throws {
        let chat = try Chat(TestScript.lines(
            "flow main",
            "  node start",
            "    say cycle:",
            "      - a",
            "      - b",
            "    say cycle:",
            "      - c",
            "      - d",
            "    goto next",
            "  node next",
            "    say once:",
            "      - e",
            "    end"))
        let keys = chat.history.compactMap { if case .variation(let key, _) = $0 { key } else { nil } }
        #expect(keys == ["main.start#1", "main.start#2", "main.next#1"])
        #expect(chat.lines == ["a", "c", "e"])
        #expect(chat.state.variations["main.next#1"] == VariationPosition(shown: 1, order: [], last: 0))
    }

    @Test func aUsedUpOnceSaysNothingButStillMovesOn() throws {
        var chat = try Chat(Self.script("once"))
        chat.send("a")
        chat.send("b")
        #expect(chat.send("c") == ["Again?"])
        #expect(chat.state.variations["main.start#1"]?.shown == 4)
    }
}

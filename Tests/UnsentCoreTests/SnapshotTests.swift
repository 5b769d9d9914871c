import Foundation
import Testing
@testable import UnsentCore

/// Content snapshots: the binary coder on its own, and the bundled content read back from a
/// snapshot behaving exactly like the content parsed from the files.
struct SnapshotTests {
    static let parsed: Result<Content, any Error> = Result { try Repository.loadContent() }
    static let key = "test-key"
    static let bytes: Result<[UInt8], any Error> = Result { try ContentSnapshot.make(try parsed.get(), key: key) }
    static let restored: Result<Content, any Error> = Result {
        guard let content = ContentSnapshot.read(try bytes.get(), key: key, resources: try parsed.get().resources) else { throw SnapshotFailure() }
        return content
    }
    struct SnapshotFailure: Error {}

    // MARK: The coder

    struct Sample: Codable, Equatable {
        enum Kind: Codable, Equatable { case plain, counted(Int, label: String), nested([Kind]) }
        var name: String
        var number: Int
        var small: Int8
        var big: UInt64
        var ratio: Double
        var flag: Bool
        var maybe: String?
        var nothing: Int?
        var list: [Int32]
        var optionals: [String?]
        var table: [String: [Int]]
        var words: Set<String>
        var kinds: [Kind]
        var range: ClosedRange<Int>
    }

    static let sample = Sample(
        name: "ünsent ✉️", number: -123_456_789, small: -8, big: .max, ratio: -0.25, flag: true,
        maybe: "here", nothing: nil, list: [0, -1, .max, .min], optionals: ["a", nil, ""],
        table: ["b": [2, 3], "a": [], "": [1]], words: ["x", "y"],
        kinds: [.plain, .counted(7, label: "seven"), .nested([.plain, .nested([])])], range: 1...10)

    @Test func everyKindOfValueRoundTrips() throws {
        let bytes = try SnapshotEncoder().encode(Self.sample)
        #expect(try SnapshotDecoder().decode(Sample.self, from: bytes) == Self.sample)
    }

    @Test func theSameValueAlwaysGivesTheSameBytes() throws {
        #expect(try SnapshotEncoder().encode(Self.sample) == SnapshotEncoder().encode(Self.sample))
    }

    @Test func repeatedStringsAreStoredOnce() throws {
        let one = try SnapshotEncoder().encode(["a long enough string to notice"])
        let many = try SnapshotEncoder().encode(Array(repeating: "a long enough string to notice", count: 50))
        #expect(many.count < one.count + 60)
    }

    @Test func everyCutOfTheBytesFailsCleanly() throws {
        let bytes = try SnapshotEncoder().encode(Self.sample)
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self) { try SnapshotDecoder().decode(Sample.self, from: Array(bytes.prefix(length))) }
        }
    }

    @Test func bytesOfAnotherTypeAreRejected() throws {
        struct Other: Codable { var title: String; var count: Int }
        let bytes = try SnapshotEncoder().encode(Other(title: "t", count: 3))
        #expect(throws: DecodingError.self) { try SnapshotDecoder().decode(Sample.self, from: bytes) }
    }

    @Test func changedBytesNeverCrash() throws {
        let bytes = try SnapshotEncoder().encode(Self.sample)
        var random = SeededRandom(seed: 11)
        for _ in 0..<2_000 {
            var damaged = bytes
            let position = Int(random.next() % UInt64(damaged.count))
            damaged[position] = UInt8(truncatingIfNeeded: random.next())
            _ = try? SnapshotDecoder().decode(Sample.self, from: damaged)
        }
    }

    // MARK: Bundled content

    @Test func aSnapshotOfTheBundledContentReadsBack() throws {
        let parsed = try Self.parsed.get()
        let restored = try Self.restored.get()
        #expect(restored.flowOrder == parsed.flowOrder)
        #expect(Set(restored.nodes.keys) == Set(parsed.nodes.keys))
        #expect(Set(restored.ruleSets.keys) == Set(parsed.ruleSets.keys))
        #expect(restored.texts == parsed.texts)
        #expect(restored.prompts.prompts == parsed.prompts.prompts)
        #expect(restored.resources.regionCodes == parsed.resources.regionCodes)
        #expect(restored.safety.ruleCount == parsed.safety.ruleCount)
        #expect(restored.safety.statisticalModel?.featureCount == parsed.safety.statisticalModel?.featureCount)
        #expect((parsed.safety.statisticalModel?.featureCount ?? 0) > 1_000)
        #expect(restored.tone.flagCount == parsed.tone.flagCount)
        #expect(restored.tone.categoryIDs == parsed.tone.categoryIDs)
        for (name, node) in parsed.nodes { #expect(restored.nodes[name]?.code == node.code, "node \(name)") }
    }

    @Test(arguments: Repository.transcriptPaths())
    func everyTranscriptReplaysOnTheSnapshot(_ path: String) throws {
        let transcript = try Transcript.parse(path: path, text: try Repository.read(path))
        let failure = TranscriptRunner(engine: Engine(content: try Self.restored.get())).run(transcript)
        #expect(failure == nil, "\(failure?.description ?? "")")
    }

    @Test func theCrisisCheckAnswersAlikeOnEveryLabelledLine() throws {
        let parsed = try Self.parsed.get().safety
        let restored = try Self.restored.get().safety
        var compared = 0
        // The training batches include many lines only the statistical model decides.
        for name in ["labelled.tsv", "extra.tsv", "heldout.tsv", "train/batch-g.tsv", "train/batch-h.tsv"] {
            for example in try SafetySupport.examples(name) {
                #expect(restored.explain(example.text)?.rule == parsed.explain(example.text)?.rule, "\(example.text)")
                compared += 1
            }
        }
        #expect(compared > 1_000)
    }

    @Test func crisisWordSetsKeepOnlyTheChunksThatAreNotZero() throws {
        let parsed = try #require(try Self.parsed.get().safety.matcher)
        let restored = try #require(try Self.restored.get().safety.matcher)
        #expect(parsed.membershipStart.count == parsed.lexicon.count + 1)
        #expect(!parsed.membership.isEmpty && parsed.membership.allSatisfy { $0 != 0 })
        #expect(parsed.membership.count < parsed.lexicon.count * parsed.stride / 10,
                "\(parsed.membership.count) chunks kept of \(parsed.lexicon.count * parsed.stride)")
        #expect(restored.membership == parsed.membership && restored.membershipChunk == parsed.membershipChunk
                && restored.membershipStart == parsed.membershipStart && restored.stride == parsed.stride)
        // Every kept bit answers yes, its neighbours in an empty chunk no; unknown words are in no set.
        var members = 0, wrong: [String] = []
        for word in 0..<parsed.lexicon.count {
            for index in Int(parsed.membershipStart[word])..<Int(parsed.membershipStart[word + 1]) {
                for bit in 0..<64 {
                    let set = Int(parsed.membershipChunk[index]) * 64 + bit
                    let found = parsed.contains(set, Int32(word))
                    if found != (parsed.membership[index] >> UInt64(bit) & 1 == 1) { wrong.append("word \(word), set \(set)") }
                    members += found ? 1 : 0
                }
            }
            let kept = Set(parsed.membershipChunk[Int(parsed.membershipStart[word])..<Int(parsed.membershipStart[word + 1])])
            if let empty = (0..<parsed.stride).first(where: { !kept.contains(UInt16($0)) }), parsed.contains(empty * 64, Int32(word)) {
                wrong.append("word \(word), empty chunk \(empty)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(members > 1_000)
        #expect(!parsed.contains(0, -1) && !parsed.contains(0, Int32(parsed.lexicon.count)))
    }

    @Test func theToneCheckAnswersAlike() throws {
        let parsed = try Self.parsed.get()
        let restored = try Self.restored.get()
        let drafts = [
            "please please just answer me, I'm begging you", "you RUINED everything and you know it",
            "fine. have a nice life.", "can we talk about what happened? why did you leave?",
            "I'll pick up the kids at 5 on Saturday.", "if you don't answer tonight I'm done forever",
        ]
        for draft in drafts {
            for category in [nil] + parsed.tone.categoryIDs {
                #expect(restored.tone.check(draft, category: category) == parsed.tone.check(draft, category: category))
            }
        }
    }

    @Test func freeTextMatchingAnswersAlike() throws {
        let parsed = try Self.parsed.get()
        let restored = try Self.restored.get()
        let lines = ["I just want to hear his voice", "she'll think I'm pathetic", "I miss her so much", "whatever"]
        for name in parsed.ruleSets.keys {
            for line in lines { #expect(restored.match(line, in: name) == parsed.match(line, in: name)) }
        }
    }

    // MARK: Parts read on first use

    /// The trained readers' weights stay in the snapshot's bytes until a text is first read, and
    /// then rank every line exactly as the readers parsed from their files do.
    @Test func everyTrainedReaderAnswersAlikeAfterTheSnapshot() throws {
        let parsed = try Self.parsed.get()
        let bytes = try Self.bytes.get()
        let restored = try #require(ContentSnapshot.read(bytes, key: Self.key, resources: parsed.resources))
        #expect(Set(restored.readers.keys) == Set(parsed.readers.keys))
        #expect(parsed.readers.count >= 2)
        for reader in restored.readers.values { #expect(!reader.weights.isDecoded, "\(reader.name) decoded at start") }
        let lines = try SafetySupport.examples("labelled.tsv").prefix(300).map(\.text) + [
            "i just want to know why she left without a word", "he says he misses me and wants to talk", "k", "",
        ]
        for (name, original) in parsed.readers {
            let read = try #require(restored.readers[name])
            #expect(read.weights.value == original.weights.value, "\(name)")
            #expect(read.featureCount == original.featureCount && read.featureCount > 1_000)
            for line in lines {
                #expect(read.ranked(line, normalizer: restored.normalizer) == original.ranked(line, normalizer: parsed.normalizer),
                        "\(name): \(line)")
                #expect(restored.read(line, in: name).decision == parsed.read(line, in: name).decision, "\(name): \(line)")
            }
        }
    }

    /// Weights whose offsets do not add up (which a snapshot with a matching checksum never holds)
    /// read as no weights, never out of bounds.
    @Test func disorderedReaderWeightsReadAsNone() throws {
        var raw: [UInt8] = []
        for number: UInt64 in [5, 9] { withUnsafeBytes(of: number.littleEndian) { raw += $0 } }
        for number: Int32 in [0, 3, 1, 7] { withUnsafeBytes(of: number.littleEndian) { raw += $0 } }
        let weights = ReaderWeights(pending: .init(bytes: raw[...], keys: 0..<16, offsets: 16..<28, entries: 28..<32))
        #expect(weights.value == ReaderWeights.Tables())
    }

    /// `sure: always` survives the snapshot: a card marked so is not argued with after a start that
    /// read it (snapshots before version 7 dropped the mark).
    @Test func cardsMarkedSureAlwaysStaySo() throws {
        let parsed = try Self.parsed.get()
        let restored = try Self.restored.get()
        var marked = 0
        for (name, ruleSet) in parsed.ruleSets {
            let read = try #require(restored.ruleSets[name])
            #expect(read.rules.map(\.alwaysSure) == ruleSet.rules.map(\.alwaysSure), "\(name)")
            #expect(read.rules.map(\.wholeTextOnly) == ruleSet.rules.map(\.wholeTextOnly), "\(name)")
            #expect(read.rules.map(\.id) == ruleSet.rules.map(\.id) && read.order == ruleSet.order && read.ranksDecide == ruleSet.ranksDecide)
            marked += ruleSet.rules.filter(\.alwaysSure).count
        }
        #expect(marked >= 3)
        #expect(parsed.ruleSets.values.contains { $0.rules.contains(where: \.wholeTextOnly) })
    }

    /// The rest of the content, field by field, as parsed.
    @Test func everyFieldASnapshotKeepsReadsBack() throws {
        let parsed = try Self.parsed.get()
        let restored = try Self.restored.get()
        #expect(restored.flows.mapValues { $0.nodes.map(\.qualifiedName) } == parsed.flows.mapValues { $0.nodes.map(\.qualifiedName) })
        #expect(restored.flows.mapValues(\.title) == parsed.flows.mapValues(\.title))
        #expect(restored.spellings == parsed.spellings && restored.reflections == parsed.reflections)
        #expect(restored.variables.mapValues(\.defaultValue) == parsed.variables.mapValues(\.defaultValue))
        #expect(restored.events.mapValues(\.fields) == parsed.events.mapValues(\.fields))
        #expect(restored.textLocations == parsed.textLocations && restored.files == parsed.files)
        #expect(restored.compiledPatterns == parsed.compiledPatterns)
        for (name, index) in parsed.ruleIndexes {
            let read = try #require(restored.ruleIndexes[name])
            #expect(read.byWord == index.byWord && read.always == index.always && read.position == index.position, "\(name)")
        }
        #expect(try ContentSnapshot.make(restored, key: Self.key) == Self.bytes.get())
    }

    /// A part read on another thread that does not read back (here the crisis rules, replaced by
    /// a byte under a checksum that matches) is taken from the files read again.
    @Test func aPartThatDoesNotReadBackIsReadAgainFromTheFiles() throws {
        let parsed = try Self.parsed.get()
        let good = try Self.bytes.get()
        let parts = try #require(ContentSnapshot.parts(good, key: Self.key))
        // The matching tables, the crisis rules and the trained readers follow the first part.
        try #require(parts.later.count == 3)
        let later = parts.later.map { Array(good[$0.range]) }
        let damaged = ContentSnapshot.assemble(key: Self.key, first: Array(good[parts.first]), later: [later[0], [0xFF], later[2]])
        let reparse: @Sendable () -> Content? = { try? Repository.loadContent() }
        var accepted = 0
        let read = ContentSnapshot.read(damaged, key: Self.key, resources: parsed.resources, reparse: reparse, accepted: { accepted += 1 })
        let reread = try #require(read)
        #expect(accepted == 1)
        #expect(reread.safety.ruleCount == parsed.safety.ruleCount && reread.safety.ruleCount > 100)
        #expect(reread.safety.classify("i want to kill myself") == parsed.safety.classify("i want to kill myself"))
        #expect(reread.compiledPatterns == parsed.compiledPatterns)
        #expect(reread.readers.keys.sorted() == parsed.readers.keys.sorted() && !parsed.readers.isEmpty)
        #expect(ContentSnapshot.readSafety(damaged, key: Self.key) == nil)

        // A later part whose bytes no longer add up to its sum is not decoded: it is read again.
        var flipped = good
        flipped[parts.later[1].range.lowerBound + 7] ^= 0xFF
        let second = try #require(ContentSnapshot.read(flipped, key: Self.key, resources: parsed.resources, reparse: reparse))
        #expect(second.safety.ruleCount == parsed.safety.ruleCount)
        #expect(ContentSnapshot.readSafety(flipped, key: Self.key) == nil)
        // The first part is checked before anything is used.
        var broken = good
        broken[parts.first.lowerBound + 7] ^= 0xFF
        #expect(ContentSnapshot.read(broken, key: Self.key, resources: parsed.resources, reparse: reparse) == nil)
    }

    /// The crisis rules read alone (a quick log, `unsent check`) carry the same last net as a
    /// conversation's: a line only the safety reader hears gets the same answer from both.
    @Test func theCrisisRulesReadAloneCarryTheirNet() throws {
        let parsed = try Self.parsed.get()
        let alone = try #require(ContentSnapshot.readSafety(try Self.bytes.get(), key: Self.key))
        #expect(alone.readerNet != nil && parsed.safety.readerNet != nil)
        let lines = ["kmsss fr", "wanna unaliv tbh", "im so over bein alive rn", "i miss you"]
        for line in lines {
            #expect(alone.verdict(line).map { "\($0.category) \($0.unsure)" } == parsed.safety.verdict(line).map { "\($0.category) \($0.unsure)" },
                    "\(line)")
        }
        // At least one of them is heard by the net alone, so the comparison says something.
        #expect(lines.contains { parsed.safety.evaluate($0)?.rule.hasPrefix("reader") == true })
    }

    @Test func anotherKeyOrDamagedBytesGiveNoContent() throws {
        let bytes = try Self.bytes.get()
        var accepted = false
        #expect(ContentSnapshot.read(bytes, key: "another-key", resources: ResourceDirectory(), accepted: { accepted = true }) == nil)
        #expect(!accepted, "content under another key was taken as known good")
        #expect(ContentSnapshot.read(Array(bytes.dropLast()), key: Self.key, resources: ResourceDirectory()) == nil)
        #expect(ContentSnapshot.read(Array("not a snapshot".utf8), key: Self.key, resources: ResourceDirectory()) == nil)
        #expect(ContentSnapshot.read([], key: Self.key, resources: ResourceDirectory()) == nil)
        // Lengths that would overflow when added up are refused, not trapped on.
        let huge = ContentSnapshot.header + Array("1 4 9223372036854775807 9223372036854775807 1 1 1 1 1\nkey!".utf8)
        #expect(ContentSnapshot.read(huge, key: "key!", resources: ResourceDirectory()) == nil)
        var damaged = bytes
        damaged[damaged.count / 2] ^= 0xFF
        damaged[damaged.count / 3] ^= 0xFF
        // Either it is caught, or the damage fell in a place that still reads as content.
        if let content = ContentSnapshot.read(damaged, key: Self.key, resources: ResourceDirectory()) { #expect(!content.flows.isEmpty) }
    }

    /// A snapshot under one key cannot be passed off under another: the checksum covers the key.
    @Test func theChecksumCoversTheKey() throws {
        let content = try Self.parsed.get()
        let bytes = try ContentSnapshot.make(content, key: "key-one")
        let start = try #require(bytes.firstRange(of: Array("key-one".utf8)))
        var renamed = bytes
        renamed.replaceSubrange(start, with: Array("key-two".utf8))
        #expect(ContentSnapshot.read(renamed, key: "key-two", resources: content.resources) == nil)
        #expect(ContentSnapshot.readSafety(renamed, key: "key-two") == nil)
        #expect(ContentSnapshot.read(bytes, key: "key-one", resources: content.resources) != nil)
    }

    /// The help lines are never in a snapshot: the reader hands them in from their file.
    @Test func aSnapshotHoldsNoHelpLines() throws {
        let content = try Self.parsed.get()
        let bytes = try Self.bytes.get()
        let us = try #require(content.resources.region("us"))
        let calls = us.entries.compactMap(\.call)
        #expect(!calls.isEmpty)
        for call in calls where call.count >= 7 {
            #expect(bytes.firstRange(of: Array(call.utf8)) == nil, "the snapshot holds \(call)")
        }
        #expect(try Self.restored.get().resources.region("us")?.entries.count == us.entries.count)
    }

    @Test func fingerprintsFollowEveryByteAndBoundary() {
        #expect(ContentSnapshot.fingerprint(["ab", "c"]) != ContentSnapshot.fingerprint(["a", "bc"]))
        #expect(ContentSnapshot.fingerprint(["a"]) != ContentSnapshot.fingerprint(["b"]))
        #expect(ContentSnapshot.fingerprint(["same"]) == ContentSnapshot.fingerprint(["same"]))
        #expect(ContentSnapshot.fingerprint([]).count == 16)
    }
}

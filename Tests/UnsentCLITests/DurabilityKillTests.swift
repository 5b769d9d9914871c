import Foundation
import Testing

/// `kill -9` at random moments of a long piped session: whatever was printed was stored first, every line
/// whose answer was printed is stored, and the store stays sound (and usable) afterwards.
@Suite("Durability: kill -9 mid-session", .serialized)
struct DurabilityKillTests {
    /// Batches of trials, each with its own seed; 6 × 10 = 60 kills per run.
    static let batchSeeds: [UInt64] = [1, 2, 3, 4, 5, 6]
    static let trialsPerBatch = 10
    /// Lines offered to each session: far more than it can read before the kill.
    static let linesPerTrial = 3_000

    @Test(arguments: batchSeeds)
    func printedMeansStoredAfterKill(batch: UInt64) throws {
        let bench = try DurabilityBench()
        defer { bench.remove() }
        // One store for the whole batch: each trial also starts on a store the last kill left behind.
        let store = bench.sandbox.file("kill-\(batch).sqlite")
        var random = SplitMix(seed: batch)
        var killedWithOutput = 0

        for trial in 0..<Self.trialsPerBatch {
            let tag = "b\(batch)t\(trial)"
            let fed = DurabilityBench.lines(tag: tag, count: Self.linesPerTrial)
            let (chunks, pauses) = Self.chunked(fed, random: &random)
            let sessionsBefore = Set(try Self.sessionIDs(store))
            // A quarter of the kills land anywhere from the launch (opening, migrating the new file, the
            // first steps); the rest at a random moment once the conversation is under way.
            let early = random.next() % 4 == 0
            let delay = early ? random.next() % 400_000 : random.next() % 500_000

            let child = try DurabilityChild(
                arguments: bench.arguments(store: store), environment: bench.sandbox.environment(),
                chunks: chunks, pauses: pauses)
            defer { child.stop() }
            if !early {
                try #require(child.waitForFirstOutput(timeout: 20), "\(tag): no output within 20 s")
            }
            usleep(UInt32(delay))
            let outcome = child.killAndCollect()
            let context = "\(tag) (killed \(delay / 1000) ms after \(early ? "launch" : "the first output"))"

            #expect(outcome.killed, "\(context): the session ended by itself (status \(outcome.status)): \(outcome.errors)")
            #expect(outcome.errors.isEmpty, "\(context): stderr: \(outcome.errors)")
            guard FileManager.default.fileExists(atPath: store) else {
                #expect(outcome.stdout.isEmpty, "\(context): output was printed but there is no store")
                continue
            }
            #expect(try DurabilityBench.integrity(of: store) == ["ok"], "\(context)")
            let newSessions = try Self.sessionIDs(store).filter { !sessionsBefore.contains($0) }
            #expect(newSessions.count <= 1, "\(context): sessions \(newSessions)")
            guard let session = newSessions.first else {
                #expect(outcome.stdout.isEmpty, "\(context): output was printed but no session was stored")
                continue
            }
            let turns = try DurabilityBench.turns(session: session, in: store)
            DurabilityBench.expectPrintedIsStored(stdout: outcome.output, turns: turns, fed: fed, context: context)
            if outcome.stdout.count > 0 { killedWithOutput += 1 }
        }

        // Most kills must hit a conversation under way, or this test would prove little.
        #expect(killedWithOutput >= Self.trialsPerBatch / 2, "only \(killedWithOutput) kills came after some output")
        // The store the kills left behind still takes a whole new session.
        let fed = DurabilityBench.lines(tag: "after-b\(batch)", count: 5)
        let after = try BinaryRun.run(
            bench.arguments(store: store), stdin: Data((fed.joined(separator: "\n") + "\n").utf8),
            environment: bench.sandbox.environment(), timeout: 240)
        #expect(after.status == 0, "stderr: \(after.errors)")
        let last = try #require(try Self.sessionIDs(store).last)
        #expect(try DurabilityBench.turns(session: last, in: store).filter { $0.speaker == "person" }.map(\.text) == fed)
        #expect(try DurabilityBench.integrity(of: store) == ["ok"])
    }

    /// Cuts the input into chunks of 1 to 40 lines (sometimes splitting a line in two), with pauses of
    /// up to 3 ms between them, so the child reads lines at odd boundaries.
    static func chunked(_ lines: [String], random: inout SplitMix) -> (chunks: [Data], pauses: [UInt32]) {
        var chunks: [Data] = []
        var pauses: [UInt32] = []
        var index = 0
        while index < lines.count {
            let count = Int(random.next() % 40) + 1
            var bytes = Data(lines[index..<min(lines.count, index + count)].map { $0 + "\n" }.joined().utf8)
            index += count
            if random.next() % 5 == 0, bytes.count > 2 {
                let cut = Int(random.next() % UInt64(bytes.count - 1)) + 1
                chunks.append(bytes.prefix(cut))
                pauses.append(UInt32(random.next() % 3_000))
                bytes = bytes.dropFirst(cut)
            }
            chunks.append(bytes)
            pauses.append(UInt32(random.next() % 3_000))
        }
        return (chunks, pauses)
    }

    static func sessionIDs(_ store: String) throws -> [String] {
        // A kill while the new file was being made can leave it without tables yet.
        guard FileManager.default.fileExists(atPath: store),
              try !StoreQuery.rows("SELECT name FROM sqlite_master WHERE name = 'session'", in: store).isEmpty
        else { return [] }
        return try StoreQuery.sessions(in: store).map(\.id)
    }
}

/// SplitMix64, for seeded choices that are the same on every platform.
struct SplitMix {
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

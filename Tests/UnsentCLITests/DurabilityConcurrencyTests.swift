import Foundation
import Testing

/// Several unsent processes writing one store at the same time wait for each other: none fails, none
/// reports the store locked, and every line of every session is kept, in order.
@Suite("Durability: four writers on one store")
struct DurabilityConcurrencyTests {
    static let writers = 4
    static let linesPerWriter = 300

    @Test func fourSessionsStartedTogetherAllKeepEveryLine() throws {
        let bench = try DurabilityBench()
        defer { bench.remove() }
        let store = bench.sandbox.file("shared.sqlite")
        let fed = (0..<Self.writers).map { DurabilityBench.lines(tag: "w\($0)", count: Self.linesPerWriter) }
        let results = Results(count: Self.writers)

        // Started together on a store that does not exist yet: they also race to create and migrate it.
        DispatchQueue.concurrentPerform(iterations: Self.writers) { writer in
            results.set(writer, Result {
                try BinaryRun.run(
                    bench.arguments(store: store), stdin: Data((fed[writer].joined(separator: "\n") + "\n").utf8),
                    environment: bench.sandbox.environment(), timeout: 240)
            })
        }

        for writer in 0..<Self.writers {
            let run = try results.get(writer)
            #expect(!run.timedOut, "writer \(writer) timed out")
            #expect(run.status == 0, "writer \(writer) exited \(run.status): \(run.errors)")
            #expect(!run.errors.lowercased().contains("locked"), "writer \(writer): \(run.errors)")
            #expect(run.errors.isEmpty, "writer \(writer): \(run.errors)")
        }
        let sessions = try StoreQuery.sessions(in: store)
        #expect(sessions.count == Self.writers)
        var seen = Set<Int>()
        for session in sessions {
            let turns = try DurabilityBench.turns(session: session.id, in: store)
            let person = turns.filter { $0.speaker == "person" }.map(\.text)
            // Which writer this session was: its first line's tag.
            guard let writer = fed.firstIndex(where: { $0.first == person.first }) else {
                Issue.record("session \(session.id) starts with \(person.first ?? "nothing"), which no writer sent")
                continue
            }
            seen.insert(writer)
            #expect(person.count == Self.linesPerWriter, "writer \(writer) stored \(person.count) lines")
            #expect(person == fed[writer], "writer \(writer)'s lines are not stored as sent, in order")
            #expect(session.ending == "eof", "writer \(writer)'s session ended as \(session.ending ?? "nothing")")
            // Its printed output is exactly its own stored bot lines.
            let run = try results.get(writer)
            #expect(run.lines == DurabilityBench.printedLines(ofBotTurns: turns), "writer \(writer)'s output differs from its stored bot turns")
        }
        #expect(seen == Set(0..<Self.writers))
        #expect(try StoreQuery.column("SELECT count(*) FROM turn WHERE speaker = 'person'", in: store)
            == ["\(Self.writers * Self.linesPerWriter)"])
        #expect(try DurabilityBench.integrity(of: store) == ["ok"])
    }
}

/// Results gathered from concurrent runs.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<BinaryRun, any Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<BinaryRun, any Error>) {
        lock.withLock { values[index] = value }
    }

    func get(_ index: Int) throws -> BinaryRun {
        guard let value = lock.withLock({ values[index] }) else {
            throw StoreQuery.Failure(description: "run \(index) did not finish")
        }
        return try value.get()
    }
}

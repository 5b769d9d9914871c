import Foundation
import Testing

/// Input far longer than a person types: a draft of thousands of lines, a line of megabytes.
@Suite("Long input")
struct LongInputTests {
    /// The golden urge conversation's input, with `draft` (bytes, lines and all) as its whole draft.
    static func urgeInput(draft: Data) throws -> Data {
        let typed = try GoldenTranscript("urge-seed-1.transcript").personLines
        let draftStart = try #require(typed.firstIndex(of: "I miss you"))
        var input = Data(typed[..<draftStart].map { $0 + "\n" }.joined().utf8)
        input.append(draft)
        input.append(Data("\n".utf8))
        input.append(Data(typed[(draftStart + 2)...].map { $0 + "\n" }.joined().utf8))
        return input
    }

    /// A draft of many lines is kept whole, line for line. (That adding a line does not copy the
    /// lines before it is AnswerTests.aLongMultiLineAnswerGrowsInPlace; the time is in Scripts/bench.)
    @Test func aDraftOfThousandsOfLinesIsKeptWhole() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let lines = (1...3_000).map { "line \($0) of what I would have sent" }
        let input = try Self.urgeInput(draft: Data(lines.joined(separator: "\n").utf8))
        let run = try BinaryRun.run(["urge", "--store", sandbox.store, "--seed", "1"], stdin: input,
                                    environment: sandbox.environment(), timeout: 300)
        #expect(!run.timedOut)
        #expect(run.status == 0, "stderr: \(run.errors)")
        let stored = try StoreQuery.column("SELECT text FROM draft", in: sandbox.store)
        #expect(stored.count == 1)
        #expect(stored.first.flatMap { $0 } == lines.joined(separator: "\n"))
    }

    /// A line over the 4 MiB limit is cut, and the person is told so.
    @Test func aLineOverFourMebibytesIsCutAndThePersonIsTold() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = try Self.urgeInput(draft: Data(repeating: UInt8(ascii: "a"), count: 10_000_000))
        let run = try BinaryRun.run(["urge", "--store", sandbox.store, "--seed", "1"], stdin: input,
                                    environment: sandbox.environment(), timeout: 120)
        #expect(run.status == 0, "stderr: \(run.errors.prefix(500))")
        #expect(run.errors.contains("a line of more than 4 MiB was cut to its first 4 MiB"), "stderr: \(run.errors.prefix(500))")
        let length = try StoreQuery.column("SELECT length(text) FROM draft", in: sandbox.store)
        #expect(length == ["\(4 << 20)"])
    }
}

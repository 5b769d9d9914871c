import Foundation
import Testing

/// `--durable` and `UNSENT_DURABLE=1` make every step wait for the disk (issue 17, item 14): counted as the
/// fsync/fdatasync calls a piped urge of 40 lines makes, through strace.
@Suite("Durable option", .enabled(if: StoreQuery.findTool("strace") != nil, "needs strace on PATH"))
struct DurableOptionTests {
    static let lines = 40

    /// The disk flushes one urge session makes on a store that already exists.
    static func flushes(_ sandbox: Sandbox, _ extraArguments: [String], _ extraEnvironment: [String: String] = [:]) throws -> Int {
        let input = "7\n1\n\n" + (1...lines).map { "line \($0) of a long message" }.joined(separator: "\n") + "\n\nno\n\nno\n3\n\n1\n"
        let trace = sandbox.file("trace-\(UUID().uuidString)")
        let run = try BinaryRun.run(
            ["-f", "-e", "trace=fsync,fdatasync", "-o", trace, try UnsentBinary.require(), "urge", "--seed", "1", "--store", sandbox.store]
                + extraArguments,
            stdin: Data(input.utf8), environment: sandbox.environment(extraEnvironment),
            executable: StoreQuery.findTool("strace"))
        try #require(run.status == 0, "stderr: \(run.errors)")
        let text = try String(contentsOfFile: trace, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.contains("sync(") && $0.contains("= 0") }.count
    }

    @Test func aDurableSessionFlushesAtEveryStepAndAnOrdinaryOneDoesNot() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let created = try BinaryRun.run(["history", "--store", sandbox.store], environment: sandbox.environment())
        try #require(created.status == 0, "stderr: \(created.errors)")

        let ordinary = try Self.flushes(sandbox, [])
        let flag = try Self.flushes(sandbox, ["--durable"])
        let environment = try Self.flushes(sandbox, [], ["UNSENT_DURABLE": "1"])

        // NORMAL flushes at checkpoints only; FULL flushes the log at each of the 40-odd commits.
        #expect(ordinary < 10, "ordinary: \(ordinary)")
        #expect(flag >= Self.lines, "--durable: \(flag), ordinary: \(ordinary)")
        #expect(environment >= Self.lines, "UNSENT_DURABLE=1: \(environment), ordinary: \(ordinary)")
    }
}

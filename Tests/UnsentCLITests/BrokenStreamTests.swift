import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Standard input or output that cannot be used — closed, a full disk, a folder, a reader gone
/// with SIGPIPE ignored — ends a conversation with a message and exit status 74, never a crash,
/// and what was committed before stays in the store.
@Suite("Broken standard streams")
struct BrokenStreamTests {
    static let urgeInput = Data("7\nI miss you\nso much\n\n3\n1\n".utf8)

    /// Runs `unsent ARGUMENTS` through `/bin/sh -c`, so the shell can set up the streams
    /// (`redirections`) and signals (`prefix`) before it becomes unsent.
    static func run(_ arguments: [String], redirections: String, prefix: String = "", stdin: Data? = nil,
                    sandbox: Sandbox) throws -> BinaryRun {
        let binary = try UnsentBinary.require()
        return try BinaryRun.run(["-c", "\(prefix) exec \"$0\" \"$@\" \(redirections)", binary] + arguments, stdin: stdin,
                                 environment: sandbox.environment(), executable: "/bin/sh", timeout: 120)
    }

    static func expectCleanFailure(_ run: BinaryRun, saying stream: String, sandbox: Sandbox) throws {
        #expect(!run.timedOut)
        #expect(run.status == 74, "status \(run.status), stderr: \(run.errors)")
        #expect(run.errors.contains("unsent: standard \(stream) can't be"), "stderr: \(run.errors)")
        #expect(!run.errors.contains("rash") && !run.errors.contains("acktrac") && !run.errors.contains("Fatal error"),
                "stderr: \(run.errors)")
        // The opening of the conversation was committed before it was shown, and it stays.
        let session = try #require(try StoreQuery.sessions(in: sandbox.store).only)
        #expect(session.ending == "terminal-failed")
        let turns = try StoreQuery.column("SELECT count(*) FROM turn", in: sandbox.store)
        #expect((Int(turns.first.flatMap { $0 } ?? "") ?? 0) >= 1, "turns: \(turns)")
    }

    @Test func closedStandardOutput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try Self.run(["urge", "--store", sandbox.store, "--seed", "1"], redirections: ">&-", stdin: Self.urgeInput, sandbox: sandbox)
        try Self.expectCleanFailure(run, saying: "output", sandbox: sandbox)
    }

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "there is no /dev/full here"))
    func standardOutputOnAFullDisk() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try Self.run(["urge", "--store", sandbox.store, "--seed", "1"], redirections: ">/dev/full", stdin: Self.urgeInput,
                               sandbox: sandbox)
        try Self.expectCleanFailure(run, saying: "output", sandbox: sandbox)
        #expect(run.errors.contains("No space left on device"), "stderr: \(run.errors)")
    }

    @Test func standardInputIsAFolder() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try Self.run(["urge", "--store", sandbox.store, "--seed", "1"], redirections: "<\"$HOME\"", sandbox: sandbox)
        try Self.expectCleanFailure(run, saying: "input", sandbox: sandbox)
        #expect(run.errors.contains("Is a directory"), "stderr: \(run.errors)")
        // What was shown before the failed read reached standard output.
        #expect(run.output.contains("?"), "stdout: \(run.output)")
    }

    @Test func closedStandardInput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try Self.run(["urge", "--store", sandbox.store, "--seed", "1"], redirections: "<&-", sandbox: sandbox)
        try Self.expectCleanFailure(run, saying: "input", sandbox: sandbox)
    }

    /// With SIGPIPE ignored, a write to a pipe nobody reads fails with EPIPE instead of ending the program.
    @Test func aReaderThatIsGoneWithSIGPIPEIgnored() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let binary = try UnsentBinary.require()
        // `true` reads nothing and exits at once; unsent starts after it and writes to a pipe with no reader.
        let script = """
            trap '' PIPE
            { sleep 0.5; "$0" "$@"; echo $? > "$STATUS_FILE"; } | true
            exit $(cat "$STATUS_FILE")
            """
        let run = try BinaryRun.run(["-c", script, binary, "urge", "--store", sandbox.store, "--seed", "1"], stdin: Self.urgeInput,
                                    environment: sandbox.environment(["STATUS_FILE": sandbox.file("status")]),
                                    executable: "/bin/sh", timeout: 120)
        try Self.expectCleanFailure(run, saying: "output", sandbox: sandbox)
        #expect(run.errors.contains("Broken pipe"), "stderr: \(run.errors)")
    }

    /// A command that only prints (no conversation) reports a full disk too, instead of exit 0.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "there is no /dev/full here"))
    func aPrintingCommandOnAFullDisk() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try Self.run(["check", "I will pick up the kids at 5 on Saturday."], redirections: ">/dev/full", sandbox: sandbox)
        #expect(run.status == 74, "status \(run.status), stderr: \(run.errors)")
        #expect(run.errors.contains("standard output can't be written"), "stderr: \(run.errors)")
    }
}

import Foundation
import Testing

/// The binary runs from anywhere (its content is embedded), and keeps its store private.
@Suite("Where and how it runs")
struct EnvironmentTests {
    @Test func runsFromTheRootFolderByAbsolutePath() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let golden = try GoldenTranscript("urge-seed-1.transcript")

        let conversation = try BinaryRun.run(
            ["urge", "--store", sandbox.store, "--seed", "1"], stdin: golden.input, environment: sandbox.environment(),
            currentDirectory: "/")
        let check = try BinaryRun.run(["content", "check"], environment: sandbox.environment(), currentDirectory: "/")

        #expect(conversation.status == 0, "stderr: \(conversation.errors)")
        try Golden.expect(conversation.lines, matchesLines: golden.botLines, name: golden.name)
        #expect(check.status == 0, "output: \(check.output)")
    }

    @Test func aCopyOfTheBinaryAloneStillWorks() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let golden = try GoldenTranscript("urge-seed-1.transcript")
        let folder = sandbox.file("bin")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = folder + "/unsent"
        try FileManager.default.copyItem(atPath: try UnsentBinary.require(), toPath: copy)

        let conversation = try BinaryRun.run(
            ["urge", "--store", sandbox.store, "--seed", "1"], stdin: golden.input, environment: sandbox.environment(),
            executable: copy, currentDirectory: folder)
        let check = try BinaryRun.run(["content", "check"], environment: sandbox.environment(), executable: copy,
                                      currentDirectory: folder)
        let transcripts = try BinaryRun.run(["content", "test"], environment: sandbox.environment(), executable: copy,
                                            currentDirectory: folder, timeout: 240)

        #expect(conversation.status == 0, "stderr: \(conversation.errors)")
        try Golden.expect(conversation.lines, matchesLines: golden.botLines, name: golden.name)
        #expect(check.status == 0, "output: \(check.output)")
        // The transcripts travel inside the binary too.
        #expect(transcripts.lines.contains { $0.hasPrefix("ok ") }, "output: \(transcripts.output)")
        // Nothing was written beside the binary.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["unsent"])
    }

    @Test func theDefaultStoreIsPrivateEvenUnderALooseUmask() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let run = try BinaryRun.run(
            ["urge", "--seed", "1"], stdin: Data("7\nquit\n".utf8), environment: sandbox.environment(), umask: "022")

        #expect(run.status == 0, "stderr: \(run.errors)")
        let folder = sandbox.defaultStoreFolder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.contains("unsent.sqlite"), "files: \(files)")
        #expect(FileMode.of(folder) == 0o700)
        for file in files {
            #expect(FileMode.of(folder + "/" + file) == 0o600, "\(file) is \(String(FileMode.of(folder + "/" + file) ?? 0, radix: 8))")
        }
        // And the session really went there.
        #expect(try StoreQuery.sessions(in: folder + "/unsent.sqlite").only?.ending == "quit")
    }

    @Test func unsentStoreVariableIsHonouredAndTheHomeStoreLeftAlone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = sandbox.file("elsewhere/mine.sqlite")

        let run = try BinaryRun.run(
            ["urge", "--seed", "1"], stdin: Data("7\nquit\n".utf8), environment: sandbox.environment(["UNSENT_STORE": path]))

        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(try StoreQuery.sessions(in: path).only?.ending == "quit")
        #expect(!FileManager.default.fileExists(atPath: sandbox.defaultStoreFolder))
    }

    @Test func aStorePathThatIsAFolderExitsThree() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.file("a-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let run = try BinaryRun.run(["urge", "--store", folder], stdin: Data("7\n".utf8), environment: sandbox.environment())

        #expect(run.status == 3)
        #expect(run.errors.contains(folder), "stderr: \(run.errors)")
        #expect(run.output.isEmpty, "No conversation starts without a store: \(run.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aStoreFileOfGarbageExitsThreeAndIsLeftUntouched() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = sandbox.file("garbage.sqlite")
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = UInt8(ascii: "X")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o644) == 0)

        let run = try BinaryRun.run(["urge", "--store", path], stdin: Data("7\n".utf8), environment: sandbox.environment())

        #expect(run.status == 3)
        #expect(run.errors.contains(path), "stderr: \(run.errors)")
        #expect(run.output.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
        #expect(FileMode.of(path) == 0o644)
        // Nothing appears beside the store (the content snapshot lives in the cache folder).
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path).sorted() == ["garbage.sqlite", "xdg-cache"])
    }
}

/// File permission bits.
enum FileMode {
    static func of(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }
}

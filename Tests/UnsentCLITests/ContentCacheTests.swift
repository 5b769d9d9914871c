import Foundation
import Testing

/// The content snapshot kept in the cache folder: private, made of scripts only, and never
/// trusted when it is damaged or made from other content.
@Suite("Content cache")
struct ContentCacheTests {
    static let urgeInput = Data("7\nI miss you so much, Jonah\n\n3\n1\n".utf8)

    static func snapshots(_ sandbox: Sandbox) -> [String] {
        let folder = sandbox.file("xdg-cache/unsent")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".snapshot") }
    }

    /// The urge flow with its own store, so the variations already seen in another run do not differ.
    static func urge(_ sandbox: Sandbox, store: String) throws -> BinaryRun {
        try BinaryRun.run(["urge", "--seed", "4", "--store", sandbox.file(store)], stdin: urgeInput, environment: sandbox.environment())
    }

    @Test func aSessionLeavesOnePrivateSnapshotWithoutAnythingTyped() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["urge", "--seed", "1"], stdin: Self.urgeInput, environment: sandbox.environment(), umask: "000")
        #expect(run.status == 0, "stderr: \(run.errors)")
        let folder = sandbox.file("xdg-cache/unsent")
        #expect(FileMode.of(folder) == 0o700)
        let names = Self.snapshots(sandbox)
        try #require(names.count == 1, "files: \(names)")
        #expect(FileMode.of(folder + "/" + names[0]) == 0o600)
        let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + names[0]))
        #expect(bytes.range(of: Data("Jonah".utf8)) == nil, "the snapshot holds what the person typed")
        #expect(bytes.range(of: Data("urge".utf8)) != nil, "the snapshot should hold the scripts")
    }

    @Test func aSecondRunReadsTheSnapshotAndSaysTheSame() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try Self.urge(sandbox, store: "a.sqlite")
        let name = try #require(Self.snapshots(sandbox).first)
        let path = sandbox.file("xdg-cache/unsent/" + name)
        let written = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let second = try Self.urge(sandbox, store: "b.sqlite")
        #expect(first.status == 0 && second.status == 0)
        #expect(first.output == second.output)
        // Read, not rewritten.
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == written)
        #expect(Self.snapshots(sandbox) == [name])
    }

    @Test func aDamagedSnapshotIsIgnoredAndReplaced() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try Self.urge(sandbox, store: "a.sqlite")
        let name = try #require(Self.snapshots(sandbox).first)
        let path = sandbox.file("xdg-cache/unsent/" + name)
        var bytes = try #require(FileManager.default.contents(atPath: path))
        for position in stride(from: bytes.count / 3, to: bytes.count, by: 997) { bytes[position] ^= 0x5A }
        try bytes.write(to: URL(fileURLWithPath: path))
        let second = try Self.urge(sandbox, store: "b.sqlite")
        #expect(second.status == 0, "stderr: \(second.errors)")
        #expect(second.output == first.output)
        #expect(FileManager.default.contents(atPath: path) != bytes, "the damaged snapshot was not replaced")
    }

    @Test func changedContentGetsItsOwnSnapshotAndTheOldOneGoes() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try BinaryRun.run(["urge", "--seed", "4"], stdin: Self.urgeInput, environment: sandbox.environment())
        let before = Self.snapshots(sandbox)
        // A file in the person's own content folder changes the content.
        let overlay = sandbox.file("xdg-config/unsent/content/common")
        try FileManager.default.createDirectory(atPath: overlay, withIntermediateDirectories: true)
        try "# an extra file that adds nothing\n".write(toFile: overlay + "/extra.texts", atomically: true, encoding: .utf8)
        let run = try BinaryRun.run(["urge", "--seed", "4"], stdin: Self.urgeInput, environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        let after = Self.snapshots(sandbox)
        #expect(after.count == 1 && after != before, "before: \(before), after: \(after)")
    }

    @Test func theCacheCanBeTurnedOff() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["urge", "--seed", "4"], stdin: Self.urgeInput,
                                    environment: sandbox.environment(["UNSENT_CONTENT_CACHE": "off"]))
        #expect(run.status == 0)
        #expect(Self.snapshots(sandbox).isEmpty)
    }

    @Test func anUnwritableCacheFolderChangesNothingForThePerson() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // The cache home is a file, so no folder can be made in it.
        try "".write(toFile: sandbox.file("xdg-cache"), atomically: true, encoding: .utf8)
        let run = try BinaryRun.run(["urge", "--seed", "4"], stdin: Self.urgeInput, environment: sandbox.environment())
        #expect(run.status == 0)
        #expect(run.errors.isEmpty, "stderr: \(run.errors)")
    }
}

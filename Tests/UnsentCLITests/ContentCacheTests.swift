import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

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

    // MARK: Other users of the computer

    static func inode(_ path: String) -> ino_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_ino : nil
    }

    static func owner(_ path: String) -> uid_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_uid : nil
    }

    /// The cache home did not exist: unsent makes it, and under umask 000 it must not be a folder
    /// every user may write to (another user could then swap in a folder of their own).
    @Test func everyFolderTheCacheMakesIs0700WhateverTheUmask() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(!FileManager.default.fileExists(atPath: sandbox.file("xdg-cache")))
        let run = try BinaryRun.run(["urge", "--seed", "1"], stdin: Self.urgeInput, environment: sandbox.environment(), umask: "000")
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(FileMode.of(sandbox.file("xdg-cache")) == 0o700)
        #expect(FileMode.of(sandbox.file("xdg-cache/unsent")) == 0o700)
    }

    /// A folder of the person's that others may write to holds nothing to trust: its snapshot is
    /// not read, and the folder is closed to others when the new one is written.
    @Test func aCacheFolderOthersCanWriteToIsNotTrusted() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try Self.urge(sandbox, store: "a.sqlite")
        let name = try #require(Self.snapshots(sandbox).first)
        let folder = sandbox.file("xdg-cache/unsent")
        let before = Self.inode(folder + "/" + name)
        #expect(chmod(folder, 0o777) == 0)
        let run = try Self.urge(sandbox, store: "b.sqlite")
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(Self.inode(folder + "/" + name) != before, "the snapshot in a folder anyone could write to was used")
        #expect(FileMode.of(folder) == 0o700)
    }

    /// A snapshot that is not the person's own (here, as root, given to another user) is not read.
    @Test(.enabled(if: geteuid() == 0, "giving a file to another user needs root"))
    func aSnapshotOwnedByAnotherUserIsNotRead() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try Self.urge(sandbox, store: "a.sqlite")
        let name = try #require(Self.snapshots(sandbox).first)
        let path = sandbox.file("xdg-cache/unsent/" + name)
        #expect(chown(path, 65_534, 65_534) == 0)
        let second = try Self.urge(sandbox, store: "b.sqlite")
        #expect(second.status == 0, "stderr: \(second.errors)")
        #expect(second.output == first.output)
        #expect(Self.owner(path) == geteuid(), "the other user's snapshot was read instead of replaced")
    }

    /// A pipe planted under the snapshot's name must not make the start wait for a writer.
    @Test func aPipeInPlaceOfTheSnapshotDoesNotHangTheStart() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try Self.urge(sandbox, store: "a.sqlite")
        let name = try #require(Self.snapshots(sandbox).first)
        let path = sandbox.file("xdg-cache/unsent/" + name)
        #expect(unlink(path) == 0 && mkfifo(path, 0o600) == 0)
        let second = try BinaryRun.run(["urge", "--seed", "4", "--store", sandbox.file("b.sqlite")], stdin: Self.urgeInput,
                                       environment: sandbox.environment(), timeout: 120)
        #expect(!second.timedOut, "the start waited on the pipe")
        #expect(second.status == 0, "stderr: \(second.errors)")
        #expect(second.output == first.output)
    }

    /// The help lines are read from their file at every start: a snapshot has none to change.
    @Test func theSnapshotHoldsNoHelpLines() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["sos", "--store", sandbox.store, "--region", "us"], stdin: Data(), environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.output.contains("1-800-799-7233"), "the US abuse line is not shown: \(run.output)")
        let name = try #require(Self.snapshots(sandbox).first)
        let bytes = try #require(FileManager.default.contents(atPath: sandbox.file("xdg-cache/unsent/" + name)))
        #expect(bytes.range(of: Data("1-800-799-7233".utf8)) == nil, "the snapshot holds the help lines")
        let again = try BinaryRun.run(["sos", "--store", sandbox.store, "--region", "us"], stdin: Data(), environment: sandbox.environment())
        #expect(again.output == run.output)
    }
}

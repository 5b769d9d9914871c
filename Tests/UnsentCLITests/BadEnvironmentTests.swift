import Foundation
import Testing

/// When the store or the content can't be used, unsent says which file and what to do on stderr, exits
/// with the documented status (2 for content, 3 for the store), starts no conversation, and leaves what
/// is there byte for byte as it was.
@Suite("Bad environments")
struct BadEnvironmentTests {
    static let input = Data("7\nI miss you\nso much\n\n3\n1\n".utf8)

    // MARK: The store

    @Test func aStoreWithGarbageOverItsMiddlePagesIsReportedDamagedAndLeftAlone() throws {
        let bench = try DurabilityBench()
        defer { bench.remove() }
        let store = bench.sandbox.file("data/unsent.sqlite")
        // A real store of many pages, written by unsent, closed and checkpointed (so everything is in the main file).
        let lines = DurabilityBench.lines(tag: "fill", count: 400)
        let made = try BinaryRun.run(bench.arguments(store: store), stdin: Data((lines.joined(separator: "\n") + "\n").utf8),
                                     environment: bench.sandbox.environment(), timeout: 240)
        try #require(made.status == 0, "stderr: \(made.errors)")
        try BadEnvironment.checkpoint(store)
        try #require(BadEnvironment.bytes(store + "-wal").map(\.isEmpty) ?? true, "the store was not checkpointed")
        var bytes = try #require(BadEnvironment.bytes(store))
        let pageSize = 4096, pages = bytes.count / pageSize
        try #require(pages >= 8, "the store has only \(pages) pages")
        var random = SplitMix(seed: 42)
        for offset in (pages / 2 * pageSize)..<((pages / 2 + 2) * pageSize) {
            bytes[offset] = UInt8(truncatingIfNeeded: random.next())
        }
        try bytes.write(to: URL(fileURLWithPath: store))
        let before = try BadEnvironment.snapshot(bench.sandbox.file("data"))

        let run = try BinaryRun.run(["urge", "--store", store], stdin: Self.input, environment: bench.sandbox.environment())

        #expect(run.status == 3)
        #expect(run.output.isEmpty, "a conversation started on a damaged store: \(run.output)")
        #expect(run.errors.contains(store), "stderr: \(run.errors)")
        #expect(run.errors.contains("damaged"), "stderr: \(run.errors)")
        #expect(run.errors.contains("Move it aside"), "stderr: \(run.errors)")
        #expect(BadEnvironment.bytes(store) == bytes, "the damaged store was changed")
        let after = try BadEnvironment.snapshot(bench.sandbox.file("data"))
        #expect(after.keys.filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") }.sorted() == before.keys.sorted(),
                "files appeared next to the store: \(after.keys.sorted())")
        #expect(after["unsent.sqlite-wal"].map(\.isEmpty) ?? true, "something was written to the WAL")
    }

    @Test func aStorePathThatIsAFolderIsReportedAndTheFolderLeftAlone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.file("store-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/keep.txt"))
        let before = try BadEnvironment.snapshot(folder)

        let run = try BinaryRun.run(["urge", "--store", folder], stdin: Self.input, environment: sandbox.environment())

        #expect(run.status == 3)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains(folder), "stderr: \(run.errors)")
        #expect(run.errors.contains("is a directory"), "stderr: \(run.errors)")
        #expect(run.errors.contains("--store"), "stderr: \(run.errors)")
        #expect(try BadEnvironment.snapshot(folder) == before)
    }

    /// As root only `chattr +i` makes a file unwritable; without it the case cannot be made here.
    @Test(.enabled(if: BadEnvironment.canMakeImmutable, "chattr +i is unavailable or does not stop writes here"))
    func aReadOnlyStoreIsReportedAndLeftAlone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let store = sandbox.file("data/unsent.sqlite")
        try BadEnvironment.makeStore(store, sandbox: sandbox)
        let before = try #require(BadEnvironment.bytes(store))
        let sessionsBefore = try StoreQuery.sessions(in: store).count
        try #require(BadEnvironment.setImmutable(store, true))
        defer { _ = BadEnvironment.setImmutable(store, false) }

        let run = try BinaryRun.run(["urge", "--store", store], stdin: Self.input, environment: sandbox.environment())

        #expect(run.status == 3)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains(store), "stderr: \(run.errors)")
        #expect(run.errors.contains("cannot be written"), "stderr: \(run.errors)")
        #expect(run.errors.contains("permissions"), "stderr: \(run.errors)")
        #expect(BadEnvironment.bytes(store) == before)
        #expect(try StoreQuery.sessions(in: store).count == sessionsBefore)
    }

    /// A store that was fine, on a disk that has since filled up: a session can't begin. Either the store
    /// was closed cleanly (no -shm left, so SQLite must create one on the full disk), or another reader left
    /// its -wal and -shm behind (so the first write is what fails).
    @Test(.enabled(if: BadEnvironment.canMountTmpfs, "mounting a tmpfs is not permitted here"), arguments: [false, true])
    func aFullDiskAtStartIsReportedAndTheStoreKept(companionsLeft: Bool) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let mountPoint = sandbox.file("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let disk = try #require(TinyDisk(at: mountPoint, size: "1m"))
        defer { disk.unmount() }
        let store = mountPoint + "/unsent.sqlite"
        try BadEnvironment.makeStore(store, sandbox: sandbox)
        let before = try #require(BadEnvironment.bytes(store))
        let sessionsBefore = try StoreQuery.sessions(in: store).count
        // Reading with the sqlite3 tool left an empty -wal and a -shm; a store checkpointed on close has neither.
        if !companionsLeft {
            try #require(BadEnvironment.bytes(store + "-wal")?.isEmpty ?? true)
            for companion in [store + "-wal", store + "-shm"] { try? FileManager.default.removeItem(atPath: companion) }
        }
        try #require(BadEnvironment.fill(mountPoint) > 0)

        let run = try BinaryRun.run(["urge", "--store", store, "--seed", "1"], stdin: Self.input, environment: sandbox.environment())

        #expect(run.status == 3)
        #expect(run.errors.contains(store), "stderr: \(run.errors)")
        #expect(run.errors.contains("disk is full"), "stderr: \(run.errors)")
        #expect(run.errors.contains("Free some space"), "stderr: \(run.errors)")
        #expect(!run.errors.contains("not an error"), "stderr: \(run.errors)")
        #expect(BadEnvironment.bytes(store) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).filter { $0.contains(".backup-") }.isEmpty)
        // With space again, everything is there and the store opens.
        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        #expect(try StoreQuery.column("PRAGMA integrity_check", in: store) == ["ok"])
        #expect(try StoreQuery.sessions(in: store).count == sessionsBefore)
        let again = try BinaryRun.run(["urge", "--store", store, "--seed", "1"], stdin: Self.input, environment: sandbox.environment())
        #expect(again.status == 0, "stderr: \(again.errors)")
    }

    /// A store from an older unsent, on a full disk: the copy made before migrating can't be written. The
    /// message must say the disk is full, and no half-made copy may be left next to the store.
    @Test(.enabled(if: BadEnvironment.canMountTmpfs, "mounting a tmpfs is not permitted here"))
    func aFullDiskWhenAnOldStoreNeedsItsBackupIsReportedAndLeavesNoCopy() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let mountPoint = sandbox.file("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let disk = try #require(TinyDisk(at: mountPoint, size: "1m"))
        defer { disk.unmount() }
        let store = mountPoint + "/unsent.sqlite"
        try FileManager.default.copyItem(
            atPath: UnsentBinary.repositoryRoot + "/Tests/UnsentStoreTests/Fixtures/v1-store.sqlite", toPath: store)
        let before = try #require(BadEnvironment.bytes(store))
        // Reading it once leaves a -shm, so opening gets as far as the copy before migrating.
        let sessionsBefore = try StoreQuery.sessions(in: store).count
        try #require(BadEnvironment.fill(mountPoint) > 0)

        let run = try BinaryRun.run(["urge", "--store", store, "--seed", "1"], stdin: Self.input, environment: sandbox.environment())

        #expect(run.status == 3)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains(store), "stderr: \(run.errors)")
        #expect(run.errors.contains("disk is full"), "stderr: \(run.errors)")
        #expect(!run.errors.contains("not an error"), "stderr: \(run.errors)")
        #expect(BadEnvironment.bytes(store) == before)
        let copies = try FileManager.default.contentsOfDirectory(atPath: mountPoint).filter { $0.contains(".backup-") }
        #expect(copies.isEmpty, "a half-made backup was left behind: \(copies)")
        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        #expect(try StoreQuery.sessions(in: store).count == sessionsBefore)
    }

    /// The disk fills while a conversation runs: it stops with the disk-full message, and everything it
    /// printed before was stored.
    @Test(.enabled(if: BadEnvironment.canMountTmpfs, "mounting a tmpfs is not permitted here"))
    func aDiskThatFillsMidSessionStopsItCleanly() throws {
        let bench = try DurabilityBench()
        defer { bench.remove() }
        let mountPoint = bench.sandbox.file("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        // Roomy enough that the session cannot fill it by itself before the filler does (its WAL is
        // checkpointed at about 4 MB).
        let disk = try #require(TinyDisk(at: mountPoint, size: "16m"))
        defer { disk.unmount() }
        let store = mountPoint + "/unsent.sqlite"
        let fed = DurabilityBench.lines(tag: "full", count: 4_000)
        var random = SplitMix(seed: 7)
        let (chunks, pauses) = DurabilityKillTests.chunked(fed, random: &random)

        let child = try DurabilityChild(
            arguments: bench.arguments(store: store), environment: bench.sandbox.environment(), chunks: chunks, pauses: pauses)
        defer { child.stop() }
        try #require(child.waitForFirstOutput(timeout: 20))
        usleep(200_000)
        try #require(BadEnvironment.fill(mountPoint) > 0)
        let outcome = child.collect(timeout: 30)

        #expect(!outcome.killed, "the session did not stop by itself")
        #expect(outcome.status == 3, "status \(outcome.status), stderr: \(outcome.errors)")
        #expect(outcome.errors.contains(store), "stderr: \(outcome.errors)")
        #expect(outcome.errors.contains("disk is full"), "stderr: \(outcome.errors)")
        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        #expect(try DurabilityBench.integrity(of: store) == ["ok"])
        let session = try #require(try StoreQuery.sessions(in: store).last)
        let turns = try DurabilityBench.turns(session: session.id, in: store)
        #expect(turns.filter { $0.speaker == "person" }.count < fed.count, "the disk never filled")
        DurabilityBench.expectPrintedIsStored(stdout: outcome.output, turns: turns, fed: fed, context: "disk full")
    }

    // MARK: Where the store goes

    @Test func noHomeAndNoDataFolderSaysToSetHomeOrPassStore() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.file("cwd")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var environment = sandbox.environment()
        for name in ["HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "UNSENT_STORE"] {
            environment[name] = nil
        }

        let run = try BinaryRun.run(["urge"], stdin: Self.input, environment: environment, currentDirectory: folder)

        #expect(run.status == 3)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("HOME"), "stderr: \(run.errors)")
        #expect(run.errors.contains("--store"), "stderr: \(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "something was written in the working folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path).sorted() == ["cwd"])
    }

    // MARK: The content

    @Test func aQuickNoteIsKeptWhenTheContentIsBrokenAndTheErrorComesAfterIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let content = sandbox.file("content")
        try FileManager.default.copyItem(atPath: UnsentBinary.contentFolder, toPath: content)
        try "flow broken\n  node start\n    frobnicate the thing\n"
            .write(toFile: content + "/flows/broken.flow", atomically: true, encoding: .utf8)
        let store = sandbox.file("data/unsent.sqlite")

        // The crisis rules load on another thread while the note is saved; their error is reported after.
        let run = try BinaryRun.run(["log", "note", "a walk by the river", "--content", content, "--store", store],
                                    stdin: Data(), environment: sandbox.environment())

        #expect(run.status == 2)
        #expect(run.output.hasPrefix("Note logged for "), "stdout: \(run.output)")
        #expect(run.errors.contains("\(content)/flows/broken.flow:3:5: error:"), "stderr: \(run.errors)")
        #expect(try StoreQuery.column("SELECT json_extract(fields, '$.text') FROM event WHERE kind = 'note'", in: store)
            == ["a walk by the river"])
    }

    @Test func aContentFolderWithABrokenFileExitsTwoAndPointsAtTheLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let content = sandbox.file("content")
        try FileManager.default.copyItem(atPath: UnsentBinary.contentFolder, toPath: content)
        try "flow broken\n  node start\n    say: Hello.\n    frobnicate the thing\n"
            .write(toFile: content + "/flows/broken.flow", atomically: true, encoding: .utf8)
        let store = sandbox.file("data/unsent.sqlite")
        try BadEnvironment.makeStore(store, sandbox: sandbox)
        let before = try BadEnvironment.snapshot(sandbox.file("data"))

        let run = try BinaryRun.run(["urge", "--content", content, "--store", store], stdin: Self.input,
                                    environment: sandbox.environment())

        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("\(content)/flows/broken.flow:4:5: error:"), "stderr: \(run.errors)")
        #expect(run.errors.contains("frobnicate"), "stderr: \(run.errors)")
        #expect(run.errors.contains("content check"), "stderr: \(run.errors)")
        #expect(try BadEnvironment.snapshot(sandbox.file("data")) == before, "the store was touched")
    }
}

import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("A damaged write-ahead log is reported, not replayed short")
struct WriteAheadLogTests {
    /// A store whose committed steps are still in its `-wal`, as `kill -9` leaves it: the files are copied
    /// while the writing connection is open. Returns the copy's path.
    static func storeWithSteps(_ count: Int, in directory: TemporaryDirectory) throws -> String {
        let livePath = directory.file("live/unsent.sqlite")
        let store = try Store(path: livePath)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: 1)
        for index in 0..<count {
            try store.commit(sessionId: session, at: TestDates.at(Double(index)), items: [
                .turn(speaker: .person, node: "n", text: "line \(index) " + String(repeating: "x", count: 300)),
            ], lastDraftID: nil)
        }
        let path = directory.file("unsent.sqlite")
        try withExtendedLifetime(store) {
            #expect(FileInfo.exists(livePath + "-wal"))
            try FileManager.default.copyItem(atPath: livePath, toPath: path)
            try FileManager.default.copyItem(atPath: livePath + "-wal", toPath: path + "-wal")
        }
        return path
    }

    /// A byte in the page of the middle one of the frames the log holds now. Frames left from before the
    /// log last started over carry other salts and are never read, so damage there is no damage (the
    /// middle of the file can be such a frame: schema v9's migration wrote enough pages for a checkpoint).
    static func middleOfLiveFrames(_ log: [UInt8]) -> Int {
        let pageSize = (Int(log[8]) << 24) | (Int(log[9]) << 16) | (Int(log[10]) << 8) | Int(log[11])
        let frameSize = 24 + pageSize
        let salts = Array(log[16..<24])
        var live = 0
        while 32 + (live + 1) * frameSize <= log.count, Array(log[(32 + live * frameSize + 8)..<(32 + live * frameSize + 16)]) == salts {
            live += 1
        }
        #expect(live >= 3, "the log should hold a step after the damaged one")
        return 32 + (live / 2) * frameSize + 24 + pageSize / 2
    }

    static func overwrite(_ path: String, at offset: Int, with bytes: [UInt8]) throws {
        var data = try FileInfo.bytes(path)
        data.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        try data.write(to: URL(fileURLWithPath: path))
    }

    static func turnCount(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM turn") ?? 0 }
    }

    @Test func aSoundLogOpensWithEveryStep() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.storeWithSteps(50, in: directory)

        let store = try Store(path: path)

        #expect(try store.turns(sessionId: 1).count == 50)
    }

    /// The attack of issue 17: eight bytes at offset 156 (inside the first frame's page). SQLite would
    /// replay nothing and delete the log; the store must refuse, keep a copy, and leave both files as they were.
    @Test func aLogDamagedInItsFirstFrameIsRefusedAndCopied() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.storeWithSteps(50, in: directory)
        try Self.overwrite(path + "-wal", at: 156, with: [0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF])
        let log = try FileInfo.bytes(path + "-wal")
        let main = try FileInfo.bytes(path)

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .damagedLog)
        #expect(error?.description.contains("\(path)-wal") == true)
        #expect(error?.description.contains("frame 1 at byte 32 fails its checksum") == true)
        #expect(error?.description.contains("a copy of it is at \(path)-wal.damaged") == true)
        #expect(try FileInfo.bytes(path + "-wal") == log)
        #expect(try FileInfo.bytes(path) == main)
        #expect(try FileInfo.bytes(path + "-wal.damaged") == log)
        #expect(FileInfo.mode(path + "-wal.damaged") == 0o600)

        // A second try says the same and makes no second copy.
        #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(!FileInfo.exists(path + "-wal.damaged-2"))

        // What the message says to do works: without the log, the store opens with what came before.
        try FileManager.default.moveItem(atPath: path + "-wal", toPath: directory.file("aside-wal"))
        _ = try Store(path: path)
    }

    @Test func aLogDamagedInTheMiddleIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.storeWithSteps(50, in: directory)
        try Self.overwrite(path + "-wal", at: Self.middleOfLiveFrames([UInt8](try FileInfo.bytes(path + "-wal"))),
                           with: [1, 2, 3, 4, 5, 6, 7, 8])

        let error = #expect(throws: StoreError.self) { try Store(path: path) }

        #expect(error?.kind == .damagedLog)
        #expect(FileInfo.exists(path + "-wal"))
    }

    /// A transaction cut off at the end of the log is what a crash leaves: SQLite drops only that, rightly.
    /// A start reads the log only as far as its current frames: a kept log is mostly frames of older
    /// generations, which `damage()` never looks at. What it finds is what reading the whole file finds.
    @Test func onlyTheCurrentFramesAreReadAndTheyTellTheSame() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.storeWithSteps(20, in: directory)
        var log = try FileInfo.bytes(path + "-wal")
        let pageSize = (Int(log[8]) << 24) | (Int(log[9]) << 16) | (Int(log[10]) << 8) | Int(log[11])
        // Frames of an older generation after the current ones, as a log cut back to 1 MB holds.
        log.append(Data(repeating: 0x5A, count: 6 * (24 + pageSize)))
        try log.write(to: URL(fileURLWithPath: path + "-wal"))
        let sound = try #require(WriteAheadLog.current(atPath: path + "-wal"))
        #expect(sound.bytes.count < log.count)
        #expect(sound.damage() == nil)

        try Self.overwrite(path + "-wal", at: Self.middleOfLiveFrames([UInt8](log)), with: [0xFF, 0x00, 0xFF, 0x00])
        let damaged = try #require(WriteAheadLog.current(atPath: path + "-wal"))
        let whole = WriteAheadLog(bytes: [UInt8](try FileInfo.bytes(path + "-wal")))
        #expect(damaged.bytes.count < log.count)
        #expect(damaged.damage() != nil)
        #expect(damaged.damage() == whole.damage())
        #expect(WriteAheadLog.current(atPath: directory.file("none-wal")) == nil)
    }

    @Test func aLogCutOffInItsLastFrameOpens() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.storeWithSteps(20, in: directory)
        let size = try FileInfo.bytes(path + "-wal").count
        try Self.overwrite(path + "-wal", at: size - 100, with: [1, 2, 3, 4, 5, 6, 7, 8])

        let store = try Store(path: path)

        #expect(try store.turns(sessionId: 1).count == 19)
    }
}

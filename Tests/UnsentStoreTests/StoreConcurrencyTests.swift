import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Store shared by several processes")
struct StoreConcurrencyTests {
    @Test func aWriterBlockedPastTheTimeoutGetsLockedThenSucceedsOnceFree() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let store = try Store(path: path, busyTimeout: 0.3)
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: nil)

        var holderConfiguration = Configuration()
        holderConfiguration.busyMode = .immediateError
        let holder = try DatabaseQueue(path: path, configuration: holderConfiguration)
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let holderErrors = ErrorLog()
        Thread {
            do {
                try holder.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN EXCLUSIVE TRANSACTION")
                    locked.signal()
                    release.wait()
                    try db.execute(sql: "ROLLBACK")
                }
            } catch {
                holderErrors.append("\(error)")
                locked.signal()
            }
            finished.signal()
        }.start()
        locked.wait()

        let started = Date()
        let error = #expect(throws: StoreError.self) {
            try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .bot, node: nil, text: "blocked")
        }
        let waited = Date().timeIntervalSince(started)
        // Opening another store while the lock is held still works: WAL readers are not blocked.
        let secondStore = Result { try Store(path: path, busyTimeout: 0.3) }

        release.signal()
        finished.wait()

        #expect(holderErrors.all.isEmpty)
        #expect(error?.kind == .locked)
        #expect(error?.path == path)
        #expect(error?.description.contains("is in use by another program") == true)
        #expect(waited >= 0.25)
        #expect(waited < 4)
        #expect(throws: Never.self) { try secondStore.get() }
        try store.appendTurn(sessionId: session, at: TestDates.at(2), speaker: .bot, node: nil, text: "free")
        #expect(try store.turns(sessionId: session).map(\.text) == ["free"])
    }

    @Test func fourWritersOnFourConnectionsLoseNoTurns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let session = try Store(path: path).beginSession(flow: "urge", at: TestDates.at(0), seed: nil)
        let writers = 4
        let turnsPerWriter = 200

        let errors = ConcurrentThreads.run(writers) { writer in
            let store = try Store(path: path)
            for index in 0..<turnsPerWriter {
                try store.appendTurn(
                    sessionId: session, at: TestDates.at(Double(index)), speaker: writer.isMultiple(of: 2) ? .bot : .person,
                    node: "writer-\(writer)", text: "\(writer)/\(index)")
            }
        }

        #expect(errors == [])
        let turns = try Store(path: path).turns(sessionId: session)
        #expect(turns.count == writers * turnsPerWriter)
        #expect(turns.map(\.sequence) == Array(1...Int64(writers * turnsPerWriter)))
        for writer in 0..<writers {
            let texts = turns.filter { $0.node == "writer-\(writer)" }.map(\.text)
            // Each writer's turns are all there, in the order it wrote them.
            #expect(texts == (0..<turnsPerWriter).map { "\(writer)/\($0)" })
        }
    }

    @Test func fourProcessesCreatingTheSameNewStoreAtOnceAllSucceed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("new/unsent.sqlite")
        let ids = IdLog()

        let errors = ConcurrentThreads.run(4) { writer in
            let store = try Store(path: path)
            ids.append(try store.beginSession(flow: "flow-\(writer)", at: TestDates.at(Double(writer)), seed: nil))
        }

        #expect(errors == [])
        let store = try Store(path: path)
        #expect(Set(ids.all).count == 4)
        #expect(Set(try store.sessions(limit: 10).map(\.flow)) == ["flow-0", "flow-1", "flow-2", "flow-3"])
        #expect(try store.writer.read(StoreSchema.migrator.appliedMigrations) == StoreSchema.migrator.migrations)
    }
}

/// A lock-protected list of ids.
private final class IdLog: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [Int64] = []

    func append(_ id: Int64) {
        lock.withLock { ids.append(id) }
    }

    var all: [Int64] {
        lock.withLock { ids }
    }
}

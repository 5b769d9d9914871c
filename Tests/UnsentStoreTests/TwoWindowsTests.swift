import Foundation
import GRDB
import Testing
@testable import UnsentStore

/// Two terminals on one store: what one does must not make the other fail or lose a line.
@Suite("Two windows on one store")
struct TwoWindowsTests {
    /// `forget` in one window while a conversation runs in another: the conversation's next step is kept
    /// (its session begun again under its number), not refused with "FOREIGN KEY constraint failed".
    @Test(arguments: [Store.ForgetScope.everything, .journal])
    func aConversationKeepsItsNextLineAfterForgetInAnotherWindow(scope: Store.ForgetScope) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("unsent.sqlite")
        let conversation = try Store(path: path)
        let session = try conversation.beginSession(flow: "reflect", at: TestDates.at(0), seed: 1)
        try conversation.commit(sessionId: session, at: TestDates.at(1), items: [
            .turn(speaker: .bot, node: "mood", text: "How are you?"),
        ], lastDraftID: nil)
        try conversation.recordEvent(sessionId: session, at: TestDates.at(1), kind: "note", fields: ["text": "hard day"])

        _ = try Store(path: path).forget(scope)
        try conversation.commit(sessionId: session, at: TestDates.at(2), items: [
            .turn(speaker: .person, node: "mood", text: "better now"),
            .turn(speaker: .bot, node: "end", text: "Good."),
        ], lastDraftID: nil, flow: "reflect")

        #expect(try conversation.turns(sessionId: session).map(\.text).suffix(2) == ["better now", "Good."])
        #expect(try conversation.sessions(limit: 5).map(\.flow) == ["reflect"])
        #expect(try conversation.integrityCheck() == "ok")
    }

    /// `import` into a new store while another window logs into it: the import's emptiness check and its rows
    /// are one transaction, so it either loads everything or says the store is no longer empty — never
    /// "UNIQUE constraint failed: event.id".
    @Test func anImportRacingAnotherWindowsLogSaysTheStoreIsNoLongerEmpty() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try Store.inMemory()
        try source.recordEvent(sessionId: nil, at: TestDates.at(0), kind: "note", fields: ["text": "from the export"])
        var exported = ""
        try source.writeJSONExport { exported += $0 }
        let path = directory.file("unsent.sqlite")
        let target = try Store(path: path)
        let other = try DatabaseQueue(path: path)
        defer { try? other.close() }

        // The other window is in the middle of writing its note when the import starts.
        let writing = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? other.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        INSERT INTO event (at, kind, fields) VALUES ('2026-01-01 10:00:00.000', 'note', '{"text":"logged"}')
                        """)
                    writing.signal()
                    Thread.sleep(forTimeInterval: 1)
                    return .commit
                }
            }
            done.signal()
        }
        writing.wait()

        let problem = #expect(throws: ImportProblem.self) { try target.importJSON(Data(exported.utf8), file: "export.json") }
        done.wait()

        #expect(problem?.problem.contains("is no longer empty") == true, "\(String(describing: problem))")
        #expect(try target.events(kind: "note").map(\.fields) == [["text": "logged"]])
    }
}

import Foundation
import GRDB
import Testing
@testable import UnsentStore

@Suite("Export and import")
struct ExportTests {
    /// One of everything, with awkward text: quotes, commas, line breaks, a tab, an escape, emoji, and NUL in JSON.
    private func fill(_ store: Store) throws {
        try store.setSetting("plan_start", "2023-11-01")
        try store.setSetting("plan_statement", "I want \"peace\", finally")
        let session = try store.beginSession(flow: "urge", at: TestDates.at(0), seed: UInt64.max)
        try store.appendTurn(sessionId: session, at: TestDates.at(1), speaker: .bot, node: "start", text: "How strong?")
        try store.appendTurn(sessionId: session, at: TestDates.at(1.5), speaker: .person, node: nil, text: "line one\nline, two\t\u{1B}[31m 💔")
        try store.endSession(session, at: TestDates.at(90), ending: "finished")
        try store.beginSession(flow: "reflect", at: TestDates.at(100), seed: 0x9E37_79B9_7F4A_7C15)
        try store.recordEvent(sessionId: session, at: TestDates.at(2), kind: "urge-ended", fields: ["before": "7", "note": "a/b \u{0} \"q\""])
        try store.recordEvent(sessionId: nil, at: TestDates.at(3), kind: "note", fields: ["text": "closure"])
        let draft = try store.saveDraft(sessionId: session, at: TestDates.at(4), text: "unsent, \"really\"", sealedUntil: TestDates.at(9_000))
        let gone = try store.saveDraft(sessionId: nil, at: TestDates.at(5), text: "gone", sealedUntil: nil)
        try store.deleteDraft(gone, at: TestDates.at(6))
        _ = draft
        try store.saveVariationStates(["greeting": "2:0,1"])
        try store.appendHistory("i miss you", at: TestDates.at(7))
    }

    private func json(_ store: Store) throws -> String {
        var text = ""
        try store.writeJSONExport { text += $0 }
        return text
    }

    @Test func importingAnExportIntoAnEmptyStoreGivesTheSameExport() throws {
        let source = try Store.inMemory()
        try fill(source)
        let exported = try json(source)

        let target = try Store.inMemory()
        let rows = try target.importJSON(Data(exported.utf8), file: "export.json")

        #expect(rows == 12)
        let again = try json(target)
        #expect(again == exported)
        // The imported conversation lines are indexed by the import itself, before any search.
        #expect(try target.writer.read { db in try Int64.fetchOne(db, sql: "SELECT indexedThrough FROM turn_search_progress") } == 2)
        #expect(try target.search(["closure"]).count == 1)
        #expect(try target.search(["line", "two"]).count == 1)
        #expect(try target.drafts(includeDeleted: true) == source.drafts(includeDeleted: true))
        #expect(try target.events(kind: nil) == source.events(kind: nil))
    }

    @Test func theJSONIsVersionedWithAListPerTable() throws {
        let store = try Store.inMemory()
        try fill(store)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json(store).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["format", "version", "settings", "sessions", "turns", "events", "drafts", "variations", "history"])
        #expect(object["format"] as? String == "unsent-export")
        #expect(object["version"] as? Int == 1)
        let session = try #require((object["sessions"] as? [[String: Any]])?.first)
        #expect(Set(session.keys) == ["id", "startedAt", "endedAt", "flow", "ending", "seed"])
        #expect(session["startedAt"] as? String == "2023-11-14T22:13:20.000Z")
        #expect((session["seed"] as? NSNumber)?.int64Value == -1)
        let event = try #require((object["events"] as? [[String: Any]])?.first)
        #expect((event["fields"] as? [String: String])?["before"] == "7")
    }

    @Test func anEmptyStoreExportsEmptyLists() throws {
        let text = try json(Store.inMemory())
        #expect(text == """
            {"format":"unsent-export","version":1,
            "settings":[],
            "sessions":[],
            "turns":[],
            "events":[],
            "drafts":[],
            "variations":[],
            "history":[]
            }

            """)
    }

    @Test func importRefusesAStoreThatHoldsAnything() throws {
        let source = try Store.inMemory()
        try fill(source)
        let target = try Store.inMemory()
        try target.setSetting("region", "nz")
        let problem = #expect(throws: ImportProblem.self) { try target.importJSON(Data(json(source).utf8), file: "x.json") }
        #expect(problem?.description.contains("is not empty") == true)
        #expect(try target.sessions(limit: 5).isEmpty)
    }

    @Test(arguments: [
        ("[]", "it is not a JSON object"),
        ("{", "it is not valid JSON"),
        ("{\"format\":\"other\"}", "it is not an unsent export"),
        ("{\"format\":\"unsent-export\",\"version\":2}", "its version is 2"),
        ("{\"format\":\"unsent-export\",\"version\":1}", "the list \"settings\" is missing"),
        ("{\"format\":\"unsent-export\",\"version\":1,\"settings\":[],\"sessions\":[{\"id\":1,\"flow\":\"urge\",\"startedAt\":\"yesterday\"}]}",
         "sessions[0].startedAt is not a time"),
        ("{\"format\":\"unsent-export\",\"version\":1,\"settings\":[],\"sessions\":[{\"id\":1.5,\"flow\":\"urge\",\"startedAt\":\"2024-01-01T00:00:00.000Z\"}]}",
         "sessions[0].id is not a whole number"),
    ])
    func aBadFileIsRefusedWithTheReasonAndNothingImported(input: String, reason: String) throws {
        let store = try Store.inMemory()
        let problem = #expect(throws: ImportProblem.self) { try store.importJSON(Data(input.utf8), file: "bad.json") }
        #expect(problem?.description.contains(reason) == true, "\(problem?.description ?? "")")
        #expect(try store.isEmpty())
    }

    @Test func aRowTheStoreRefusesRollsTheWholeImportBack() throws {
        let input = """
            {"format":"unsent-export","version":1,"settings":[{"key":"a","value":"b"}],
            "sessions":[],"turns":[{"id":1,"sessionId":99,"sequence":1,"at":"2024-01-01T00:00:00.000Z","speaker":"bot","node":null,"text":"x"}],
            "events":[],"drafts":[],"variations":[],"history":[]}
            """
        let store = try Store.inMemory()
        #expect(throws: ImportProblem.self) { try store.importJSON(Data(input.utf8), file: "orphan.json") }
        #expect(try store.isEmpty())
    }

    @Test func theCSVHasATableColumnAndQuotesWhatNeedsIt() throws {
        let store = try Store.inMemory()
        try fill(store)
        var text = ""
        try store.writeCSVExport { text += $0 }
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "table,key,value,id,startedAt,endedAt,flow,ending,seed,sessionId,sequence,at,speaker,node,text,kind,fields,createdAt,sealedUntil,deletedAt,state,line")
        #expect(lines[1] == "setting,plan_start,2023-11-01,,,,,,,,,,,,,,,,,,,")
        #expect(lines[2] == "setting,plan_statement,\"I want \"\"peace\"\", finally\",,,,,,,,,,,,,,,,,,,")
        // The escape character is written as \u001b: a CSV shown on a terminal must not act on it.
        #expect(text.contains("turn,,,2,,,,,,1,2,2023-11-14T22:13:21.500Z,person,,\"line one\nline, two\t\\u001b[31m 💔\",,,,,,,"))
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(lines.filter { $0.hasPrefix("draft,") }.count == 2)
    }
}

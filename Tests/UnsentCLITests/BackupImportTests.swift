import Foundation
import Testing

/// `unsent backup` and `unsent import`: a private, whole copy that is never written over unasked, and
/// imports that merge a backup, jrnl's JSON export or a text file once, or change nothing at all.
@Suite("Backup and import")
struct BackupImportTests {
    private func run(_ arguments: [String], _ sandbox: Sandbox, store: String? = nil, in folder: String? = nil) throws -> BinaryRun {
        try BinaryRun.run(arguments + ["--store", store ?? sandbox.store], stdin: Data(), environment: sandbox.environment(), currentDirectory: folder)
    }

    private func count(_ sql: String, _ store: String) throws -> String? {
        try StoreQuery.column(sql, in: store).first ?? nil
    }

    /// A store with a conversation, a draft, a note and a plan.
    private func filled(_ sandbox: Sandbox) throws {
        let urge = try BinaryRun.run(["urge", "--seed", "1", "--store", sandbox.store],
                                     stdin: Data("7\n1\n\nI miss you so much\n\nno\n\nno\n3\n1\n".utf8), environment: sandbox.environment())
        try #require(urge.status == 0, "\(urge.errors)")
        for arguments in [["log", "note", "went for a walk"], ["plan", "set", "start", "yesterday"]] {
            try #require(try run(arguments, sandbox).status == 0)
        }
    }

    @Test func aBackupIsPrivateDatedAndNeverWrittenOverUnasked() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try filled(sandbox)
        let name = "unsent-backup-\(PersonDay.today()).sqlite"

        let made = try run(["backup"], sandbox, in: sandbox.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: sandbox.file(name)))
        #expect(try run(["log", "mood", "4"], sandbox).status == 0)
        let refused = try run(["backup"], sandbox, in: sandbox.path)
        let after = try Data(contentsOf: URL(fileURLWithPath: sandbox.file(name)))
        let forced = try run(["backup", "--force"], sandbox, in: sandbox.path)

        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.hasPrefix("Backed up to \(name) ("))
        #expect(ShellHookTests.mode(sandbox.file(name)) == 0o600)
        #expect(refused.status == 64)
        #expect(refused.errors.contains("\(name) already exists. Name another file, or add --force to replace it."))
        #expect(before == after)
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(ShellHookTests.mode(sandbox.file(name)) == 0o600)
        // The backup is a store of its own, with everything, the mood logged last included.
        #expect(try count("SELECT COUNT(*) FROM event WHERE kind = 'mood'", sandbox.file(name)) == "1")
        #expect(try count("SELECT COUNT(*) FROM turn", sandbox.file(name)) == count("SELECT COUNT(*) FROM turn", sandbox.store))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path).filter { $0.contains("partial") }.isEmpty)
    }

    @Test func aBackupIntoAFolderTakesTheDatedName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try filled(sandbox)
        try FileManager.default.createDirectory(atPath: sandbox.file("safe"), withIntermediateDirectories: true)

        let made = try run(["backup", sandbox.file("safe")], sandbox)
        let nowhere = try run(["backup", sandbox.file("no-such-folder/b.sqlite")], sandbox)

        #expect(made.status == 0, "\(made.errors)")
        #expect(FileManager.default.fileExists(atPath: sandbox.file("safe/unsent-backup-\(PersonDay.today()).sqlite")))
        #expect(nowhere.status == 1)
        #expect(nowhere.errors.contains("could not be written (No such file or directory)"), "\(nowhere.errors)")
    }

    @Test func importingABackupTwiceMergesItOnce() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try filled(sandbox)
        #expect(try run(["backup", sandbox.file("b.sqlite")], sandbox).status == 0)
        let other = sandbox.file("other.sqlite")
        #expect(try run(["log", "mood", "3"], sandbox, store: other).status == 0)

        let first = try run(["import", sandbox.file("b.sqlite")], sandbox, store: other)
        let second = try run(["import", sandbox.file("b.sqlite")], sandbox, store: other)

        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.hasPrefix("Imported from \(sandbox.file("b.sqlite")): 1 conversation, "), "\(first.output)")
        #expect(second.status == 0)
        #expect(second.output.hasPrefix("Nothing new in "), "\(second.output)")
        for table in ["session", "turn", "draft"] {
            #expect(try count("SELECT COUNT(*) FROM \(table)", other) == count("SELECT COUNT(*) FROM \(table)", sandbox.store), "\(table)")
        }
        #expect(try count("SELECT COUNT(*) FROM event WHERE kind = 'mood'", other) == "1")
        // The backup itself is read, never changed.
        #expect(try StoreQuery.column("SELECT COUNT(*) FROM event WHERE kind = 'mood'", in: sandbox.file("b.sqlite")) == ["0"])
    }

    @Test func jrnlsJSONExportBecomesNotesOfTheirDays() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let json = """
            {"tags": {"@walk": 1}, "entries": [
              {"title": "Went for a walk.", "body": "Felt better after. @walk", "date": "2026-11-20", "time": "21:40", "tags": ["@walk"], "starred": false},
              {"title": "Hard day", "body": "", "date": "2026-11-21", "time": "08:05", "tags": [], "starred": true}
            ]}
            """
        try json.write(toFile: sandbox.file("journal.json"), atomically: true, encoding: .utf8)

        let first = try run(["import", sandbox.file("journal.json")], sandbox)
        let second = try run(["import", sandbox.file("journal.json")], sandbox)
        let found = try run(["search", "walk"], sandbox)

        #expect(first.status == 0, "\(first.errors)")
        #expect(first.lines.first == "Imported 2 entries from \(sandbox.file("journal.json")) (jrnl's export) as notes.")
        #expect(second.lines == ["Nothing new in \(sandbox.file("journal.json")): all 2 of its entries are already in your store."])
        let rows = try StoreQuery.rows("SELECT json_extract(fields, '$.day') AS day, json_extract(fields, '$.text') AS text, json_extract(fields, '$.source') AS source FROM event WHERE kind = 'note' ORDER BY at", in: sandbox.store)
        #expect(rows.map { $0["day"] ?? nil } == ["2026-11-20", "2026-11-21"])
        #expect(rows.map { $0["text"] ?? nil } == ["Went for a walk.\nFelt better after. @walk", "Hard day"])
        #expect(rows.map { $0["source"] ?? nil } == ["jrnl", "jrnl"])
        #expect(found.output.contains("walk"))
    }

    @Test func aTextFileGivesAnEntryPerBlockDatedByTheDateThatLeadsIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let text = """
            Before any date.

            2026-11-03 21:40 Couldn't sleep.
            Thought about texting.

            Still awake.

            ## 4 November 2026

            A better day.

            [2026-11-05 09:15 PM] Called my sister instead.
            """
        try text.write(toFile: sandbox.file("notes.txt"), atomically: true, encoding: .utf8)

        let imported = try run(["import", sandbox.file("notes.txt")], sandbox)
        let again = try run(["import", sandbox.file("notes.txt")], sandbox)

        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.lines.first == "Imported 5 entries from \(sandbox.file("notes.txt")) (the text) as notes.")
        #expect(imported.output.contains("1 entry before the first date in the file took the day it was last changed"))
        #expect(again.output.hasPrefix("Nothing new in "))
        let rows = try StoreQuery.rows("SELECT json_extract(fields, '$.day') AS day, json_extract(fields, '$.text') AS text FROM event WHERE kind = 'note' ORDER BY id", in: sandbox.store)
        #expect(rows.map { $0["text"] ?? nil } == ["Before any date.", "Couldn't sleep.\nThought about texting.", "Still awake.", "A better day.", "Called my sister instead."])
        #expect(rows.dropFirst().map { $0["day"] ?? nil } == ["2026-11-03", "2026-11-03", "2026-11-04", "2026-11-05"])
        let times = try StoreQuery.column("SELECT at FROM event WHERE kind = 'note' ORDER BY id", in: sandbox.store)
        #expect(times.count == 5)
    }

    @Test(arguments: [
        ("bad.json", #"{"entries": [{"title": "ok", "date": "2026-11-20"}, {"title": "no date"}]}"#, "entries[1] has no \"date\" like 2026-11-03"),
        ("other.json", #"{"a": 1}"#, "it is JSON, but neither an unsent export nor jrnl's"),
        ("fake.sqlite", "SQLite format 3\u{0}not really a database at all, just bytes that go on and on", "could not be imported"),
    ])
    func aFileThatCantBeImportedChangesNothing(_ name: String, _ content: String, _ message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try filled(sandbox)
        try content.write(toFile: sandbox.file(name), atomically: true, encoding: .utf8)
        let before = try StoreQuery.column("SELECT COUNT(*) FROM event", in: sandbox.store)

        let refused = try run(["import", sandbox.file(name)], sandbox)

        #expect(refused.status == 1)
        #expect(refused.errors.contains(message), "\(refused.errors)")
        #expect(refused.errors.contains("Nothing was imported."))
        #expect(try StoreQuery.column("SELECT COUNT(*) FROM event", in: sandbox.store) == before)
    }
}

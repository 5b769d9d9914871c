import Foundation
import GRDB
import UnsentCore
#if canImport(Glibc)
import Glibc
#endif

extension Store {
    /// Every row of the person's data, by table, in key order (as `exportRows` reads them).
    public func allRows() throws(StoreError) -> [(StoreTable, [[StoreValue]])] {
        var tables: [(StoreTable, [[StoreValue]])] = []
        for table in StoreTable.all {
            var rows: [[StoreValue]] = []
            try exportRows(table) { rows.append($0) }
            tables.append((table, rows))
        }
        return tables
    }

    /// Merges rows read from another store (a backup, a copy, a JSON export) into this one, in one
    /// transaction: all of it or, on any failure, nothing.
    ///
    /// Rows get new ids. A row already here is not added again, so importing the same file twice adds
    /// nothing: a conversation is the same when it started at the same moment, with the same flow and seed
    /// (its lines are then merged by their number in it); an event, a draft or a history line when its
    /// time and content are the same. A setting the store already has keeps the store's value (the file's
    /// differing value is reported), as does a variation position.
    public func merge(_ tables: [(StoreTable, [[StoreValue]])]) throws(StoreError) -> MergeReport {
        var report = MergeReport()
        try bulkLoad { loader in
            let db = loader.db
            var sessionIds: [Int64: Int64] = [:]
            for (table, rows) in tables {
                for row in rows {
                    let outcome = try Self.mergeRow(row, of: table, db: db, sessionIds: &sessionIds, report: &report)
                    if outcome { report.added[table.name, default: 0] += 1 } else { report.alreadyThere[table.name, default: 0] += 1 }
                }
            }
        }
        return report
    }

    /// Adds journal entries from another tool as `note` events, in one transaction; an entry already
    /// here (same time, day, text and source) is not added again.
    public func importJournal(_ entries: [JournalEntry]) throws(StoreError) -> MergeReport {
        var report = MergeReport()
        try bulkLoad { loader in
            for entry in entries {
                let json = try EventRecord.databaseJSONEncoder(for: EventRecord.Columns.fields.name).encode(entry.fields)
                let row: [StoreValue] = [.null, .null, .text(entry.at.storable), .text(EventKind.note.rawValue), .text(String(decoding: json, as: UTF8.self))]
                var none: [Int64: Int64] = [:]
                if try Self.mergeRow(row, of: .event, db: loader.db, sessionIds: &none, report: &report) {
                    report.added["event", default: 0] += 1
                } else {
                    report.alreadyThere["event", default: 0] += 1
                }
            }
        }
        return report
    }

    /// Inserts one row unless it is already here; returns whether it was added.
    private static func mergeRow(_ row: [StoreValue], of table: StoreTable, db: Database,
                                 sessionIds: inout [Int64: Int64], report: inout MergeReport) throws -> Bool {
        func value(_ name: String) -> StoreValue { row[table.columns.firstIndex { $0.name == name } ?? 0] }
        func argument(_ value: StoreValue) -> (any DatabaseValueConvertible)? {
            switch value {
            case .null: nil
            case .integer(let number): number
            case .text(let text): text.storable
            }
        }
        func exists(_ sql: String, _ values: [StoreValue]) throws -> Int64? {
            try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(values.map(argument)))
        }
        func insert(_ names: [String], _ values: [StoreValue]) throws -> Int64 {
            let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
            try db.execute(sql: "INSERT INTO \(table.name) (\(names.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(marks))",
                           arguments: StatementArguments(values.map(argument)))
            return db.lastInsertedRowID
        }
        func mapped(_ session: StoreValue) -> StoreValue {
            guard case .integer(let old) = session else { return .null }
            return sessionIds[old].map(StoreValue.integer) ?? .null
        }
        let withoutId = table.columns.map(\.name).filter { $0 != "id" }
        switch table.name {
        case "setting":
            let key = value("key"), incoming = value("value")
            if let current = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [argument(key)]) {
                if current != incoming.text, let name = key.text { report.keptSettings.append(name) }
                return false
            }
            _ = try insert(["key", "value"], [key, incoming])
            return true
        case "variation":
            if try exists("SELECT 1 FROM variation WHERE key = ?", [value("key")]) != nil { return false }
            _ = try insert(["key", "state"], [value("key"), value("state")])
            return true
        case "session":
            guard case .integer(let old) = value("id") else { return false }
            if let found = try exists("SELECT id FROM session WHERE startedAt = ? AND flow = ? AND seed IS ?",
                                      [value("startedAt"), value("flow"), value("seed")]) {
                sessionIds[old] = found
                return false
            }
            sessionIds[old] = try insert(withoutId, withoutId.map(value))
            return true
        case "turn":
            let session = mapped(value("sessionId"))
            guard case .integer = session else { return false }
            if try exists("SELECT 1 FROM turn WHERE sessionId = ? AND sequence = ?", [session, value("sequence")]) != nil { return false }
            _ = try insert(withoutId, withoutId.map { $0 == "sessionId" ? session : value($0) })
            return true
        case "event":
            if try exists("SELECT 1 FROM event WHERE kind = ? AND at = ? AND fields = ?",
                          [value("kind"), value("at"), value("fields")]) != nil { return false }
            _ = try insert(withoutId, withoutId.map { $0 == "sessionId" ? mapped(value("sessionId")) : value($0) })
            return true
        case "draft":
            if try exists("SELECT 1 FROM draft WHERE createdAt = ? AND text = ? AND deletedAt IS ?",
                          [value("createdAt"), value("text"), value("deletedAt")]) != nil { return false }
            _ = try insert(withoutId, withoutId.map { $0 == "sessionId" ? mapped(value("sessionId")) : value($0) })
            return true
        case "history":
            if try exists("SELECT 1 FROM history WHERE at = ? AND line = ?", [value("at"), value("line")]) != nil { return false }
            _ = try insert(withoutId, withoutId.map(value))
            return true
        default:
            return false
        }
    }
}

extension Store {
    /// The rows of the unsent store (or backup) at `file`, read from a private copy so the file itself is
    /// never changed (opening a store migrates it): the file and its `-wal` are copied into a new folder
    /// (mode 0700), opened there with every check a start makes, read, and removed.
    public static func rows(ofStoreFile file: String) throws -> [(StoreTable, [[StoreValue]])] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unsent-import-\(UUID().uuidString)").path
        guard mkdir(folder, 0o700) == 0 else {
            throw ImportProblem(file: file, problem: "a private folder for reading it could not be made in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/unsent.sqlite"
        do {
            try FileManager.default.copyItem(atPath: file, toPath: copy)
            if FileManager.default.fileExists(atPath: file + "-wal") {
                try FileManager.default.copyItem(atPath: file + "-wal", toPath: copy + "-wal")
            }
        } catch {
            throw ImportProblem(file: file, problem: "it can't be read (check its name and that it is yours)")
        }
        do {
            return try Store(path: copy).allRows()
        } catch {
            let problem: String = switch error.kind {
            case .notADatabase: "it is not an unsent store"
            case .corrupt, .damagedLog: "it is damaged (`unsent doctor --store \(file)` says more)"
            default: error.detail.isEmpty ? "it can't be opened as an unsent store" : "it can't be opened as an unsent store (\(error.detail))"
            }
            throw ImportProblem(file: file, problem: problem)
        }
    }
}

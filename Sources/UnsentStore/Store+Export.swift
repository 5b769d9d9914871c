import Foundation
import GRDB

extension Store {
    /// The version of the JSON export; `importJSON` reads this version only.
    public static let exportVersion = 1

    /// Whether the store holds no data at all (no settings, sessions, events, drafts, history or variations).
    public func isEmpty() throws(StoreError) -> Bool {
        try read(Self.isEmpty)
    }

    static func isEmpty(_ db: Database) throws -> Bool {
        for table in StoreTable.all where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table.name))") == true {
            return false
        }
        return true
    }

    /// Calls `visit` with every row of `table`, in key order, streamed so memory stays flat whatever the size.
    public func exportRows(_ table: StoreTable, _ visit: ([StoreValue]) throws -> Void) throws(StoreError) {
        try read { db in
            let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table.name) ORDER BY 1")
            while let row = try cursor.next() {
                try visit((0..<row.count).map { index in
                    switch row[index] as DatabaseValue {
                    case let value where value.isNull: .null
                    case let value: Int64.fromDatabaseValue(value).map(StoreValue.integer)
                        ?? .text(String.fromDatabaseValue(value) ?? "")
                    }
                })
            }
        }
    }

    /// Writes everything as one JSON document, version `exportVersion`: an object with "format", "version" and
    /// one list per table (settings, sessions, turns, events, drafts, variations, history), a row per line,
    /// keys in the order of `StoreTable.columns`. Times are UTC ISO 8601 ("2026-03-01T23:40:00.123Z"); event
    /// fields are objects. Nothing depends on the moment of export, so exporting twice gives the same bytes.
    public func writeJSONExport(_ write: (String) throws -> Void) throws {
        try write("{\"format\":\"unsent-export\",\"version\":\(Self.exportVersion)")
        for table in StoreTable.all {
            try write(",\n\"\(table.plural)\":[")
            var first = true
            try exportRows(table) { values in
                var line = first ? "\n{" : ",\n{"
                first = false
                for (index, column) in table.columns.enumerated() {
                    if index > 0 { line += "," }
                    line += JSONText.string(column.name) + ":" + JSONText.value(values[index], kind: column.kind)
                }
                try write(line + "}")
            }
            try write(first ? "]" : "\n]")
        }
        try write("\n}\n")
    }

    /// Writes everything as one CSV file (RFC 4180): a `table` column naming the table of each row (setting,
    /// session, turn, event, draft, variation, history), then the union of all tables' columns; each row
    /// fills the columns its table has and leaves the others empty. Times are UTC ISO 8601; event fields are JSON.
    public func writeCSVExport(_ write: (String) throws -> Void) throws {
        var header: [String] = []
        for table in StoreTable.all {
            for column in table.columns where !header.contains(column.name) { header.append(column.name) }
        }
        try write((["table"] + header).joined(separator: ",") + "\r\n")
        for table in StoreTable.all {
            let positions = table.columns.map { column in header.firstIndex(of: column.name) ?? 0 }
            try exportRows(table) { values in
                var cells = Array(repeating: "", count: header.count)
                for (index, column) in table.columns.enumerated() {
                    let value = values[index]
                    let text: String? = switch column.kind {
                    case .date: value.text.map(JSONText.isoDate)
                    default: value.text
                    }
                    cells[positions[index]] = text.map(CSVText.cell) ?? ""
                }
                try write(([table.name] + cells).joined(separator: ",") + "\r\n")
            }
        }
    }

    /// Loads a JSON export (as `writeJSONExport` writes it) into this store, which must be empty; everything
    /// keeps its id, so exporting afterwards gives the same document. All or nothing: one transaction.
    public func importJSON(_ data: Data, file: String) throws -> Int {
        guard try isEmpty() else {
            throw ImportProblem(file: file, problem: "the store at \(path) is not empty; import only into a new store (pass --store with a new path)")
        }
        let rows = try Self.jsonExportRows(data, file: file)
        // Checked again inside the import's transaction: another window may have logged since the check above.
        var foundData = false
        do {
            try bulkLoad { loader in
                guard try Self.isEmpty(loader.db) else {
                    foundData = true
                    throw ImportProblem(file: file, problem: "")
                }
                for (table, tableRows) in rows {
                    for values in tableRows { try loader.insert(table, values) }
                }
            }
        } catch {
            if foundData {
                throw ImportProblem(file: file, problem: "the store at \(path) is no longer empty (another unsent wrote to it meanwhile); import only into a new store (pass --store with a new path)")
            }
            throw ImportProblem(file: file, problem: "the store refused a row (\(error))")
        }
        return rows.reduce(0) { $0 + $1.1.count }
    }

    /// The rows of a JSON export (as `writeJSONExport` writes it), by table, checked column by column.
    public static func jsonExportRows(_ data: Data, file: String) throws -> [(StoreTable, [[StoreValue]])] {
        let parsed: ImportValue
        do {
            parsed = try JSONDecoder().decode(ImportValue.self, from: data)
        } catch {
            throw ImportProblem(file: file, problem: "it is not valid JSON")
        }
        guard case .object(let document) = parsed else {
            throw ImportProblem(file: file, problem: "it is not a JSON object")
        }
        guard case .string("unsent-export") = document["format"] else {
            throw ImportProblem(file: file, problem: "it is not an unsent export (\"format\" is not \"unsent-export\")")
        }
        guard case .integer(Int64(Self.exportVersion)) = document["version"] else {
            throw ImportProblem(file: file, problem: "its version is \(document["version"].map { "\($0)" } ?? "missing"); this unsent reads version \(Self.exportVersion)")
        }
        var rows: [(StoreTable, [[StoreValue]])] = []
        for table in StoreTable.all {
            guard case .array(let list) = document[table.plural] else {
                throw ImportProblem(file: file, problem: "the list \"\(table.plural)\" is missing")
            }
            var tableRows: [[StoreValue]] = []
            for (index, item) in list.enumerated() {
                guard case .object(let object) = item else {
                    throw ImportProblem(file: file, problem: "\(table.plural)[\(index)] is not an object")
                }
                tableRows.append(try Self.importValues(object, table: table, place: "\(table.plural)[\(index)]", file: file))
            }
            rows.append((table, tableRows))
        }
        return rows
    }

    private static func importValues(_ object: [String: ImportValue], table: StoreTable, place: String, file: String) throws -> [StoreValue] {
        try table.columns.map { column -> StoreValue in
            let value = object[column.name] ?? .null
            if case .null = value {
                guard column.optional else {
                    throw ImportProblem(file: file, problem: "\(place).\(column.name) is missing")
                }
                return .null
            }
            switch (column.kind, value) {
            case (.integer, .integer(let number)):
                return .integer(number)
            case (.integer, _):
                throw ImportProblem(file: file, problem: "\(place).\(column.name) is not a whole number")
            case (.text, .string(let text)):
                return .text(text)
            case (.text, _):
                throw ImportProblem(file: file, problem: "\(place).\(column.name) is not text")
            case (.date, .string(let text)):
                guard let stored = JSONText.storedDate(text) else { fallthrough }
                return .text(stored)
            case (.date, _):
                throw ImportProblem(file: file, problem: "\(place).\(column.name) is not a time such as 2026-03-01T23:40:00.000Z")
            case (.json, .object(let fields)):
                var strings: [String: String] = [:]
                for (key, field) in fields {
                    guard case .string(let text) = field else { fallthrough }
                    strings[key] = text
                }
                let json = try EventRecord.databaseJSONEncoder(for: column.name).encode(strings)
                return .text(String(decoding: json, as: UTF8.self))
            case (.json, _):
                throw ImportProblem(file: file, problem: "\(place).\(column.name) is not an object of strings")
            }
        }
    }

    /// Inserts many rows quickly: prepared statements, ids kept as given, a commit every `batchSize` rows
    /// (all in one transaction when `batchSize` is nil). Search indexes follow: drafts and journal texts
    /// through their triggers, conversation lines in one statement at the end.
    public func bulkLoad(batchSize: Int? = nil, _ body: (StoreLoader) throws -> Void) throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                let loader = StoreLoader(db: db, batchSize: batchSize)
                try db.execute(sql: "BEGIN IMMEDIATE")
                do {
                    try body(loader)
                    // The conversation lines loaded are indexed for search in one statement (see schema v4).
                    try Self.indexNewTurns(db)
                    try db.execute(sql: "COMMIT")
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }
}

/// A JSON value as an import reads it: integers stay exact 64-bit numbers (a session's seed uses all 64 bits).
enum ImportValue: Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([ImportValue])
    case object([String: ImportValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ImportValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: ImportValue].self)) }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): "\"\(value)\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// Inserts rows for `Store.bulkLoad`, committing every `batchSize` rows.
public final class StoreLoader {
    let db: Database
    private let batchSize: Int?
    private var statements: [String: Statement] = [:]
    private var pending = 0

    init(db: Database, batchSize: Int?) {
        self.db = db
        self.batchSize = batchSize
    }

    /// Inserts one row of `table`, its values in the order of `table.columns`.
    public func insert(_ table: StoreTable, _ values: [StoreValue]) throws {
        let statement = try statements[table.name] ?? {
            let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
            let made = try db.makeStatement(sql: "INSERT INTO \(table.name) (\(names)) VALUES (\(marks))")
            statements[table.name] = made
            return made
        }()
        try statement.execute(arguments: StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let number): number
            case .text(let text): text.storable
            }
        }))
        pending += 1
        if let batchSize, pending >= batchSize {
            try db.execute(sql: "COMMIT; BEGIN IMMEDIATE")
            pending = 0
        }
    }
}

/// JSON text written by hand, so that a large export streams and its bytes never depend on a dictionary's order.
enum JSONText {
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || JSONText.isInvisible(scalar):
                result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Characters that act on a terminal or on the order of text without being seen: DEL, the C1
    /// controls (U+0080–U+009F, which some terminals read as escape sequences) and the direction
    /// marks and overrides. An export writes them escaped (`\u009b`, `\u202e`), so the file shows
    /// them to whoever reads it, on a terminal too, and reads back as the same text.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F, 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// JSON text with the invisible characters of `isInvisible` escaped; the rest as it is. Valid
    /// JSON stays valid and means the same: these characters can only be inside its strings.
    static func escapingInvisible(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isInvisible) else { return json }
        var result = ""
        for scalar in json.unicodeScalars {
            if isInvisible(scalar) { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    static func value(_ value: StoreValue, kind: StoreTable.Kind) -> String {
        guard let text = value.text else { return "null" }
        switch (value, kind) {
        case (.integer(let number), .integer): return String(number)
        case (_, .date): return string(isoDate(text))
        case (_, .json): return canonicalFields(text)
        default: return string(text)
        }
    }

    /// "2026-03-01 23:40:00.123" (the store's UTC text) as "2026-03-01T23:40:00.123Z".
    static func isoDate(_ stored: String) -> String {
        guard stored.count >= 16, stored.dropFirst(10).first == " " else { return stored }
        return stored.prefix(10) + "T" + stored.dropFirst(11) + "Z"
    }

    /// The reverse of `isoDate`, or nil when `iso` is not such a time.
    static func storedDate(_ iso: String) -> String? {
        guard iso.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?Z/) != nil else { return nil }
        return iso.prefix(10) + " " + iso.dropFirst(11).dropLast()
    }

    /// Event fields as the store writes them (sorted keys), so an export does not depend on how a row was
    /// written and importing it gives the same export; text that is not an object of strings is kept as it is
    /// when it is an object, and written as an empty object otherwise.
    private static func canonicalFields(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return "{}" }
        guard let strings = object as? [String: String],
              let data = try? EventRecord.databaseJSONEncoder(for: "fields").encode(strings) else { return escapingInvisible(text) }
        return escapingInvisible(String(decoding: data, as: UTF8.self))
    }
}

/// CSV cells (RFC 4180): quoted when they hold a comma, a quote, a line break or leading/trailing space.
/// CSV has no escapes of its own: a control character other than a tab or a line break, and the
/// invisible ones of `JSONText.isInvisible`, are written as JSON writes them (`\u001b`), so an
/// export shown on a terminal cannot move the cursor, change the title or reach the clipboard.
enum CSVText {
    static func cell(_ raw: String) -> String {
        let text = visible(raw)
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first?.isWhitespace == true || text.last?.isWhitespace == true
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The text with the characters a terminal would act on escaped (a tab and a line break kept).
    static func visible(_ text: String) -> String {
        func hidden(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || JSONText.isInvisible(scalar)
        }
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if hidden(scalar) { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}

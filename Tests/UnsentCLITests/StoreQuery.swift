import Foundation

/// Reads a store the binary wrote, through the `sqlite3` command-line tool (or Python's sqlite3
/// module when the tool is missing), so this target needs no database dependency.
enum StoreQuery {
    /// One row: column name → value as text (nil for SQL NULL).
    typealias Row = [String: String?]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a read-only query and returns its rows.
    static func rows(_ sql: String, in database: String, readOnly: Bool = true) throws -> [Row] {
        let run: BinaryRun
        if let sqlite = findTool("sqlite3") {
            run = try BinaryRun.run(
                (readOnly ? ["-readonly"] : []) + ["-json", database, sql], environment: [:], executable: sqlite, timeout: 20)
        } else if let python = findTool("python3") {
            let script = """
                import json, sqlite3, sys
                connection = sqlite3.connect('file:' + sys.argv[1] + ('?mode=ro' if sys.argv[3] == 'ro' else ''), uri=True)
                cursor = connection.execute(sys.argv[2])
                names = [d[0] for d in cursor.description]
                print(json.dumps([dict(zip(names, row)) for row in cursor.fetchall()]))
                """
            run = try BinaryRun.run(["-c", script, database, sql, readOnly ? "ro" : "rw"], environment: [:], executable: python, timeout: 20)
        } else {
            throw Failure(description: "Reading the store needs the sqlite3 tool or python3 on PATH; neither was found.")
        }
        guard run.status == 0, !run.timedOut else {
            throw Failure(description: "Query '\(sql)' on \(database) failed (status \(run.status)): \(run.errors)")
        }
        // sqlite3 prints nothing at all for an empty result.
        guard !run.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        let json = try JSONSerialization.jsonObject(with: run.stdout)
        guard let objects = json as? [[String: Any]] else {
            throw Failure(description: "Query '\(sql)' gave output that is not a list of rows: \(run.output)")
        }
        return objects.map { object in
            object.mapValues { value -> String? in
                if value is NSNull { return nil }
                return "\(value)"
            }
        }
    }

    /// The values of one column, in row order.
    static func column(_ sql: String, in database: String) throws -> [String?] {
        try rows(sql, in: database).map { row in row.values.first ?? nil }
    }

    static func findTool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

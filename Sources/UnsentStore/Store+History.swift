import Foundation
import GRDB

extension Store {
    /// The newest `limit` readline history lines, oldest first, ready to load into readline.
    public func historyLines(limit: Int) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT line FROM (SELECT id, line FROM history ORDER BY id DESC LIMIT ?)
                    ORDER BY id
                    """,
                arguments: [max(limit, 0)])
        }
    }

    /// Adds a line to the readline history, unless it is blank or repeats the last line exactly.
    public func appendHistory(_ line: String, at: Date) throws(StoreError) {
        guard !line.allSatisfy(\.isWhitespace) else {
            return
        }
        let line = line.storable
        try write { db in
            let last = try String.fetchOne(db, sql: "SELECT line FROM history ORDER BY id DESC LIMIT 1")
            guard last != line else {
                return
            }
            try db.execute(sql: "INSERT INTO history (at, line) VALUES (?, ?)", arguments: [at.storable, line])
        }
    }
}

import GRDB

extension Store {
    /// SQLite's full integrity check: "ok" when the store is sound, otherwise the problems, one per line.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }
}

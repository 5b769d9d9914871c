import GRDB

extension Store {
    /// The value of a setting (such as "region"), or nil when it was never set.
    public func setting(_ key: String) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key.storable])
        }
    }

    /// Sets a setting; nil removes it.
    public func setSetting(_ key: String, _ value: String?) throws(StoreError) {
        try write { db in
            if let value {
                try db.execute(
                    sql: """
                        INSERT INTO setting (key, value) VALUES (?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value
                        """,
                    arguments: [key.storable, value.storable])
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key.storable])
            }
        }
    }
}

import GRDB

extension Store {
    /// The engine's saved variation states, by key. The store does not read them.
    public func variationStates() throws(StoreError) -> [String: String] {
        try read { db in
            var states: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, state FROM variation")
            while let row = try rows.next() {
                states[row["key"]] = row["state"]
            }
            return states
        }
    }

    /// Saves the given states, replacing those with the same keys and keeping the others.
    public func saveVariationStates(_ states: [String: String]) throws(StoreError) {
        try write { db in
            for (key, state) in states.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: """
                        INSERT INTO variation (key, state) VALUES (?, ?)
                        ON CONFLICT (key) DO UPDATE SET state = excluded.state
                        """,
                    arguments: [key.storable, state.storable])
            }
        }
    }
}

import GRDB

extension Store {
    /// Runs `body` in one IMMEDIATE transaction, committed before returning. Immediate, so that a writer that
    /// reads before it writes (the next turn number) waits for the lock up front instead of failing on a
    /// snapshot another process has just made stale.
    func write<Value>(_ body: (Database) throws -> Value) throws(StoreError) -> Value {
        do {
            return try writer.writeWithoutTransaction { db in
                var outcome: Value?
                try db.inTransaction(.immediate) {
                    outcome = try body(db)
                    return .commit
                }
                guard let outcome else {
                    throw DatabaseError(message: "the transaction ended without a result")
                }
                return outcome
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// Runs `body` in a read transaction.
    func read<Value>(_ body: (Database) throws -> Value) throws(StoreError) -> Value {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }
}

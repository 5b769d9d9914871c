import Foundation
import GRDB

extension Store {
    /// Appends one turn to a session, numbered after the session's last turn.
    public func appendTurn(sessionId: Int64, at: Date, speaker: Speaker, node: String?, text: String) throws(StoreError) {
        try appendTurns([NewTurn(sessionId: sessionId, at: at, speaker: speaker, node: node, text: text)])
    }

    /// Appends turns in the given order, all in one transaction.
    public func appendTurns(_ turns: [NewTurn]) throws(StoreError) {
        guard !turns.isEmpty else {
            return
        }
        try write { db in
            // The next number is read inside the write transaction, so concurrent writers never share one.
            var nextSequence: [Int64: Int64] = [:]
            for turn in turns {
                let sequence = try nextSequence[turn.sessionId] ?? Self.nextSequence(in: turn.sessionId, db)
                try db.execute(
                    sql: """
                        INSERT INTO turn (sessionId, sequence, at, speaker, node, text)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [turn.sessionId, sequence, turn.at.storable, turn.speaker, turn.node?.storable, turn.text.storable])
                nextSequence[turn.sessionId] = sequence + 1
            }
        }
    }

    /// The turns of a session in the order they were said.
    public func turns(sessionId: Int64) throws(StoreError) -> [TurnRecord] {
        try read { db in
            try TurnRecord
                .filter(TurnRecord.Columns.sessionId == sessionId)
                .order(TurnRecord.Columns.sequence)
                .fetchAll(db)
        }
    }

    static func nextSequence(in sessionId: Int64, _ db: Database) throws -> Int64 {
        let last = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT MAX(sequence) FROM turn WHERE sessionId = ?"), arguments: [sessionId])
        return (last ?? 0) + 1
    }
}

import GRDB

extension StoreError {
    /// Turns any error thrown while using the store at `path` into a `StoreError`, keeping SQLite's
    /// message as the detail; a `StoreError` passes through unchanged.
    static func wrapping(_ error: any Error, path: String) -> StoreError {
        if let storeError = error as? StoreError {
            return storeError
        }
        if let databaseError = error as? DatabaseError {
            return StoreError(databaseError: databaseError, path: path)
        }
        return StoreError(kind: .other, path: path, detail: String(describing: error))
    }

    /// Maps SQLite's primary result code to the kind of problem a person can act on.
    init(databaseError: DatabaseError, path: String) {
        let detail = databaseError.message ?? "SQLite error \(databaseError.resultCode.rawValue)"
        var kind = Self.kind(for: databaseError.resultCode)
        // A write or shared-memory file that cannot grow is almost always a full disk.
        if kind == .other, databaseError.resultCode == .SQLITE_IOERR,
           [ResultCode.SQLITE_IOERR_WRITE, .SQLITE_IOERR_SHMSIZE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_TRUNCATE]
            .contains(databaseError.extendedResultCode) {
            kind = .diskFull
        }
        self.init(kind: kind, path: path, detail: detail)
    }

    static func kind(for resultCode: ResultCode) -> Kind {
        switch resultCode {
        case .SQLITE_NOTADB:
            return .notADatabase
        case .SQLITE_CORRUPT:
            return .corrupt
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
            return .readOnly
        case .SQLITE_FULL:
            return .diskFull
        default:
            // SQLITE_IOERR and the rest: the detail carries SQLite's explanation.
            return .other
        }
    }
}

import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Store {
    /// Copies the whole store, with what its write-ahead log holds, into one new file at `destination`
    /// through SQLite's online backup: other unsent windows can go on writing meanwhile, and the copy is
    /// one consistent moment. The copy is made beside `destination` under a temporary name (mode 0600 from
    /// the moment it exists), checked with `quick_check`, and only then given its name, so a failure never
    /// leaves half a backup, nor touches a file already there. An existing file is replaced only when
    /// `replacing` is true.
    ///
    /// - Returns: the size of the backup in bytes.
    public func backup(to destination: String, replacing: Bool) throws -> Int64 {
        var info = stat()
        if stat(destination, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { throw BackupProblem(kind: .isDirectory, file: destination) }
            if !replacing { throw BackupProblem(kind: .exists, file: destination) }
        }
        let folder = (destination as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.unsent-backup-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).partial"
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw BackupProblem(kind: .cannotWrite, file: destination, reason: String(cString: strerror(errno)))
        }
        defer { for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporary + suffix) } }
        do {
            // Under umask 077, so the copy is private from the moment it exists (the lock keeps the
            // process's umask from being changed under another store's opening).
            ProcessUmask.lock.lock()
            let previous = umask(0o077)
            defer { umask(previous); ProcessUmask.lock.unlock() }
            let copy = try DatabaseQueue(path: temporary)
            try writer.backup(to: copy)
            let sound = try copy.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") } == "ok"
            try copy.close()
            guard sound else { throw BackupProblem(kind: .damaged, file: destination) }
        } catch let problem as BackupProblem {
            throw problem
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_FULL
                    || error.resultCode == .SQLITE_IOERR || error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_PERM {
            let reason = error.resultCode == .SQLITE_FULL ? "the disk is full" : (error.message ?? "\(error.resultCode)")
            throw BackupProblem(kind: .cannotWrite, file: destination, reason: reason)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
        chmod(temporary, 0o600)
        var written = stat()
        let size = stat(temporary, &written) == 0 ? Int64(written.st_size) : 0
        // `link` refuses an existing name, so a file that appeared meanwhile is never replaced unasked.
        if replacing {
            guard rename(temporary, destination) == 0 else {
                throw BackupProblem(kind: .cannotWrite, file: destination, reason: String(cString: strerror(errno)))
            }
        } else {
            guard link(temporary, destination) == 0 else {
                if errno == EEXIST { throw BackupProblem(kind: .exists, file: destination) }
                throw BackupProblem(kind: .cannotWrite, file: destination, reason: String(cString: strerror(errno)))
            }
        }
        return size
    }
}

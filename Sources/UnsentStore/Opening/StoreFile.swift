import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's file on disk and the files SQLite keeps beside it: what is there, and the permissions that
/// keep a private journal private (folder 0700, files 0600).
struct StoreFile: Sendable {
    /// What, if anything, is at the store's path.
    enum Item: Equatable {
        case missing
        case directory
        case regularFile(size: Int64)
        /// A fifo, socket or device: reading it could block or mean nothing.
        case special
    }

    let path: String

    /// The folder holding the store ("." for a bare file name).
    var directoryPath: String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The files SQLite may keep next to the database in WAL mode.
    var companionPaths: [String] {
        [path + "-wal", path + "-shm"]
    }

    func item() -> Item {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .missing
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile(size: Int64(info.st_size))
        default: return .special
        }
    }

    /// Whether this process may write the file (false for an immutable file, even as root).
    var isWritable: Bool {
        access(path, W_OK) == 0
    }

    /// Whether this process may create files in the store's folder (SQLite needs that for -wal and -shm).
    var directoryIsWritable: Bool {
        access(directoryPath, W_OK) == 0
    }

    /// Makes the store's folder with mode 0700 if it is missing. An existing folder is tightened to 0700 only
    /// when it belongs to this user and holds nothing but this store's files: `--store /tmp/x.sqlite` must not
    /// lock everyone out of /tmp, and `--store ~/notes/x.sqlite` must not change ~/notes.
    func prepareDirectory() throws(StoreError) {
        let folder = directoryPath
        var info = stat()
        if stat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError(kind: .cannotCreateDirectory, path: path, detail: "a file is in the way")
            }
            if info.st_uid == getuid(), info.st_mode & 0o777 != 0o700, holdsOnlyStoreFiles() {
                _ = chmod(folder, 0o700)
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(kind: .cannotCreateDirectory, path: path, detail: Self.reason(of: error))
        }
        _ = chmod(folder, 0o700)
    }

    /// Sets the database and its companions to 0600 when they are present and this user's.
    func tightenFilePermissions() {
        for file in [path] + companionPaths {
            var info = stat()
            if stat(file, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o777 != 0o600 {
                _ = chmod(file, 0o600)
            }
        }
    }

    /// Removes the -wal and -shm files that are not in `kept`, when the -wal holds nothing (so no step is in
    /// it). Called only under the opening lock, after the only connection that could have made them closed.
    func removeEmptyCompanions(except kept: [String]) {
        let log = path + "-wal"
        var info = stat()
        guard !kept.contains(log), stat(log, &info) != 0 || info.st_size == 0 else {
            return
        }
        for companion in companionPaths where !kept.contains(companion) {
            _ = unlink(companion)
        }
    }

    /// Gives this user's -wal and -shm files back their write permission (0600). A read-only moment (the
    /// store made 0400, then given back) used to leave them 0400, and SQLite then refused every opening with
    /// "attempt to write a readonly database".
    func restoreCompanionPermissions() {
        for companion in companionPaths {
            var info = stat()
            if stat(companion, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid(),
               info.st_mode & 0o600 != 0o600 {
                _ = chmod(companion, 0o600)
            }
        }
    }

    /// The -wal and -shm files beside the store that this process cannot write, with their modes
    /// ("unsent.sqlite-shm (mode 0400)"), for a message about a store that cannot be written.
    func unwritableCompanions() -> [String] {
        companionPaths.compactMap { companion in
            var info = stat()
            guard stat(companion, &info) == 0, access(companion, W_OK) != 0 else {
                return nil
            }
            return "\(companion) (mode 0\(String(info.st_mode & 0o777, radix: 8)))"
        }
    }

    /// A path next to the store, not yet taken, for a copy made before migration `identifier` runs.
    func backupPath(before identifier: String) -> String {
        let base = "\(path).backup-\(identifier)"
        var candidate = base
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }

    private func holdsOnlyStoreFiles() -> Bool {
        let name = (path as NSString).lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directoryPath) else {
            return false
        }
        return entries.allSatisfy { $0.hasPrefix(name) }
    }

    /// The POSIX reason inside a Foundation error when there is one ("Permission denied").
    private static func reason(of error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

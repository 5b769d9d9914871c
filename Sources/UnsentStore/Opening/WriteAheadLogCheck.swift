import Foundation

/// Looks at the store's write-ahead log before SQLite does, because SQLite would quietly drop the committed
/// steps after a damaged frame and then delete the log (see `WriteAheadLog`). A damaged log is copied beside
/// the store, left in place, and reported.
struct WriteAheadLogCheck {
    let file: StoreFile

    /// Throws `.damagedLog` when the log would lose committed steps; does nothing when there is no log.
    func run() throws(StoreError) {
        let logPath = file.path + "-wal"
        guard let first = Self.damage(at: logPath) else {
            return
        }
        // Another unsent may be appending to the log right now, and a frame read half-written looks damaged:
        // only damage that is still there a moment later counts.
        usleep(50_000)
        guard let damage = Self.damage(at: logPath), damage == first,
              let bytes = FileManager.default.contents(atPath: logPath) else {
            return
        }
        let copy = keepCopy(of: bytes, logPath: logPath)
        let place = damage.frame == 0
            ? "its header is unreadable"
            : "frame \(damage.frame) at byte \(damage.offset) fails its checksum, and \(damage.lostCommits) "
                + "committed \(damage.lostCommits == 1 ? "step follows" : "steps follow") it"
        let kept = copy.map { "; a copy of it is at \($0)" } ?? "; no copy could be made beside it, so copy it yourself first"
        throw StoreError(kind: .damagedLog, path: file.path, detail: place + kept)
    }

    private static func damage(at logPath: String) -> WriteAheadLog.Damage? {
        WriteAheadLog.current(atPath: logPath)?.damage()
    }

    /// Writes the log's bytes to `PATH-wal.damaged` (or `-2`, `-3`… when that holds something else), mode
    /// 0600; a copy already there with the same bytes is used again. Nil when no copy could be written.
    private func keepCopy(of bytes: Data, logPath: String) -> String? {
        let base = logPath + ".damaged"
        var candidate = base
        var counter = 2
        while let existing = FileManager.default.contents(atPath: candidate) {
            if existing == bytes {
                return candidate
            }
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        guard FileManager.default.createFile(atPath: candidate, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            return nil
        }
        return candidate
    }
}

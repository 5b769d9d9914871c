import Foundation
import UnsentCore

/// Where loaded content is kept between runs as a snapshot, so a start reads one file instead of
/// parsing and checking every script: `$XDG_CACHE_HOME/unsent` (by default `~/.cache/unsent`).
///
/// The snapshot is named after a fingerprint of the content and carries a key that adds the
/// identity of this program file, so new content or a new build never reads an old snapshot.
/// It holds only the bundled or authored scripts, nothing the person wrote, and no help lines
/// (those are always read from their file). Any failure to read or write it is silent: the
/// content is then parsed as it would be without a cache.
///
/// Another user of the computer must not be able to plant content: folders are made 0700
/// whatever the umask, and a folder or snapshot is used only when it is the person's own and
/// nobody else can write to it. Every file is opened relative to the folder already checked,
/// without following links, and a temporary file is always a new one (O_EXCL).
struct ContentCache {
    var directory: String

    static func resolve(_ environment: [String: String]) -> ContentCache? {
        // Without a way to tell this program from a rebuilt one, a snapshot could be stale: parse.
        if environment["UNSENT_CONTENT_CACHE"] == "off" || programIdentity == nil { return nil }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return ContentCache(directory: cache + "/unsent") }
        if let home = environment["HOME"], home.hasPrefix("/") { return ContentCache(directory: home + "/.cache/unsent") }
        return nil
    }

    static func name(for fingerprint: String) -> String { "content-\(fingerprint).snapshot" }

    func path(for fingerprint: String) -> String { directory + "/" + Self.name(for: fingerprint) }

    /// The identity of the running program: a rebuilt binary has another size or date.
    static let programIdentity: String? = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        return "\(info.st_dev)-\(info.st_ino)-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    static func key(_ fingerprint: String) -> String { fingerprint + " " + (programIdentity ?? "") }

    /// The content of the snapshot for `fingerprint`; `reparse` reads the files again, should a
    /// part read later on another thread not read back.
    func read(fingerprint: String, resources: ResourceDirectory, reparse: @escaping @Sendable () -> Content?,
              accepted: () -> Void = {}) -> Content? {
        bytes(fingerprint).flatMap {
            ContentSnapshot.read($0, key: Self.key(fingerprint), resources: resources, reparse: reparse, accepted: accepted)
        }
    }

    func readSafety(fingerprint: String) -> SafetyRules? {
        bytes(fingerprint).flatMap { ContentSnapshot.readSafety($0, key: Self.key(fingerprint)) }
    }

    /// True when a file or folder is the person's own and no one else may write to it.
    static func isTrusted(_ info: stat) -> Bool {
        info.st_uid == geteuid() && info.st_mode & (S_IWGRP | S_IWOTH) == 0
    }

    /// The cache folder, opened without following a link, when it exists and is trusted.
    private func openFolder() -> Int32? {
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        var info = stat()
        guard fstat(folder, &info) == 0, Self.isTrusted(info) else {
            Glibc.close(folder)
            return nil
        }
        return folder
    }

    /// The snapshot file, to be read a range at a time: a start reads its first part, and the
    /// threads that decode the later parts read theirs. Only a regular file of the person's own,
    /// in a trusted folder, is read: a pipe or a device planted under its name is opened without
    /// waiting (O_NONBLOCK) and left alone. A snapshot is never changed in place (a new one is
    /// written beside it and renamed), so what the open file holds stays what was checked.
    private func bytes(_ fingerprint: String) -> SnapshotBytes? {
        guard let folder = openFolder() else { return nil }
        defer { Glibc.close(folder) }
        let descriptor = openat(folder, Self.name(for: fingerprint), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let file = OpenSnapshot(descriptor)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Self.isTrusted(info),
              info.st_size > 0, info.st_size < 1 << 30 else { return nil }
        return SnapshotBytes(count: Int(info.st_size)) { range in file.read(range) }
    }

    /// Makes the cache folder and any missing folder above it, each 0700 whatever the umask
    /// (a folder that exists already is left as it is), then opens it. Nil when it cannot be
    /// made, or when it is not the person's own. A folder of theirs that others may write to is
    /// closed to them first.
    private func makeFolder() -> Int32? {
        var missing: [String] = []
        var path = directory
        while !path.isEmpty, path != "/", access(path, F_OK) != 0 {
            missing.append(path)
            path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        }
        for folder in missing.reversed() {
            guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { return nil }
            // mkdir leaves out what the umask masks; 0700 is all a cache folder needs.
            chmod(folder, 0o700)
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        var info = stat()
        guard fstat(folder, &info) == 0, info.st_uid == geteuid(),
              Self.isTrusted(info) || fchmod(folder, 0o700) == 0 else {
            Glibc.close(folder)
            return nil
        }
        return folder
    }

    /// Saves a snapshot (owner-only, written whole to a new temporary file, then renamed into
    /// place) and removes the snapshots of other content.
    func write(_ content: Content, fingerprint: String) {
        guard let bytes = try? ContentSnapshot.make(content, key: Self.key(fingerprint)), let folder = makeFolder() else { return }
        defer { Glibc.close(folder) }
        let target = Self.name(for: fingerprint)
        let temporary = target + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // A new file or nothing: never one planted under the name, nor what a link there points at.
        let descriptor = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        fchmod(descriptor, 0o600)
        var written = 0
        while written < bytes.count {
            let got = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { break }
            written += got
        }
        Glibc.close(descriptor)
        guard written == bytes.count, renameat(folder, temporary, folder, target) == 0 else {
            unlinkat(folder, temporary, 0)
            return
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasPrefix("content-") && name.hasSuffix(".snapshot") && name != target {
            unlinkat(folder, name, 0)
        }
    }
}

/// An open snapshot file, closed when the last reader of it is gone.
private final class OpenSnapshot: Sendable {
    let descriptor: Int32

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        Glibc.close(descriptor)
    }

    /// The bytes in `range`, read with `pread` (safe from several threads at once); nil when the
    /// file ends before the range does.
    func read(_ range: Range<Int>) -> [UInt8]? {
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, count in
            var done = 0
            while done < range.count {
                let got = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                done += got
            }
            count = done
            complete = done == range.count
        }
        return complete ? bytes : nil
    }
}

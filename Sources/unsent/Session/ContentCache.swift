import Foundation
import UnsentCore

/// Where loaded content is kept between runs as a snapshot, so a start reads one file instead of
/// parsing and checking every script: `$XDG_CACHE_HOME/unsent` (by default `~/.cache/unsent`).
///
/// The snapshot is named after a fingerprint of the content and carries a key that adds the
/// identity of this program file, so new content or a new build never reads an old snapshot.
/// It holds only the bundled or authored scripts, nothing the person wrote. Any failure to read
/// or write it is silent: the content is then parsed as it would be without a cache.
struct ContentCache {
    var directory: String

    static func resolve(_ environment: [String: String]) -> ContentCache? {
        // Without a way to tell this program from a rebuilt one, a snapshot could be stale: parse.
        if environment["UNSENT_CONTENT_CACHE"] == "off" || programIdentity == nil { return nil }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return ContentCache(directory: cache + "/unsent") }
        if let home = environment["HOME"], home.hasPrefix("/") { return ContentCache(directory: home + "/.cache/unsent") }
        return nil
    }

    func path(for fingerprint: String) -> String { directory + "/content-\(fingerprint).snapshot" }

    /// The identity of the running program: a rebuilt binary has another size or date.
    static let programIdentity: String? = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        return "\(info.st_dev)-\(info.st_ino)-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    static func key(_ fingerprint: String) -> String { fingerprint + " " + (programIdentity ?? "") }

    func read(fingerprint: String) -> Content? {
        bytes(fingerprint).flatMap { ContentSnapshot.read($0, key: Self.key(fingerprint)) }
    }

    func readSafety(fingerprint: String) -> SafetyRules? {
        bytes(fingerprint).flatMap { ContentSnapshot.readSafety($0, key: Self.key(fingerprint)) }
    }

    /// The snapshot file's bytes, read straight into one buffer (it is most of a start's reading).
    private func bytes(_ fingerprint: String) -> [UInt8]? {
        let descriptor = open(path(for: fingerprint), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0, info.st_size < 1 << 30 else { return nil }
        let size = Int(info.st_size)
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let got = Glibc.read(descriptor, buffer.baseAddress! + done, size - done)
                if got <= 0 { break }
                done += got
            }
            count = done
            complete = done == size
        }
        return complete ? bytes : nil
    }

    /// Saves a snapshot (owner-only, written whole then renamed into place) and removes the
    /// snapshots of other content.
    func write(_ content: Content, fingerprint: String) {
        guard let bytes = try? ContentSnapshot.make(content, key: Self.key(fingerprint)) else { return }
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch { return }
        chmod(directory, 0o700)
        let target = path(for: fingerprint)
        let temporary = target + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        fchmod(descriptor, 0o600)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        Glibc.close(descriptor)
        guard written == bytes.count, rename(temporary, target) == 0 else {
            unlink(temporary)
            return
        }
        for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasPrefix("content-") && name.hasSuffix(".snapshot") && directory + "/" + name != target {
            unlink(directory + "/" + name)
        }
    }
}

import Foundation
import UnsentTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes a file truly unwritable for this process. Permission bits stop an ordinary user but not root, so as
/// root the file is made immutable with `chattr +i` where the file system and capabilities allow it.
enum ReadOnlyFile {
    static var isRoot: Bool { getuid() == 0 }

    /// Whether `make` can work here; probed once on a scratch file.
    static let isPossible: Bool = {
        guard isRoot else {
            return true
        }
        guard let directory = try? TemporaryDirectory() else {
            return false
        }
        defer { directory.remove() }
        let probe = directory.file("probe")
        guard FileManager.default.createFile(atPath: probe, contents: Data("x".utf8)),
              chattr("+i", probe)
        else {
            return false
        }
        let blocked = access(probe, W_OK) != 0
        _ = chattr("-i", probe)
        return blocked
    }()

    static func make(_ path: String) -> Bool {
        isRoot ? chattr("+i", path) : chmod(path, 0o400) == 0
    }

    static func undo(_ path: String) {
        if isRoot {
            _ = chattr("-i", path)
        } else {
            _ = chmod(path, 0o600)
        }
    }

    private static func chattr(_ flag: String, _ path: String) -> Bool {
        ChildProcess.status("/usr/bin/chattr", [flag, path]) == 0
    }
}

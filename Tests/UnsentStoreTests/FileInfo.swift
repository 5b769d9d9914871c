import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small file-system facts the tests assert on.
enum FileInfo {
    /// The permission bits of a file or folder, or nil when it is missing.
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return nil
        }
        return info.st_mode & 0o777
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// `count` pseudo-random bytes that do not start with SQLite's header.
    static func randomBytes(count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = UInt8(ascii: "X")
        return Data(bytes)
    }
}

import Foundation
import UnsentTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tools for the bad-environment tests: immutable files, a tiny disk, and files byte for byte.
enum BadEnvironment {
    /// Runs a tool and returns its exit status (nil when it could not be started).
    @discardableResult
    static func tool(_ path: String, _ arguments: [String]) -> Int32? {
        ChildProcess.status(path, arguments)
    }

    /// As root, permission bits do not stop a write; `chattr +i` does, where the tool, the file system and
    /// the capabilities allow it. Probed once on a scratch file: true when an immutable file refuses writes.
    static let canMakeImmutable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr"), let sandbox = try? Sandbox() else {
            return false
        }
        defer { sandbox.remove() }
        let probe = sandbox.file("probe")
        guard FileManager.default.createFile(atPath: probe, contents: Data("x".utf8)),
              tool("/usr/bin/chattr", ["+i", probe]) == 0 else { return false }
        let refused = access(probe, W_OK) != 0
        tool("/usr/bin/chattr", ["-i", probe])
        return refused
    }()

    static func setImmutable(_ path: String, _ on: Bool) -> Bool {
        tool("/usr/bin/chattr", [on ? "+i" : "-i", path]) == 0
    }

    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, outside a locked-down container).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let sandbox = try? Sandbox() else { return false }
        defer { sandbox.remove() }
        let folder = sandbox.file("probe-mount")
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
              let disk = TinyDisk(at: folder, size: "64k") else { return false }
        disk.unmount()
        return true
    }()

    /// Fills the file system holding `folder` with a file `name` until a write fails; returns its size.
    @discardableResult
    static func fill(_ folder: String, name: String = "filler") -> Int {
        let path = folder + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var total = 0
        let block = [UInt8](repeating: 0x55, count: 4096)
        // Whole blocks, then single bytes, so not even a byte is left.
        for size in [4096, 1] {
            while true {
                let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, size) }
                if written <= 0 { break }
                total += written
            }
        }
        return total
    }

    /// The bytes of a file, or nil when it is missing.
    static func bytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    /// Every file in a folder with its bytes.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = bytes(folder + "/" + name)
        }
        return files
    }

    /// Makes a store with some sessions in it by running the binary, and closes it.
    static func makeStore(_ path: String, sandbox: Sandbox) throws {
        let run = try BinaryRun.run(
            ["urge", "--store", path, "--seed", "1"], stdin: Data("7\nI miss you\nso much\n\n3\n1\n".utf8),
            environment: sandbox.environment(), timeout: 120)
        guard run.status == 0 else {
            throw StoreQuery.Failure(description: "Making the store \(path) failed (\(run.status)): \(run.errors)")
        }
        try checkpoint(path)
    }

    /// Copies the store's write-ahead log into the file and removes it (unsent keeps it when it closes), so
    /// that every page is in the main file, as SQLite's own checkpoint leaves it.
    static func checkpoint(_ path: String) throws {
        _ = try StoreQuery.rows("PRAGMA wal_checkpoint(TRUNCATE)", in: path, readOnly: false)
    }
}

/// A tmpfs of a given size mounted on a folder, so a test can fill a disk without touching the real one.
struct TinyDisk {
    let folder: String

    init?(at folder: String, size: String) {
        guard BadEnvironment.tool("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", folder]) == 0 else {
            return nil
        }
        self.folder = folder
    }

    func unmount() {
        BadEnvironment.tool("/bin/umount", [folder])
    }
}

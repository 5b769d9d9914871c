import Foundation

/// The files that make up a store on disk, with their sizes: the database, SQLite's files beside it, the
/// copies made before upgrades and the copies of damaged logs. Read without opening the store, so it can
/// be shown for a store that will not open.
public struct StoreInventory: Sendable, Equatable {
    /// One file beside the store.
    public struct Entry: Sendable, Equatable {
        /// What the file is for, in words ("write-ahead log").
        public let role: String
        public let path: String
        public let bytes: Int64
    }

    /// The store's path.
    public let path: String
    /// The files that exist, the database first.
    public let entries: [Entry]

    /// Looks at the store's folder for its files.
    public static func survey(path: String) -> StoreInventory {
        let file = StoreFile(path: path)
        var entries: [Entry] = []
        func add(_ role: String, _ filePath: String) {
            if case .regularFile(let size) = StoreFile(path: filePath).item() {
                entries.append(Entry(role: role, path: filePath, bytes: size))
            }
        }
        add("store", path)
        add("write-ahead log", path + "-wal")
        add("shared-memory index of the log", path + "-shm")
        let name = (path as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: file.directoryPath)) ?? []
        for other in names.sorted() {
            let otherPath = file.directoryPath == "." && !path.hasPrefix("./") ? other : file.directoryPath + "/" + other
            if other.hasPrefix(name + ".backup-") {
                add("copy made before upgrade " + other.dropFirst(name.count + ".backup-".count), otherPath)
            } else if other.hasPrefix(name + "-wal.damaged") {
                add("copy of a damaged log", otherPath)
            }
        }
        return StoreInventory(path: path, entries: entries)
    }

    /// The log's frames (each a changed page, with a 24-byte header), when the page size is `pageSize`.
    public func logFrames(pageSize: Int = 4096) -> Int {
        guard let log = entries.first(where: { $0.path == path + "-wal" }), log.bytes > 32 else {
            return 0
        }
        return Int((log.bytes - 32) / Int64(24 + pageSize))
    }
}

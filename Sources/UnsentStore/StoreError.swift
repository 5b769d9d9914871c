/// Why the store could not be opened, read or written, told in sentences that name the file and the fix.
///
/// `kind` is for code that reacts to the problem; `description` is for the person at the terminal.
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, in categories a caller can act on.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Neither a `--store` path, `UNSENT_STORE`, `XDG_DATA_HOME` nor `HOME` says where to keep the store.
        case noLocation
        /// The folder that should hold the store is missing and could not be made.
        case cannotCreateDirectory
        /// The store's path names a directory.
        case isDirectory
        /// The file is not an SQLite database, or is another program's database.
        case notADatabase
        /// The file is an SQLite database whose pages are damaged.
        case corrupt
        /// The write-ahead log (`PATH-wal`) is damaged, so SQLite would drop committed steps written after the
        /// damage; `detail` names the frame and the copy kept beside the store.
        case damagedLog
        /// Another connection holds the lock longer than the busy timeout.
        case locked
        /// The file or its folder cannot be written.
        case readOnly
        /// The disk holding the store is full.
        case diskFull
        /// Anything else; `detail` says what.
        case other
    }

    /// What went wrong.
    public let kind: Kind
    /// The store's path, as given (empty for `.noLocation`).
    public let path: String
    /// The underlying reason, such as SQLite's own message ("database is locked").
    public let detail: String

    public init(kind: Kind, path: String, detail: String = "") {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .noLocation:
            return "There is no place to keep the store: neither HOME nor XDG_DATA_HOME is set. "
                + "Set HOME or XDG_DATA_HOME, or pass --store with a file path."
        case .cannotCreateDirectory:
            return "The folder \(directory) for the store at \(path) could not be created\(reason). "
                + "Create it yourself (mode 0700) or pass --store with another path."
        case .isDirectory:
            return "The store at \(path) is a directory, not a file. Pass --store with a file path."
        case .notADatabase:
            return "The store at \(path) is not an unsent database\(reason). It was left untouched. "
                + "Move it aside or pass --store with another path."
        case .corrupt:
            return "The store at \(path) is damaged\(reason). It was left untouched. "
                + "Move it aside to start a new store, or pass --store with another path."
        case .damagedLog:
            return "The store at \(path) has a damaged write-ahead log, \(path)-wal\(reason): opening it would "
                + "silently drop what was written after the damage. Nothing was changed. To keep what was written "
                + "before the damage and lose the rest, move \(path)-wal aside and run unsent again; to keep "
                + "everything, restore the store and its -wal file from a backup."
        case .locked:
            return "The store at \(path) is in use by another program\(reason). "
                + "Close other unsent sessions and try again."
        case .readOnly:
            return "The store at \(path) cannot be written\(reason). "
                + "Check the file's permissions (it should belong to you, mode 0600) and its folder's, "
                + "or pass --store with another path."
        case .diskFull:
            return "The store at \(path) could not be written because the disk is full\(reason). "
                + "Free some space and try again."
        case .other:
            return "The store at \(path) could not be used\(reason). "
                + "Check the file and the disk and try again, or pass --store with another path."
        }
    }

    /// The detail as a parenthesis that follows the first sentence's main clause, or nothing.
    private var reason: String {
        detail.isEmpty ? "" : " (\(detail))"
    }

    /// The folder part of `path`, for messages about it.
    private var directory: String {
        StoreFile(path: path).directoryPath
    }
}

/// Why a backup could not be written, in a sentence that names the file and the fix.
public struct BackupProblem: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The file is there already and replacing it was not asked for.
        case exists
        /// The path names a folder.
        case isDirectory
        /// The file or its folder could not be written (the reason says why).
        case cannotWrite
        /// The backup was written but reads back damaged.
        case damaged
    }

    public var kind: Kind
    /// The backup file.
    public var file: String
    /// The system's reason, for `cannotWrite`.
    public var reason: String

    public init(kind: Kind, file: String, reason: String = "") {
        self.kind = kind
        self.file = file
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .exists: "\(file) already exists. Name another file, or add --force to replace it."
        case .isDirectory: "\(file) is a folder. Name a file for the backup, such as \(file)/unsent-backup.sqlite."
        case .cannotWrite: "The backup \(file) could not be written (\(reason)). Check that its folder exists and is yours, and that the disk has room."
        case .damaged: "The backup \(file) did not read back whole, so it was not kept. Try again; if it happens again, run `unsent doctor`."
        }
    }
}

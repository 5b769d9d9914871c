import Foundation

/// Where the built `unsent` executable and the repository are, found from this file's own path
/// so the tests work from any working directory.
enum UnsentBinary {
    /// The repository root: this file is `<root>/Tests/UnsentCLITests/UnsentBinary.swift`.
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .path

    /// The debug build of the executable, which `Scripts/test` builds before `swift test`.
    static let path = repositoryRoot + "/.build/debug/unsent"

    /// The folder of this test target, where fixtures live.
    static let testsFolder = repositoryRoot + "/Tests/UnsentCLITests"

    /// The bundled content folder in the repository.
    static let contentFolder = repositoryRoot + "/Content"

    /// Thrown when the executable has not been built.
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "There is no unsent executable at \(UnsentBinary.path). These tests run the built binary: "
                + "run `swift build --product unsent` in \(UnsentBinary.repositoryRoot) first (Scripts/test does this for you)."
        }
    }

    /// The executable's path, or a clear error saying how to build it.
    static func require() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing() }
        return path
    }
}

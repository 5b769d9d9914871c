/// Why an export file could not be imported, in a sentence that names the file, the place and the fix.
public struct ImportProblem: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file being imported.
    public var file: String
    /// What is wrong, as a clause: "the store is not empty", "sessions[3].startedAt is not a date".
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        "\(file) could not be imported: \(problem). Nothing was imported."
    }
}

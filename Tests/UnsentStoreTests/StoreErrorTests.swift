import Testing
import UnsentStore

@Suite("Store error messages")
struct StoreErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let error: StoreError
        let expected: String

        var testDescription: String { error.kind.rawValue }
    }

    static let path = "/x/unsent.sqlite"

    static let cases: [Case] = [
        Case(
            error: StoreError(kind: .notADatabase, path: path, detail: "file is not a database"),
            expected: """
                The store at /x/unsent.sqlite is not an unsent database (file is not a database). \
                It was left untouched. Move it aside or pass --store with another path.
                """),
        Case(
            error: StoreError(kind: .locked, path: path, detail: "database is locked"),
            expected: """
                The store at /x/unsent.sqlite is in use by another program (database is locked). \
                Close other unsent sessions and try again.
                """),
        Case(
            error: StoreError(kind: .readOnly, path: path, detail: "attempt to write a readonly database"),
            expected: """
                The store at /x/unsent.sqlite cannot be written (attempt to write a readonly database). \
                Check the file's permissions (it should belong to you, mode 0600) and its folder's, \
                or pass --store with another path.
                """),
        Case(
            error: StoreError(kind: .isDirectory, path: path),
            expected: "The store at /x/unsent.sqlite is a directory, not a file. Pass --store with a file path."),
        Case(
            error: StoreError(kind: .corrupt, path: path, detail: "database disk image is malformed"),
            expected: """
                The store at /x/unsent.sqlite is damaged (database disk image is malformed). It was left untouched. \
                Move it aside to start a new store, or pass --store with another path.
                """),
        Case(
            error: StoreError(kind: .diskFull, path: path, detail: "database or disk is full"),
            expected: """
                The store at /x/unsent.sqlite could not be written because the disk is full \
                (database or disk is full). Free some space and try again.
                """),
        Case(
            error: StoreError(kind: .cannotCreateDirectory, path: path, detail: "Permission denied"),
            expected: """
                The folder /x for the store at /x/unsent.sqlite could not be created (Permission denied). \
                Create it yourself (mode 0700) or pass --store with another path.
                """),
        Case(
            error: StoreError(kind: .other, path: path, detail: "disk I/O error"),
            expected: """
                The store at /x/unsent.sqlite could not be used (disk I/O error). \
                Check the file and the disk and try again, or pass --store with another path.
                """),
    ]

    @Test(arguments: cases)
    func descriptionsNameThePathAndTheFix(_ testCase: Case) {
        #expect(testCase.error.description == testCase.expected)
    }

    @Test func everyKindWithAPathNamesIt() {
        for kind in StoreError.Kind.allCases where kind != .noLocation {
            let error = StoreError(kind: kind, path: "/some/where.sqlite", detail: "why")
            #expect(error.description.contains("/some/where.sqlite"), "\(kind)")
            if kind != .isDirectory {
                #expect(error.description.contains("(why)"), "\(kind)")
            }
        }
    }
}

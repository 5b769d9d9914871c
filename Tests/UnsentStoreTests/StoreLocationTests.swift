import Testing
import UnsentStore

@Suite("Store location")
struct StoreLocationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let explicitPath: String?
        let environment: [String: String]
        let expected: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "--store wins over everything",
            explicitPath: "/tmp/mine.sqlite",
            environment: ["UNSENT_STORE": "/env.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/a"],
            expected: "/tmp/mine.sqlite"),
        Case(
            name: "UNSENT_STORE comes next",
            explicitPath: nil,
            environment: ["UNSENT_STORE": "/env.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/a"],
            expected: "/env.sqlite"),
        Case(
            name: "an empty --store counts as not given",
            explicitPath: "",
            environment: ["UNSENT_STORE": "/env.sqlite"],
            expected: "/env.sqlite"),
        Case(
            name: "then XDG_DATA_HOME",
            explicitPath: nil,
            environment: ["UNSENT_STORE": "", "XDG_DATA_HOME": "/xdg/", "HOME": "/home/a"],
            expected: "/xdg/unsent/unsent.sqlite"),
        Case(
            name: "a relative XDG_DATA_HOME is ignored, as the XDG spec says",
            explicitPath: nil,
            environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/a"],
            expected: "/home/a/.local/share/unsent/unsent.sqlite"),
        Case(
            name: "then HOME",
            explicitPath: nil,
            environment: ["XDG_DATA_HOME": "", "HOME": "/home/a"],
            expected: "/home/a/.local/share/unsent/unsent.sqlite"),
        Case(
            name: "HOME of /",
            explicitPath: nil,
            environment: ["HOME": "/"],
            expected: "/.local/share/unsent/unsent.sqlite"),
    ]

    @Test(arguments: cases)
    func resolvesInOrder(_ testCase: Case) throws {
        let path = try StoreLocation.resolve(explicitPath: testCase.explicitPath, environment: testCase.environment)
        #expect(path == testCase.expected)
    }

    @Test(arguments: [[:], ["HOME": "", "XDG_DATA_HOME": ""], ["PATH": "/usr/bin"]] as [[String: String]])
    func withoutHomeOrXDGItSaysWhatToSet(environment: [String: String]) {
        let error = #expect(throws: StoreError.self) {
            try StoreLocation.resolve(explicitPath: nil, environment: environment)
        }
        #expect(error?.kind == .noLocation)
        #expect(error?.description
            == "There is no place to keep the store: neither HOME nor XDG_DATA_HOME is set. "
            + "Set HOME or XDG_DATA_HOME, or pass --store with a file path.")
    }
}

import Foundation
import Testing

/// Expected output kept as plain files in `Tests/UnsentCLITests/Expected/`, read through this
/// file's path (the target declares no resources). Set `UNSENT_RECORD_CLI=1` to re-record them
/// on purpose after changing dialogue.
enum Golden {
    static let folder = UnsentBinary.testsFolder + "/Expected"

    static var recording: Bool { ProcessInfo.processInfo.environment["UNSENT_RECORD_CLI"] == "1" }

    /// The expected lines in a golden file.
    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Compares actual lines with a golden file, recording them instead when asked to.
    static func expect(_ actual: [String], matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if recording {
            try (actual.joined(separator: "\n") + "\n").write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            return
        }
        let expected = try lines(name)
        #expect(actual == expected, "Output differs from Expected/\(name) (- expected, + actual):\n\(diff(expected, actual))",
                sourceLocation: sourceLocation)
    }

    /// Compares actual lines with expected lines taken from a golden file (named for the message).
    static func expect(_ actual: [String], matchesLines expected: [String], name: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(actual == expected, "Output differs from Expected/\(name) (- expected, + actual):\n\(diff(expected, actual))",
                sourceLocation: sourceLocation)
    }

    /// A line diff: lines only in `expected` start with '-', only in `actual` with '+', shared with ' '.
    static func diff(_ expected: [String], _ actual: [String]) -> String {
        let difference = actual.difference(from: expected)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var result: [String] = []
        var e = 0, a = 0
        while e < expected.count || a < actual.count {
            if e < expected.count, removed.contains(e) {
                result.append("- " + expected[e]); e += 1
            } else if a < actual.count, inserted.contains(a) {
                result.append("+ " + actual[a]); a += 1
            } else {
                if e < expected.count { result.append("  " + expected[e]) }
                e += 1; a += 1
            }
        }
        return result.joined(separator: "\n")
    }
}

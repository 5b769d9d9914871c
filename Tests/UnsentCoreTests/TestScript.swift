import Foundation
import Testing
@testable import UnsentCore

/// Small in-memory content for tests: a prelude with every text the engine needs and stub
/// safety flows, so each test writes only the lines it is about.
enum TestScript {
    /// The file name tests write their own lines under; errors point into it.
    static let file = "test.unsent"

    /// Every required text, each saying its own name in angle brackets (`<help>`), so tests can
    /// see which engine line was said.
    static var texts: String {
        "texts\n" + Content.requiredTexts.map { "  \($0): <\($0)>" }.joined(separator: "\n") + "\n"
    }

    /// The flows the engine starts by itself, as small stubs.
    static let safetyFlows = """
        flow crisis
          node start
            say: <crisis>
            return
        flow check-in
          node start
            say: <check-in>
            return
        flow sos
          node start
            say: <sos>
            return
        flow safety-followup
          node start
            say: <safety-followup>
            return

        """

    /// The prelude files, then the test's own file.
    static func files(_ text: String, file: String = TestScript.file) -> [(path: String, text: String)] {
        [("prelude.texts", texts), ("safety-stubs.flow", safetyFlows), (file, text)]
    }

    static func load(_ text: String, file: String = TestScript.file,
                     more: [(path: String, text: String)] = []) throws(ContentError) -> Content {
        try ContentLoader.load(files: files(text, file: file) + more)
    }

    /// The full rendered error for content that must not load, or nil when it loads.
    static func error(_ text: String, file: String = TestScript.file) -> String? {
        do throws(ContentError) {
            _ = try load(text, file: file)
            return nil
        } catch {
            return error.description
        }
    }

    /// Writes an outline from lines, so indentation in tests stays visible.
    static func lines(_ lines: String...) -> String { lines.joined(separator: "\n") + "\n" }
}

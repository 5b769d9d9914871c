import Foundation
import Testing
import UnsentCore

/// Issue 19, "Text in every language": rows fit a narrow window by display width, typed and piped
/// Chinese is stored whole whatever the locale, and search finds words inside Chinese text.
@Suite("Text in every language", .serialized)
struct TextInEveryLanguageTests {
    static let chinese = "我真的很想你，可是我知道现在不应该给你发消息。我会再等一等，明天再想想。"

    /// What a terminal of `columns` showed, as lines, without escape sequences and carriage returns.
    static func shownLines(_ terminal: PseudoTerminal) -> [String] {
        TerminalTests.withoutEscapes(terminal.text).replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
    }

    @Test func aChineseDraftFitsTheDrawerListInAFortyColumnWindow() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try StatsFixture.make(at: sandbox.store, sandbox: sandbox)
        try StatsFixture.execute("""
            INSERT INTO draft (createdAt, text) VALUES ('2026-02-01 20:00:00.000', '\(Self.chinese)');
            INSERT INTO draft (createdAt, text) VALUES ('2026-02-02 20:00:00.000', 'ok 👍🏽👍🏽 ☕☕ \(Self.chinese)');
            INSERT INTO draft (createdAt, text, sealedUntil) VALUES ('2026-02-03 20:00:00.000', 'x', '9999-01-01 00:00:00.000');
            """, in: sandbox.store)

        let terminal = try PseudoTerminal(["drafts", "--store", sandbox.store, "--no-pager"],
                                          environment: sandbox.environment(["TERM": "xterm-256color", "NO_COLOR": "1"]), columns: 40)
        #expect(try terminal.waitForExit() == 0)

        let lines = Self.shownLines(terminal).filter { !$0.isEmpty }
        let wide = lines.filter { DisplayWidth.of($0) > 39 }
        #expect(wide.isEmpty, "lines wider than the window: \(wide)")
        #expect(lines.contains { $0.contains("我真的很想") && $0.hasSuffix("…") }, "\(lines)")
        #expect(lines.contains { $0.contains("👍🏽👍🏽 ☕☕") }, "\(lines)")

        // In a pipe, rows keep up to 60 columns of text (59 here: no half of a two-column character).
        let piped = try BinaryRun.run(["drafts", "--store", sandbox.store], environment: sandbox.environment())
        let row = try #require(piped.lines.first { $0.contains("我真的") })
        #expect(DisplayWidth.of(try #require(row.components(separatedBy: " — ").last)) == 59, "\(row)")
    }

    /// Locales that are not UTF-8: C, C set over everything, and none at all.
    static let plainLocales: [[String: String]] = [["LANG": "C"], ["LC_ALL": "C", "LANG": "C.UTF-8"], ["LANG": ""]]

    @Test(arguments: plainLocales)
    func chineseTypedUnderAPlainLocaleIsStoredWhole(_ locale: [String: String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try PseudoTerminal(["urge", "--wait", "1s", "--store", sandbox.store, "--seed", "1"],
                                          environment: sandbox.environment(["TERM": "xterm-256color"].merging(locale) { _, new in new }))
        try terminal.waitFor(TerminalTests.prompt)
        // A character too many, taken back with a backspace: a whole character goes, not one byte of it.
        try terminal.type("我真的很想你好")
        try terminal.waitFor("你好")
        try terminal.type("\u{7F}\r")
        try terminal.waitFor(TerminalTests.prompt)
        try terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        let session = try TerminalTests.session(sandbox)
        let typed = try StoreQuery.turns(session: session.id, in: sandbox.store).filter { $0.speaker == "person" }.map(\.text)
        #expect(typed == ["我真的很想你"], "\(typed.map(\.debugDescription))")
    }

    @Test(arguments: plainLocales)
    func chinesePipedUnderAPlainLocaleIsStoredWhole(_ locale: [String: String]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["urge", "--store", sandbox.store, "--seed", "1"], stdin: Data("我真的很想你\n".utf8),
                                    environment: sandbox.environment(locale))
        #expect(run.status == 0, "stderr: \(run.errors)")
        let session = try TerminalTests.session(sandbox)
        let typed = try StoreQuery.turns(session: session.id, in: sandbox.store).filter { $0.speaker == "person" }.map(\.text)
        #expect(typed == ["我真的很想你"], "\(typed.map(\.debugDescription))")
    }

    @Test func searchFindsAWordInsideChineseText() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for text in ["我真的很想你", "今天很好", "I miss you so much"] {
            let note = try BinaryRun.run(["log", "note", text, "--store", sandbox.store], environment: sandbox.environment())
            try #require(note.status == 0, "stderr: \(note.errors)")
        }

        let found = try BinaryRun.run(["search", "想你", "--store", sandbox.store], environment: sandbox.environment())
        #expect(found.status == 0, "stderr: \(found.errors)")
        #expect(found.output.contains("我真的很[想你]"), "\(found.output)")
        #expect(!found.output.contains("今天"), "\(found.output)")

        let english = try BinaryRun.run(["search", "missing", "--store", sandbox.store], environment: sandbox.environment())
        #expect(english.output.contains("I [miss] you"), "the porter index still serves English: \(english.output)")
    }
}

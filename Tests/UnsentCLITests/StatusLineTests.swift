import Foundation
import Testing

/// `unsent status --line`: one short line for a prompt or a status bar, no colour, one newline, the same
/// through the quick path and through ArgumentParser.
@Suite("Status line")
struct StatusLineTests {
    private func line(_ sandbox: Sandbox, _ extra: [String: String] = [:]) throws -> BinaryRun {
        try BinaryRun.run(["status", "--line", "--store", sandbox.store], environment: sandbox.environment(extra))
    }

    @Test func withoutAStoreItSaysSoAndMakesNone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try line(sandbox)

        #expect(run.status == 0)
        #expect(run.output == "no plan yet\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.store))
    }

    @Test func theDayAndWhetherTodaysCheckInIsDone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let set = try BinaryRun.run(["plan", "set", "start", PersonDay.today(offset: -11), "--store", sandbox.store], environment: sandbox.environment())
        try #require(set.status == 0, "\(set.errors)")

        let open = try line(sandbox, ["TERM": "xterm-256color"])
        let slow = try line(sandbox, ["UNSENT_QUICK_START": "off"])
        let ascii = try line(sandbox, ["LANG": "C"])
        try StatsFixture.execute("""
            INSERT INTO event (at, kind, fields) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'reflection', '{"day":"\(PersonDay.today())","mood":"6"}');
            """, in: sandbox.store)
        let done = try line(sandbox)

        #expect(open.output == "day 12 · check-in open\n")
        #expect(slow.stdout == open.stdout)
        #expect(ascii.output == "day 12 - check-in open\n")
        #expect(done.output == "day 12 · checked in\n")
        for run in [open, slow, ascii, done] {
            #expect(run.status == 0 && run.errors.isEmpty, "\(run.errors)")
            #expect(!run.output.contains("\u{1B}"))
        }
    }

    @Test func aPlanThatStartsLaterSaysWhen() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try BinaryRun.run(["plan", "set", "start", PersonDay.today(offset: 2), "--store", sandbox.store], environment: sandbox.environment())

        #expect(try line(sandbox).output == "plan starts in 2 days\n")
    }
}

import Foundation
import Testing

/// `unsent shell-hook`: the snippets, and the once-a-day reminder they run, in a real bash.
@Suite("Shell hook")
struct ShellHookTests {
    static let sentence = "unsent: today's check-in is still open, whenever you're ready: unsent reflect\n"

    /// A sandbox with a plan, and `unsent` on PATH (a link to the binary under test).
    private func prepared(dayStart: Int, checkIn: Int) throws -> Sandbox {
        let sandbox = try Sandbox()
        let folder = sandbox.file("bin")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/unsent", withDestinationPath: try UnsentBinary.require())
        for arguments in [["plan", "set", "start", "yesterday"], ["settings", "set", "day-start", String(dayStart)],
                          ["settings", "set", "check-in", String(checkIn)]] {
            let run = try BinaryRun.run(arguments, environment: environment(sandbox))
            try #require(run.status == 0, "\(arguments): \(run.errors)")
        }
        return sandbox
    }

    private func environment(_ sandbox: Sandbox) -> [String: String] {
        var environment = sandbox.environment()
        environment["PATH"] = sandbox.file("bin") + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return environment
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    private var stamp: (Sandbox) -> String { { $0.file("xdg-cache/unsent/next-nudge") } }

    /// Starts an interactive bash that reads only the snippet.
    private func bash(_ sandbox: Sandbox) throws -> BinaryRun {
        let snippet = try BinaryRun.run(["shell-hook", "bash"], environment: environment(sandbox))
        try snippet.stdout.write(to: URL(fileURLWithPath: sandbox.file("rc.bash")))
        return try BinaryRun.run(["--noprofile", "--rcfile", sandbox.file("rc.bash"), "-i"], stdin: Data("exit\n".utf8),
                                 environment: environment(sandbox), executable: "/bin/bash")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func theSnippetIsForItsShellAndCallsTheHook(_ shell: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["shell-hook", shell], environment: sandbox.environment())

        #expect(run.status == 0)
        #expect(run.output.hasPrefix("# unsent: a gentle reminder, once a day"))
        #expect(run.output.contains("command unsent shell-hook --nudge 2>/dev/null"))
        #expect(run.output.contains("unsent/next-nudge"))
        if shell == "bash" {
            let checked = try BinaryRun.run(["-n"], stdin: run.stdout, environment: sandbox.environment(), executable: "/bin/bash")
            #expect(checked.status == 0, "\(checked.errors)")
        }
    }

    @Test func withoutAShellItSaysWhichItTakes() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["shell-hook"], environment: sandbox.environment())
        let wrong = try BinaryRun.run(["shell-hook", "tcsh"], environment: sandbox.environment())

        #expect(run.status == 64)
        #expect(run.errors.contains("Name your shell: unsent shell-hook bash, zsh or fish."))
        #expect(wrong.status == 64)
        #expect(wrong.errors.contains("tcsh"))
    }

    @Test func theFirstShellAfterTheCheckInHourSaysItOnceADay() throws {
        // Days start at midnight and the check-in hour is midnight: the reminder is due whenever this runs.
        let sandbox = try prepared(dayStart: 0, checkIn: 0)
        defer { sandbox.remove() }

        let first = try bash(sandbox)
        let second = try bash(sandbox)

        #expect(first.output == Self.sentence, "\(first.errors)")
        #expect(second.output.isEmpty)
        #expect(Self.mode(stamp(sandbox)) == 0o600)
        #expect(Self.mode(sandbox.file("xdg-cache/unsent")) == 0o700)
        let written = try String(contentsOfFile: stamp(sandbox), encoding: .utf8)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let tomorrow = calendar.startOfDay(for: Date()).addingTimeInterval(86_400)
        // The next look is tomorrow at the check-in hour (give or take a midnight passing during the test).
        let next = try #require(Double(written.split(separator: " ")[0]))
        #expect(abs(next - tomorrow.timeIntervalSince1970) <= 86_400 + 3600, "\(written)")
    }

    @Test func aDoneCheckInSaysNothing() throws {
        let sandbox = try prepared(dayStart: 0, checkIn: 0)
        defer { sandbox.remove() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        let today = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        try StatsFixture.execute("""
            INSERT INTO event (at, kind, fields) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), 'reflection', '{"day":"\(today)"}');
            """, in: sandbox.file("xdg-data/unsent/unsent.sqlite"))

        let run = try bash(sandbox)

        #expect(run.output.isEmpty, "\(run.output)")
        #expect(FileManager.default.fileExists(atPath: stamp(sandbox)))
    }

    @Test func beforeTheCheckInHourItWaitsForIt() throws {
        // The day starts this hour and the check-in is two hours later: not yet, whatever the time now.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let hour = calendar.component(.hour, from: Date())
        let sandbox = try prepared(dayStart: hour, checkIn: (hour + 2) % 24)
        defer { sandbox.remove() }

        let run = try bash(sandbox)

        #expect(run.output.isEmpty, "\(run.output)")
        let written = try String(contentsOfFile: stamp(sandbox), encoding: .utf8)
        let next = try #require(Double(written.split(separator: " ")[0]))
        #expect(next > Date().timeIntervalSince1970 + 3600 - 60 && next <= Date().timeIntervalSince1970 + 2 * 3600, "\(written)")
    }

    @Test func aStampInTheFutureKeepsUnsentFromStartingAtAll() throws {
        let sandbox = try prepared(dayStart: 0, checkIn: 0)
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(atPath: sandbox.file("xdg-cache/unsent"), withIntermediateDirectories: true)
        try "\(Int(Date().timeIntervalSince1970) + 3600) x\n".write(toFile: stamp(sandbox), atomically: true, encoding: .utf8)
        // Were unsent started, it would find the store unreadable and say so.
        try FileManager.default.removeItem(atPath: sandbox.file("bin/unsent"))
        try "#!/bin/sh\necho started\n".write(toFile: sandbox.file("bin/unsent"), atomically: true, encoding: .utf8)
        chmod(sandbox.file("bin/unsent"), 0o755)

        let run = try bash(sandbox)

        #expect(run.output.isEmpty, "\(run.output)")
    }

    @Test func withoutAStoreItSaysNothingAndMakesNone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["shell-hook", "--nudge"], environment: sandbox.environment())

        #expect(run.status == 0)
        #expect(run.output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.defaultStoreFolder))
    }
}

import Foundation
import Testing

/// What a person writes stays private: the data folder and files are the user's alone whatever the umask,
/// and the program never opens a network connection.
@Suite("Privacy")
struct PrivacyTests {
    static let urgeInput = Data("7\nI miss you\nso much\n\n3\n1\n".utf8)

    @Test func underUmask000TheDataFolderIs0700AndEveryFile0600() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // Neither the XDG data folder nor unsent's folder in it exists before the first run.
        #expect(!FileManager.default.fileExists(atPath: sandbox.file("xdg-data")))

        let first = try BinaryRun.run(["urge", "--seed", "1"], stdin: Self.urgeInput, environment: sandbox.environment(), umask: "000")
        let second = try BinaryRun.run(["reflect", "--seed", "2"], stdin: Data("quit\n".utf8), environment: sandbox.environment(), umask: "000")

        #expect(first.status == 0, "stderr: \(first.errors)")
        #expect(second.status == 0, "stderr: \(second.errors)")
        let folder = sandbox.defaultStoreFolder
        #expect(FileMode.of(sandbox.file("xdg-data")) == 0o700, "the data home unsent created is \(Self.octal(FileMode.of(sandbox.file("xdg-data"))))")
        #expect(FileMode.of(folder) == 0o700, "the unsent folder is \(Self.octal(FileMode.of(folder)))")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.contains("unsent.sqlite"), "files: \(files)")
        for file in files {
            let mode = FileMode.of(folder + "/" + file)
            #expect(mode == 0o600, "\(file) is \(Self.octal(mode))")
        }
        // Both sessions went there (so the files checked are the ones in use).
        #expect(try StoreQuery.sessions(in: folder + "/unsent.sqlite").count == 2)
    }

    /// While a session is running, its WAL and shared-memory files exist too: they must be private as well.
    @Test func underUmask000TheFilesOfALiveSessionAre0600() throws {
        let bench = try DurabilityBench()
        defer { bench.remove() }
        let folder = bench.sandbox.file("private")
        let store = folder + "/unsent.sqlite"
        let lines = DurabilityBench.lines(tag: "live", count: 2_000)
        var random = SplitMix(seed: 3)
        let (chunks, pauses) = DurabilityKillTests.chunked(lines, random: &random)

        let child = try DurabilityChild(
            arguments: ["-c", "umask 000 && exec \"$0\" \"$@\"", try UnsentBinary.require()] + bench.arguments(store: store),
            environment: bench.sandbox.environment(), chunks: chunks, pauses: pauses, executable: "/bin/sh")
        defer { child.stop() }
        try #require(child.waitForFirstOutput(timeout: 20))
        usleep(300_000)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let modes = files.map { ($0, FileMode.of(folder + "/" + $0)) }
        let folderMode = FileMode.of(folder)
        let outcome = child.killAndCollect()

        #expect(outcome.killed, "the session ended before it was looked at: \(outcome.errors)")
        #expect(folderMode == 0o700, "the folder is \(Self.octal(folderMode))")
        #expect(Set(files).isSuperset(of: ["unsent.sqlite", "unsent.sqlite-wal", "unsent.sqlite-shm"]), "files: \(files)")
        for (file, mode) in modes {
            #expect(mode == 0o600, "\(file) is \(Self.octal(mode))")
        }
    }

    // MARK: No network

    static let straceWorks: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"),
              let run = try? BinaryRun.run(["-f", "-o", "/dev/null", "/bin/true"], environment: [:], executable: "/usr/bin/strace", timeout: 20)
        else { return false }
        return run.status == 0
    }()

    /// Runs unsent under `strace -f -e trace=network` and returns the trace.
    private func traced(_ arguments: [String], stdin: Data, sandbox: Sandbox, name: String) throws -> (BinaryRun, String) {
        let trace = sandbox.file("\(name).strace")
        let run = try BinaryRun.run(
            ["-f", "-e", "trace=network", "-o", trace, try UnsentBinary.require()] + arguments, stdin: stdin,
            environment: sandbox.environment(), executable: "/usr/bin/strace", timeout: 60)
        return (run, try String(contentsOfFile: trace, encoding: .utf8))
    }

    @Test(.enabled(if: straceWorks, "strace is not installed or cannot trace here (ptrace not permitted)"))
    func noNetworkSocketIsEverOpened() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let store = sandbox.file("store.sqlite")
        let sessions: [(name: String, arguments: [String], input: Data)] = [
            ("urge", ["urge", "--store", store, "--seed", "1"], Self.urgeInput),
            ("home", ["--store", store, "--seed", "2"], Data("help\n1\n7\nquit\n".utf8)),
            ("reply", ["reply", "--store", store, "--seed", "3", "--region", "uk"], Data("hey can we talk\nsos\nquit\n".utf8)),
            ("check", ["content", "check"], Data()),
        ]

        for session in sessions {
            let (run, trace) = try traced(session.arguments, stdin: session.input, sandbox: sandbox, name: session.name)
            #expect(run.status == 0, "\(session.name): status \(run.status), stderr: \(run.errors)")
            // The trace really covers the program: strace notes how each traced process ended.
            #expect(trace.contains("+++ exited with 0 +++"), "\(session.name): the trace looks empty: \(trace.prefix(500))")
            let calls = NetworkTrace.forbiddenCalls(in: trace)
            #expect(calls.isEmpty, "\(session.name) made network calls:\n\(calls.joined(separator: "\n"))")
        }
        #expect(try StoreQuery.sessions(in: store).count == 3)
    }

    @Test func theTraceCheckerCatchesNetworkCallsAndLetsLocalSocketsBe() {
        let network = [
            #"1234  socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3"#,
            #"1234  socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 3"#,
            #"1234  connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}, 16) = 0"#,
            #"1234  sendto(3, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53)}, 28) = 1"#,
            #"1234  socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3"#,
            #"1234  socket(AF_PACKET, SOCK_RAW, 768) = 3"#,
        ]
        for line in network {
            #expect(NetworkTrace.forbiddenCalls(in: line) == [line], "\(line)")
        }
        let local = """
            1234  socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3
            1234  connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)
            1234  socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
            1234  +++ exited with 0 +++
            """
        #expect(NetworkTrace.forbiddenCalls(in: local).isEmpty)
    }

    static func octal(_ mode: mode_t?) -> String {
        mode.map { "0" + String($0, radix: 8) } ?? "missing"
    }

    /// A note given on standard input is not in the command line, which every user can see in `ps`
    /// while the crisis check's conversation runs.
    @Test func aNoteCanBeGivenOnStandardInput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["log", "note", "--store", sandbox.store], stdin: Data("A hard evening, but I stayed off my phone\n".utf8),
                                    environment: sandbox.environment())
        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.output.contains("Note logged"), "stdout: \(run.output)")
        let texts = try StoreQuery.column("SELECT json_extract(fields, '$.text') FROM event WHERE kind = 'note'", in: sandbox.store)
        #expect(texts == ["A hard evening, but I stayed off my phone"])
    }

    /// The note is the first line; the lines after it answer the crisis check's questions.
    @Test func aCrisisNoteOnStandardInputGetsTheSafetyStepsToo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["log", "note", "--store", sandbox.store, "--region", "us"],
                                    stdin: Data("I don't want to be alive anymore\nquit\n".utf8), environment: sandbox.environment())
        #expect(!run.timedOut, "stderr: \(run.errors)")
        #expect(run.output.contains("988"), "the crisis line is not shown: \(run.output)")
        let kinds = try StoreQuery.column("SELECT kind FROM event ORDER BY id", in: sandbox.store)
        #expect(kinds.prefix(2) == ["note", "crisis"], "events: \(kinds)")
        let texts = try StoreQuery.column("SELECT json_extract(fields, '$.text') FROM event WHERE kind = 'note'", in: sandbox.store)
        #expect(texts == ["I don't want to be alive anymore"])
    }

    @Test func anEmptyNoteOnStandardInputIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try BinaryRun.run(["log", "note", "--store", sandbox.store], stdin: Data("\n".utf8), environment: sandbox.environment())
        #expect(run.status == 64, "stderr: \(run.errors)")
        #expect(run.errors.contains("The note is empty"), "stderr: \(run.errors)")
    }
}

/// Reads an `strace -e trace=network` log.
///
/// Local (AF_UNIX) sockets are allowed: the C library may use them to ask nscd or systemd about users and
/// hosts, which is not network access. Any other address family — AF_INET, AF_INET6, and also AF_NETLINK
/// and AF_PACKET, which look at network interfaces — and any connect, send or bind to an address that is
/// not a local socket counts as network use.
enum NetworkTrace {
    static func forbiddenCalls(in trace: String) -> [String] {
        trace.split(separator: "\n").map(String.init).filter(isForbidden)
    }

    static func isForbidden(_ line: String) -> Bool {
        for call in ["socket(", "socketpair("] where line.contains(" \(call)") || line.hasPrefix(call) {
            return !line.contains("\(call)AF_UNIX") && !line.contains("\(call)AF_LOCAL")
        }
        for call in ["connect(", "bind(", "sendto(", "sendmsg(", "accept(", "accept4(", "listen("] where line.contains(call) {
            // A call on a socket we allowed: only an explicit non-local address makes it network use.
            if line.contains("sa_family=") {
                return !line.contains("sa_family=AF_UNIX") && !line.contains("sa_family=AF_LOCAL")
            }
            return call == "listen(" || call == "accept(" || call == "accept4("
        }
        return false
    }
}

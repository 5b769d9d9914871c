import Foundation

/// A fresh temporary home for one test: HOME and every XDG folder point inside it, so a run
/// never reads or writes the person's real store or configuration.
struct Sandbox {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("unsent-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// A path inside the sandbox.
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// A store path inside the sandbox (not yet created).
    var store: String { file("store.sqlite") }

    /// Where unsent keeps its store by default under this sandbox's XDG_DATA_HOME.
    var defaultStoreFolder: String { file("xdg-data/unsent") }

    /// The environment a run gets: a minimal PATH and locale, the sandboxed HOME and XDG folders,
    /// no UNSENT_STORE, NO_COLOR or TERM unless the test adds them.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": path,
            "XDG_DATA_HOME": file("xdg-data"),
            "XDG_CONFIG_HOME": file("xdg-config"),
            "XDG_STATE_HOME": file("xdg-state"),
            "XDG_CACHE_HOME": file("xdg-cache"),
            "XDG_RUNTIME_DIR": file("xdg-runtime"),
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

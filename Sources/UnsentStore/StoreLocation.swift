/// Where the store lives when the person does not say: the `--store` path, then `UNSENT_STORE`, then the XDG
/// data folder, then `~/.local/share`.
public enum StoreLocation {
    /// The store's file name inside the data folder.
    public static let fileName = "unsent.sqlite"
    /// The folder made for the store inside the data folder.
    public static let folderName = "unsent"

    /// Returns the path of the store file.
    ///
    /// - Parameters:
    ///   - explicitPath: The value of `--store`, if given. An empty value counts as not given.
    ///   - environment: The process environment (`ProcessInfo.processInfo.environment`), injected for tests.
    /// - Throws: `StoreError` of kind `.noLocation` when nothing says where the store goes.
    public static func resolve(explicitPath: String?, environment: [String: String]) throws(StoreError) -> String {
        if let explicitPath, !explicitPath.isEmpty {
            return explicitPath
        }
        if let fromEnvironment = environment["UNSENT_STORE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return join(dataHome, folderName, fileName)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return join(home, ".local/share", folderName, fileName)
        }
        throw StoreError(kind: .noLocation, path: "")
    }

    /// Joins path parts with single slashes, whatever trailing slashes the first one has.
    private static func join(_ base: String, _ parts: String...) -> String {
        var trimmed = base
        while trimmed.count > 1, trimmed.hasSuffix("/") {
            trimmed.removeLast()
        }
        let prefix = trimmed == "/" ? "" : trimmed
        return ([prefix] + parts).joined(separator: "/")
    }
}

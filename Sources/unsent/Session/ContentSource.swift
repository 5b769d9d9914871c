import Foundation
import UnsentContent
import UnsentCore

/// Finds the dialogue scripts: the bundled `Content/` (embedded at build time), with a user
/// folder (`$XDG_CONFIG_HOME/unsent/content`) adding or overriding files by name, or an
/// author's folder given with `--content` in place of both.
struct ContentSource: Sendable {
    /// Display path (as errors show it) → text.
    var files: [(path: String, text: String)]
    /// Where `include` lines outside the set are read from, when content comes from disk.
    var directory: String?
    /// The paths whose text is the bundled text, part of this program file.
    var bundledPaths: Set<String> = []

    static func resolve(contentDirectory: String?, environment: [String: String]) throws -> ContentSource {
        if let contentDirectory {
            return ContentSource(files: try readFolder(contentDirectory, displayPrefix: contentDirectory), directory: contentDirectory)
        }
        var byPath: [String: String] = [:]
        var order: [String] = []
        for file in BundledContent.files {
            byPath["Content/" + file.path] = file.text
            order.append("Content/" + file.path)
        }
        if let overlay = userContentFolder(environment), FileManager.default.fileExists(atPath: overlay) {
            for file in (try? readFolder(overlay, displayPrefix: overlay)) ?? [] {
                let relative = String(file.path.dropFirst(overlay.count + 1))
                let key = "Content/" + relative
                if byPath[key] == nil { order.append(key) }
                byPath[key] = file.text
            }
        }
        let bundled = Set(BundledContent.files.compactMap { file in
            byPath["Content/" + file.path] == file.text ? "Content/" + file.path : nil
        })
        return ContentSource(files: order.compactMap { path in byPath[path].map { (path, $0) } }, directory: nil,
                             bundledPaths: bundled)
    }

    static func userContentFolder(_ environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/unsent/content" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/unsent/content" }
        return nil
    }

    static func readFolder(_ folder: String, displayPrefix: String) throws -> [(path: String, text: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationFailure("The content folder \(folder) does not exist or is not a folder.")
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        var files: [(String, String)] = []
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        for case let relative as String in walker {
            let full = root + "/" + relative
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                  let data = FileManager.default.contents(atPath: full) else { continue }
            let prefix = displayPrefix.hasSuffix("/") ? String(displayPrefix.dropLast()) : displayPrefix
            files.append((prefix + "/" + relative, String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// What the content is made of, for naming its snapshot: every file's path and text. A bundled
    /// file's text is part of this program, whose identity stands for it, so a start does not read
    /// and hash the megabyte of bundled scripts (only the files a person or an author added).
    var fingerprint: String {
        let program = bundledPaths.isEmpty ? [] : ["program " + (ContentCache.programIdentity ?? "unknown")]
        return ContentSnapshot.fingerprint(program + files.flatMap { file in
            bundledPaths.contains(file.path) ? [file.path, ""] : [file.path, file.text]
        })
    }

    var scripts: [(path: String, text: String)] { files.filter { ContentLoader.isScript($0.path) } }
    var transcripts: [(path: String, text: String)] { files.filter { $0.path.hasSuffix(".transcript") } }

    /// The content, from the cache's snapshot when it has one for exactly these files; else
    /// parsed, and then saved there for the next start.
    /// The help lines always come from their file (it is small), never from the snapshot.
    /// `fromSnapshot` is called when the content is known good, before the snapshot's parts are read.
    func load(cache: ContentCache?, fromSnapshot: () -> Void = {}) throws(ContentError) -> Content {
        guard let cache, let resources = try ContentLoader.loadResources(files: scripts) else { return try load() }
        let fingerprint = self.fingerprint
        // A later part of the snapshot that does not add up is read again from the files, and the
        // snapshot is made anew for the next start.
        let reparse: @Sendable () -> Content? = { [self] in
            guard let content = try? load() else { return nil }
            cache.write(content, fingerprint: fingerprint)
            return content
        }
        if let content = cache.read(fingerprint: fingerprint, resources: resources, reparse: reparse, accepted: fromSnapshot) {
            return content
        }
        let content = try load()
        cache.write(content, fingerprint: fingerprint)
        return content
    }

    /// Only the crisis rules: from the snapshot's own part when there is one, else from a full load
    /// (which then saves the snapshot).
    func loadSafety(cache: ContentCache?) throws(ContentError) -> SafetyRules {
        if let cache, let rules = cache.readSafety(fingerprint: fingerprint) { return rules }
        return try load(cache: cache).safety
    }

    /// The content, parsed, linked and checked from the files.
    func load() throws(ContentError) -> Content {
        let known = Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        return try ContentLoader.load(files: scripts) { path in
            if let text = known[path] { return text }
            guard directory != nil, let data = FileManager.default.contents(atPath: path) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// A message for the person, shown as is, with an exit status.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    var status: Int32
    init(_ description: String, status: Int32 = 2) {
        self.description = description
        self.status = status
    }
}

import Foundation
@testable import UnsentCore

/// Files on disk the tests read: the bundled `Content/` folder and the fixtures beside the tests.
enum Repository {
    /// The folder this file is in: `Tests/UnsentCoreTests`.
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root.
    static let root = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relativePath: String) throws -> String {
        try String(contentsOf: testsFolder.appendingPathComponent("Fixtures/" + relativePath), encoding: .utf8)
    }

    /// Every file under `Content/`, as (display path like `Content/flows/urge.flow`, text), sorted by path.
    static func contentFiles() throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent("Content").standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [(path: String, text: String)] = []
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let full = folder + "/" + relative
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: full) else { continue }
            files.append(("Content/" + relative, String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The bundled scripts (the files `ContentLoader.isScript` accepts).
    static func scriptFiles() throws -> [(path: String, text: String)] {
        try contentFiles().filter { ContentLoader.isScript($0.path) }
    }

    /// Loads the bundled content from disk, following includes inside the folder.
    static func loadContent() throws -> Content {
        let all = try contentFiles()
        let known = Dictionary(all.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        return try ContentLoader.load(files: all.filter { ContentLoader.isScript($0.path) }) { known[$0] }
    }

    /// Display paths of every `.transcript` file under `Content/`, found afresh on each run.
    static func transcriptPaths() -> [String] {
        ((try? contentFiles()) ?? []).map(\.path).filter { $0.hasSuffix(".transcript") }
    }

    static func read(_ displayPath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(displayPath), encoding: .utf8)
    }
}

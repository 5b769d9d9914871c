import Foundation

/// Loads content from a set of files (already read by the caller: the core does no I/O),
/// follows includes, and links names. Errors stop the load; warnings are kept for the linter.
public enum ContentLoader {
    /// File extensions read as scripts. Transcripts (`.transcript`) and notes (`.md`) are not scripts.
    public static let scriptExtensions: Set<String> = ["flow", "rules", "cards", "concepts", "texts", "unsent"]

    public static func isScript(_ path: String) -> Bool {
        if isSafety(path) || isSafetyModel(path) || isReaderModel(path) || isResources(path) || isPrompts(path) || isTone(path) { return true }
        guard let dot = path.lastIndex(of: ".") else { return false }
        return scriptExtensions.contains(String(path[path.index(after: dot)...]))
    }

    static func isSafety(_ path: String) -> Bool { path.hasSuffix(".safety") }
    /// The crisis check's statistical model (`Content/safety/model.weights`): not an outline.
    static func isSafetyModel(_ path: String) -> Bool { path.hasSuffix(".weights") }
    /// A trained reader's model (`Content/reframes/reframes.model`): not an outline.
    static func isReaderModel(_ path: String) -> Bool { path.hasSuffix(".model") }
    static func isPrompts(_ path: String) -> Bool { path.hasSuffix(".prompts") }
    static func isTone(_ path: String) -> Bool { path.hasSuffix(".tone") }
    static func isResources(_ path: String) -> Bool { path.hasSuffix("/resources") || path == "resources" || path.hasSuffix(".resources") }

    /// - Parameters:
    ///   - files: script files as (display path, text), in load order. Display paths are what
    ///     errors show, such as `Content/flows/urge.flow`.
    ///   - readInclude: reads a file named by an `include` line that is not among `files`.
    public static func load(files: [(path: String, text: String)],
                            readInclude: (String) -> String? = { _ in nil }) throws(ContentError) -> Content {
        var parser = ContentParser()
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        var loaded = Set<String>()
        var queue = files.map { ($0.path, Optional($0.text), Optional<SourceLocation>.none) }
        let known = Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        var order: [String] = []
        var safety = SafetyRules()
        var resources = ResourceDirectory()
        var prompts = PromptDeck()
        var tone = ToneRules()
        var readers: [String: TextReaderModel] = [:]
        while !queue.isEmpty {
            let (path, maybeText, includedFrom) = queue.removeFirst()
            let normalized = normalize(path)
            if loaded.contains(normalized) { continue }
            loaded.insert(normalized)
            guard let text = maybeText ?? known[normalized] ?? readInclude(normalized) else {
                if let includedFrom {
                    diagnostics.append(.error(at: includedFrom, "cannot read the included file '\(path)'",
                                              note: "include paths are relative to the file that includes them"))
                }
                continue
            }
            order.append(normalized)
            // Kept whole; split into lines only when a diagnostic needs its line.
            sources[normalized] = text
            let before = parser.includes.count
            do throws(ContentError) {
                if isSafetyModel(normalized) {
                    try safety.addModel(file: normalized, text: text)
                } else if isReaderModel(normalized) {
                    let model = try TextReaderModel.read(file: normalized, text: text)
                    if readers[model.name] != nil {
                        throw ContentError([.error(at: SourceLocation(file: normalized, line: 1, column: 1),
                                                   "a second model for the rule set '\(model.name)'",
                                                   note: "each rule set has at most one trained reader")])
                    }
                    readers[model.name] = model
                } else {
                    let lines = try OutlineReader.read(file: normalized, text: text)
                    if isSafety(normalized) {
                        try safety.add(file: normalized, lines: lines)
                    } else if isResources(normalized) {
                        try resources.add(file: normalized, lines: lines)
                    } else if isPrompts(normalized) {
                        try prompts.add(file: normalized, lines: lines)
                    } else if isTone(normalized) {
                        try tone.add(file: normalized, lines: lines)
                    } else {
                        parser.add(file: normalized, lines: lines)
                    }
                }
            } catch {
                diagnostics += error.diagnostics
            }
            for include in parser.includes[before...] {
                let directory = normalized.split(separator: "/").dropLast().joined(separator: "/")
                let target = include.path.hasPrefix("/") ? include.path : (directory.isEmpty ? include.path : directory + "/" + include.path)
                queue.append((target, nil, include.location))
            }
        }
        var content = parser.content
        content.files = order
        content.safety = safety
        content.resources = resources
        content.prompts = prompts
        content.tone = tone
        content.readers = readers
        content.sources = sources
        diagnostics += parser.diagnostics
        diagnostics += ContentLinker.link(&content)
        diagnostics += content.safety.link()
        diagnostics += content.tone.link()
        diagnostics += content.resources.link()
        diagnostics = diagnostics.map { attachSource($0, sources) }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw ContentError(errors.sorted { $0.location < $1.location }) }
        return content
    }

    /// Only the help lines: the resources files among `files`, read and checked as `load` reads
    /// them; nil when there is none. A start reads them from the files even when the rest of the
    /// content comes from a snapshot, so a snapshot never decides which numbers are shown.
    public static func loadResources(files: [(path: String, text: String)]) throws(ContentError) -> ResourceDirectory? {
        let chosen = files.filter { isResources(normalize($0.path)) }
        guard !chosen.isEmpty else { return nil }
        var resources = ResourceDirectory()
        var diagnostics: [Diagnostic] = []
        for file in chosen {
            do throws(ContentError) {
                try resources.add(file: normalize(file.path), lines: try OutlineReader.read(file: normalize(file.path), text: file.text))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        diagnostics += resources.link()
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw ContentError(errors.sorted { $0.location < $1.location }) }
        return resources
    }

    /// Adds the source line to a diagnostic so it can show a caret.
    public static func attachSource(_ diagnostic: Diagnostic, _ sources: [String: String]) -> Diagnostic {
        var copy = diagnostic
        if copy.sourceLine == nil, let text = sources[diagnostic.location.file] {
            let lines = (text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text)
                .split(separator: "\n", omittingEmptySubsequences: false)
            guard diagnostic.location.line >= 1, diagnostic.location.line <= lines.count else { return copy }
            var line = String(lines[diagnostic.location.line - 1])
            if line.hasSuffix("\r") { line.removeLast() }
            copy.sourceLine = line
        }
        return copy
    }


    /// Removes `.` and `..` parts of a relative path.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// Reads tone content and fixtures from the repository, the way the loader does.
enum ToneSupport {
    /// The `.tone` files of `Content/tone`, as (display path, text).
    static func contentFiles() throws -> [(path: String, text: String)] {
        let folder = Repository.root.appendingPathComponent("Content/tone")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.filter { $0.hasSuffix(".tone") }.map {
            ("Content/tone/\($0)", try Repository.read("Content/tone/\($0)"))
        }
    }

    /// Reads files through `OutlineReader` and `ToneRules` exactly as `ContentLoader` does for
    /// `.tone` files, without needing the rest of the content.
    static func load(_ files: [(path: String, text: String)]) throws(ContentError) -> ToneRules {
        var rules = ToneRules()
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        for file in files {
            sources[file.path] = file.text
            do throws(ContentError) {
                try rules.add(file: file.path, lines: try OutlineReader.read(file: file.path, text: file.text))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        diagnostics += rules.link()
        let errors = diagnostics.filter { $0.severity == .error }.map { ContentLoader.attachSource($0, sources) }
        if !errors.isEmpty { throw ContentError(errors.sorted { $0.location < $1.location }) }
        return rules
    }

    /// The bundled rules, loaded once.
    static let bundled: Result<ToneRules, ContentError> = {
        do {
            return .success(try load(try contentFiles()))
        } catch let error as ContentError {
            return .failure(error)
        } catch {
            return .failure(ContentError([.error(at: SourceLocation(file: "Content/tone", line: 1, column: 1), "\(error)")]))
        }
    }()

    static func rules() throws -> ToneRules { try bundled.get() }

    /// One labelled draft: the flags it should raise (sorted), the category it answers, the draft.
    struct Example: Sendable {
        var flags: [String]
        var category: String
        var draft: String
        var line: Int
    }

    /// Reads `flags<TAB>category<TAB>draft` lines; `-` is no flags; `\n` in a draft is a line break.
    static func examples(_ name: String) throws -> [Example] {
        let text = try Repository.fixture("tone/\(name)")
        var result: [Example] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " }) { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let flags = fields[0] == "-" ? [] : fields[0].split(separator: ",").map(String.init)
            result.append(Example(flags: flags, category: String(fields[1]),
                                  draft: fields[2].replacingOccurrences(of: "\\n", with: "\n"), line: number + 1))
        }
        return result
    }

    /// Per-flag and overall (micro-averaged) precision and recall.
    struct Scores: CustomStringConvertible {
        var truePositives: [String: Int] = [:]
        var falsePositives: [String: Int] = [:]
        var falseNegatives: [String: Int] = [:]
        var drafts = 0
        var clean = 0
        var cleanKeptClean = 0
        var misses: [String] = []

        static func ratio(_ hits: Int, _ total: Int) -> Double { total == 0 ? 1 : Double(hits) / Double(total) }

        func precision(_ flag: String) -> Double {
            Self.ratio(truePositives[flag, default: 0], truePositives[flag, default: 0] + falsePositives[flag, default: 0])
        }

        func recall(_ flag: String) -> Double {
            Self.ratio(truePositives[flag, default: 0], truePositives[flag, default: 0] + falseNegatives[flag, default: 0])
        }

        var precision: Double {
            let hits = truePositives.values.reduce(0, +)
            return Self.ratio(hits, hits + falsePositives.values.reduce(0, +))
        }

        var recall: Double {
            let hits = truePositives.values.reduce(0, +)
            return Self.ratio(hits, hits + falseNegatives.values.reduce(0, +))
        }

        /// The per-flag table, then the overall line.
        var description: String {
            func percent(_ value: Double) -> String { String(format: "%5.1f%%", value * 100) }
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            var lines = ["flag           precision  recall   tp  fp  fn"]
            for flag in ToneRules.flagIDs {
                let tp = truePositives[flag, default: 0], fp = falsePositives[flag, default: 0], fn = falseNegatives[flag, default: 0]
                lines.append(pad(flag, 15) + pad(percent(precision(flag)), 11) + pad(percent(recall(flag)), 8)
                             + String(format: "%3d %3d %3d", tp, fp, fn))
            }
            lines.append("overall (micro) precision \(percent(precision)), recall \(percent(recall)); "
                         + "\(drafts) drafts, \(cleanKeptClean)/\(clean) clean drafts raised nothing")
            return lines.joined(separator: "\n")
        }
    }

    static func score(_ examples: [Example], with rules: ToneRules) -> Scores {
        score(examples) { rules.check($0, category: $1) }
    }

    /// Scores any tone check: `check` gets the draft and the example's category.
    static func score(_ examples: [Example], _ check: (String, String) -> [ToneFlag]) -> Scores {
        var scores = Scores()
        for example in examples {
            let raised = check(example.draft, example.category)
            let found = Set(raised.map(\.id))
            let expected = Set(example.flags)
            scores.drafts += 1
            if expected.isEmpty {
                scores.clean += 1
                if found.isEmpty { scores.cleanKeptClean += 1 }
            }
            for flag in found.intersection(expected) { scores.truePositives[flag, default: 0] += 1 }
            for flag in found.subtracting(expected) {
                scores.falsePositives[flag, default: 0] += 1
                let quote = raised.first { $0.id == flag }?.quote ?? ""
                scores.misses.append("extra \(flag) on '\(quote)', line \(example.line) [\(example.category)]: \(example.draft)")
            }
            for flag in expected.subtracting(found) {
                scores.falseNegatives[flag, default: 0] += 1
                scores.misses.append("missed \(flag), line \(example.line) [\(example.category)]: \(example.draft)")
            }
        }
        return scores
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// Reads safety content and fixtures from the repository, the way the loader does.
enum SafetySupport {
    /// The repository root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The `.safety` files, the model file and the resources file of `Content/safety`, as (display path, text).
    static func contentFiles() throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent("Content/safety")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.filter { $0.hasSuffix(".safety") || $0.hasSuffix(".weights") || $0 == "resources" }.map {
            ("Content/safety/\($0)", try read("Content/safety/\($0)"))
        }
    }

    /// Reads files through `OutlineReader` and `SafetyRules`/`ResourceDirectory` exactly as
    /// `ContentLoader` does for these kinds of file, without needing the rest of the content.
    static func load(_ files: [(path: String, text: String)]) throws(ContentError) -> (SafetyRules, ResourceDirectory) {
        var safety = SafetyRules()
        var resources = ResourceDirectory()
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        for file in files {
            sources[file.path] = file.text
            do throws(ContentError) {
                if file.path.hasSuffix(".weights") {
                    try safety.addModel(file: file.path, text: file.text)
                    continue
                }
                let lines = try OutlineReader.read(file: file.path, text: file.text)
                if file.path.hasSuffix(".safety") {
                    try safety.add(file: file.path, lines: lines)
                } else {
                    try resources.add(file: file.path, lines: lines)
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        diagnostics += safety.link()
        diagnostics += resources.link()
        let errors = diagnostics.filter { $0.severity == .error }.map { ContentLoader.attachSource($0, sources) }
        if !errors.isEmpty { throw ContentError(errors) }
        return (safety, resources)
    }

    /// The bundled rules, loaded once.
    static let bundled: Result<(SafetyRules, ResourceDirectory), ContentError> = {
        do {
            return .success(try load(try contentFiles()))
        } catch let error as ContentError {
            return .failure(error)
        } catch {
            return .failure(ContentError([.error(at: SourceLocation(file: "Content/safety", line: 1, column: 1), "\(error)")]))
        }
    }()

    static func rules() throws -> SafetyRules { try bundled.get().0 }

    /// The bundled rules without the statistical model: the first two layers alone.
    static let withoutModel: Result<SafetyRules, ContentError> = {
        do {
            return .success(try load(try contentFiles().filter { !$0.path.hasSuffix(".weights") }).0)
        } catch let error as ContentError {
            return .failure(error)
        } catch {
            return .failure(ContentError([.error(at: SourceLocation(file: "Content/safety", line: 1, column: 1), "\(error)")]))
        }
    }()

    static func rulesWithoutModel() throws -> SafetyRules { try withoutModel.get() }

    static func resources() throws -> ResourceDirectory { try bundled.get().1 }

    /// One labelled line of a fixture: the expected label (`-` for none) and the statement.
    struct Example: Sendable {
        var label: String
        var text: String
        var line: Int
    }

    static func examples(_ name: String) throws -> [Example] {
        let text = try read("Tests/UnsentCoreTests/Fixtures/safety/\(name)")
        var result: [Example] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " }) { continue }
            guard let tab = line.firstIndex(of: "\t") else { continue }
            result.append(Example(label: String(line[..<tab]), text: String(line[line.index(after: tab)...]), line: number + 1))
        }
        return result
    }

    /// Recall, false alarms and the rest for one labelled set.
    struct Scores: CustomStringConvertible {
        var crisisTotal = 0, crisisFound = 0, crisisExact = 0
        var negativeTotal = 0, falseAlarms = 0
        var ambiguousTotal = 0, ambiguousExact = 0, ambiguousMissed = 0
        var misses: [String] = []

        var recall: Double { crisisTotal == 0 ? 1 : Double(crisisFound) / Double(crisisTotal) }
        var falseAlarmRate: Double { negativeTotal == 0 ? 0 : Double(falseAlarms) / Double(negativeTotal) }
        var exactAccuracy: Double { crisisTotal == 0 ? 1 : Double(crisisExact) / Double(crisisTotal) }
        var ambiguousShare: Double { ambiguousTotal == 0 ? 1 : Double(ambiguousExact) / Double(ambiguousTotal) }

        var description: String {
            func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
            return "crisis recall \(percent(recall)) (\(crisisFound)/\(crisisTotal)), "
                + "false alarms \(percent(falseAlarmRate)) (\(falseAlarms)/\(negativeTotal)), "
                + "exact category \(percent(exactAccuracy)) (\(crisisExact)/\(crisisTotal)), "
                + "ambiguous exactly ambiguous \(percent(ambiguousShare)) (\(ambiguousExact)/\(ambiguousTotal)), "
                + "ambiguous missed \(ambiguousMissed)"
        }
    }

    static func score(_ examples: [Example], with rules: SafetyRules) -> Scores {
        var scores = Scores()
        for example in examples {
            let found = rules.explain(example.text)
            let shown = found.map { "\($0.category.rawValue) by \($0.rule)" } ?? "nothing"
            switch example.label {
            case "-":
                scores.negativeTotal += 1
                if found != nil {
                    scores.falseAlarms += 1
                    scores.misses.append("false alarm, line \(example.line): \(example.text) -> \(shown)")
                }
            case "ambiguous":
                scores.ambiguousTotal += 1
                if found?.category == .ambiguous { scores.ambiguousExact += 1 }
                if found == nil {
                    scores.ambiguousMissed += 1
                    scores.misses.append("ambiguous missed, line \(example.line): \(example.text)")
                }
            default:
                scores.crisisTotal += 1
                if let found, found.category.isCrisis {
                    scores.crisisFound += 1
                    if found.category.rawValue == example.label {
                        scores.crisisExact += 1
                    } else {
                        scores.misses.append("other category, line \(example.line) (\(example.label)): \(example.text) -> \(shown)")
                    }
                } else {
                    scores.misses.append("missed, line \(example.line) (\(example.label)): \(example.text) -> \(shown)")
                }
            }
        }
        return scores
    }
}

import ArgumentParser
import Foundation
import UnsentCore

/// How well answers typed at the flows' questions are read, on a labelled file: each line names a
/// question (`urge.trigger`: the flow and the question's variable), what a careful reader takes the
/// answer to mean, and the answer. Read as the engine reads it: a yes or no, else "unsure" when the
/// answer says so, else the option's key, the number, the hours of a duration or the day of a date;
/// "none" when nothing fits. Prints the misses and the share right per question.
struct DevAnswers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Measure how answers at the flows' questions are read, on a labelled file (QUESTION<TAB>EXPECTED<TAB>ANSWER).")

    @Argument(help: "The labelled file.")
    var file: String

    @Option(help: "A content folder to use instead of the bundled content.")
    var content: String?

    @Option(help: "The day answers are read on (dates like '5 days ago' count back from it).")
    var today = "2026-11-23"

    func run() throws {
        let loaded = try ContentLoading.load(content)
        guard let text = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw ValidationError("Cannot read \(file).")
        }
        var formatter = Date.ISO8601FormatStyle()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        guard let now = try? formatter.parse(today + "T20:00:00Z") else { throw ValidationError("--today takes YYYY-MM-DD.") }
        let reader = AnswerReader(normalizer: loaded.normalizer, calendar: Engine.utcCalendar)
        var questions: [String: Question] = [:]
        // In file order, so that of several questions with one name the first written is measured, in every run (the
        // nodes' dictionary order changes from run to run).
        let ordered = loaded.nodes.values.sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
        for node in ordered {
            // By flow (`crisis.safe`) and by the file the flow is in (`safety.safe`).
            let stem = URL(fileURLWithPath: node.location.file).deletingPathExtension().lastPathComponent
            for case .ask(let question, _) in node.code.instructions {
                if questions["\(node.flow).\(question.variable)"] == nil { questions["\(node.flow).\(question.variable)"] = question }
                if questions["\(stem).\(question.variable)"] == nil { questions["\(stem).\(question.variable)"] = question }
            }
        }
        var totals: [String: (right: Int, all: Int)] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { continue }
            guard let question = questions[fields[0]] else {
                print("unknown question \(fields[0])")
                continue
            }
            let got = Self.reading(fields[2], question, reader: reader, now: now)
            let right = got == fields[1]
            totals[fields[0], default: (0, 0)].all += 1
            if right { totals[fields[0], default: (0, 0)].right += 1 } else { print("miss\t\(fields[0])\twanted \(fields[1]), read \(got)\t\(fields[2])") }
        }
        var right = 0, all = 0
        for (name, total) in totals.sorted(by: { $0.key < $1.key }) {
            print("\(name)\t\(total.right)/\(total.all)\t\(String(format: "%.1f%%", 100 * Double(total.right) / Double(max(1, total.all))))")
            right += total.right
            all += total.all
        }
        print("all\t\(right)/\(all)\t\(String(format: "%.1f%%", 100 * Double(right) / Double(max(1, all))))")
    }

    static func reading(_ answer: String, _ question: Question, reader: AnswerReader, now: Date) -> String {
        if question.kind == .yesNo, reader.read(answer, as: .yesNo, choices: question.choices, now: now) == nil, reader.isUnsure(answer) {
            return "unsure"
        }
        guard let value = reader.read(answer, as: question.kind, choices: question.choices, now: now) else { return "none" }
        switch (question.kind, value) {
        case (.yesNo, .bool(let yes)): return yes ? "yes" : "no"
        case (.duration, .number(let seconds)): return seconds % 3600 == 0 ? String(seconds / 3600) : String(format: "%.2f", Double(seconds) / 3600)
        default: return value.description
        }
    }
}

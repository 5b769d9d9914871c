/// The plain form of outputs, used through pipes and in transcripts: one line per said line,
/// a question's words, then its choices numbered.
public enum PlainRenderer {
    public static func lines(for output: Output) -> [String] {
        switch output {
        case .say(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .ask(let prompt):
            var lines = prompt.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (index, choice) in prompt.choices.enumerated() {
                lines.append("  \(index + 1). \(choice.label)")
            }
            return lines
        case .at, .event, .draft, .sealDraft, .deleteDraft, .withdrawDraft, .wait, .variation, .ended, .remember:
            return []
        }
    }
}

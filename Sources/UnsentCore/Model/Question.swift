/// What kind of answer a question takes.
public enum AnswerKind: Sendable, Hashable, Codable {
    case choice
    case scale(ClosedRange<Int>)
    case yesNo
    case text
    case lines
    case date
    case duration
    case number
    /// A number of days, read from a bare number or a length in days, weeks, months or years
    /// ("45", "six weeks", "a month and a half").
    case days

    /// The kinds written with their name alone (a scale also takes its range), by name.
    static let byName: [String: AnswerKind] = [
        "choice": .choice, "yesno": .yesNo, "text": .text, "lines": .lines,
        "date": .date, "duration": .duration, "number": .number, "days": .days,
    ]

    public var name: String {
        switch self {
        case .choice: "choice"
        case .scale: "scale"
        case .yesNo: "yesno"
        case .text: "text"
        case .lines: "lines"
        case .date: "date"
        case .duration: "duration"
        case .number: "number"
        case .days: "days"
        }
    }
}

/// One option of a choice question: a short key stored in the variable, and the label shown.
public struct Choice: Sendable, Hashable, Codable {
    public var key: String
    public var label: String
    /// Other ways people say this option (written after `|` in the option line), matched as phrases.
    public var synonyms: [String]
    /// The label with its `{variables}`, when it has any; filled in each time the question is asked.
    public var labelTemplate: Template?
    public init(key: String, label: String, synonyms: [String] = [], labelTemplate: Template? = nil) {
        self.key = key
        self.label = label
        self.synonyms = synonyms
        self.labelTemplate = labelTemplate
    }
}

/// A typed question: the answer goes into `variable`; invalid answers are re-asked with
/// the hint up to `retries` times, then the fallback runs.
public struct Question: Sendable, Hashable, Codable {
    public var variable: String
    public var kind: AnswerKind
    public var prompt: Template
    public var choices: [Choice]
    public var hint: Template?
    public var retries: Int
    /// An empty answer is accepted (as none) instead of being asked again.
    public var optional: Bool = false
    /// The answer holds someone else's words (a message pasted from the ex): in the crisis check
    /// their "I" is the ex, so "I'll kill myself" is the ex threatening self-harm and
    /// "I'll hurt you" is danger to the person.
    public var theirs: Bool = false
    public var defaultValue: Expression?
    public var location: SourceLocation
    /// What an unsure answer ("idk", "maybe", "sometimes", "kinda") means here (`unsure:` in
    /// content); without it, such an answer is asked again with the hint.
    public var unsureValue: Expression? = nil
    /// Crisis categories this question itself asks about (`covers: danger, ambiguous`): words of
    /// those kinds in its answer are the answer, read by the flow, not a reason to stop and ask
    /// something else ("he yells when he's angry" at "Have you ever felt afraid of them?").
    public var covers: [String] = []
    /// Words said earlier that may already answer this date or choice question (`from: input`):
    /// when a day can be read in them ("i texted him yesterday", "we talked 3 days ago"), or
    /// exactly one option's words ("8, i just saw his insta story" names the option with
    /// "story"), that is the answer, and the question is not asked.
    public var fillFrom: Expression? = nil
    /// Words an answer often starts with that the sentence it goes into already has (`drop:
    /// because, bc`): "because i deserve peace" is kept as "i deserve peace".
    public var dropWords: [String] = []
    /// At a choice question, a number of days typed instead of an option (`days: plan_length`): "40"
    /// or "six weeks" at a menu of lengths goes into this variable, and the choice is `days`.
    public var daysVariable: String? = nil
    /// At a question of days (`counted from: plan_start`), an end date said instead ("until the 31st of March",
    /// drive-36) is the number of days from the day this gives to that date, both days counted.
    public var countedFrom: Expression? = nil
}

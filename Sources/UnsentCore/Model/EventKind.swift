/// The kinds of event the code writes or reads back from the store (statistics, plan facts,
/// search, the journal, export, `unsent log`, the crisis check): their one home, so no kind is
/// spelled twice. The flows record most of them, and the content declares those too
/// (`event reflection: day, mood, …`): `unsent content check` fails when such a kind, or a field
/// the code reads from it, is not declared (`Linter.checkEvents`), so a renamed event fails the
/// lint instead of a person's stats page. Flows may record other kinds of their own; the code
/// keeps them and shows them by name.
public enum EventKind: String, CaseIterable, Sendable {
    // Recorded by the flows (and some by `unsent log` and `unsent plan set` too).
    case planSet = "plan-set"
    case planEnded = "plan-ended"
    case reflection
    case tomorrow
    case contact
    case milestone
    case urgeStarted = "urge-started"
    case draftKept = "draft-kept"
    case urgeEnded = "urge-ended"
    case draftRevisited = "draft-revisited"
    case contactReceived = "contact-received"
    case replyPractised = "reply-practised"
    case review
    case safetyAnswer = "safety-answer"
    case safetyChoice = "safety-choice"
    // Recorded by the code alone.
    /// `unsent log note`, and journal entries brought in by `unsent import`.
    case note
    /// `unsent log mood`.
    case mood
    /// Crisis language stopped a conversation or a logged line.
    case crisis
    /// Language that might be a crisis: the person was asked gently.
    case checkIn = "check-in"

    /// Whether the flows record it, so that the content must declare it.
    public var isRecordedByFlows: Bool {
        switch self {
        case .note, .mood, .crisis, .checkIn: false
        default: true
        }
    }

    /// The fields the code reads back from it: what a flow recording it must write.
    public var fieldsRead: [EventField] {
        switch self {
        case .planSet: [.start, .length, .reason]
        case .planEnded: [.start, .choice]
        case .reflection: [.day, .mood, .strongest, .contact, .prompt, .entry]
        case .tomorrow: [.day, .text]
        case .contact: [.day, .direction]
        case .milestone: [.days]
        case .urgeStarted: [.intensity]
        case .urgeEnded: [.before, .after, .trigger, .outcome, .practical]
        case .draftRevisited: [.draft, .feeling, .decision]
        case .review: [.noticed, .nextWeek]
        case .note: [.day, .text]
        case .mood: [.day, .mood]
        case .draftKept, .contactReceived, .replyPractised, .safetyAnswer, .safetyChoice, .crisis, .checkIn: []
        }
    }

    /// The kinds whose text is the person's journal: search finds it and `forget` can remove it.
    public static let journal: [EventKind] = [.reflection, .note, .tomorrow]

    /// The field that holds a journal kind's text: a reflection's entry, else its text.
    public var journalField: EventField { self == .reflection ? .entry : .text }

    /// The kind a crisis check's category records: a gentle check-in when it is unclear.
    public static func safety(_ category: CrisisCategory) -> EventKind {
        category == .ambiguous ? .checkIn : .crisis
    }
}

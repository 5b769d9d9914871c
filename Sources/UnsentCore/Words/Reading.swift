/// One way a reader understood a text: a class (a card, a category, a flag) and how likely the
/// reader thinks it is, from 0 to 1.
public struct Reading: Sendable, Hashable {
    public var id: String
    public var confidence: Float

    public init(id: String, confidence: Float) {
        self.id = id
        self.confidence = confidence
    }
}

/// What a reader makes of a text, and so what the conversation does with it: act on one reading,
/// ask which of a few it is, or say it back in the person's own words.
public enum ReadingDecision: Sendable, Hashable {
    /// A precise rule fired, or the model is confident: act on it.
    case sure(Reading)
    /// Two or three readings are likely and none stands out: ask, best first.
    case unsure([Reading])
    /// No reading is likely enough to offer.
    case nothing

    /// The readings the conversation would offer, best first: one when sure, two or three when
    /// unsure, none otherwise.
    public var offered: [Reading] {
        switch self {
        case .sure(let reading): [reading]
        case .unsure(let readings): readings
        case .nothing: []
        }
    }
}

import Foundation

/// One place where the searched words were found.
public struct SearchHit: Sendable, Equatable {
    /// Where the text lives.
    public enum Source: String, Sendable, CaseIterable {
        /// A reflection's entry, a note or a plan for tomorrow (an event).
        case journal
        /// A message in the drawer.
        case draft
        /// A line the person typed in a conversation (a turn).
        case conversation
    }

    public var source: Source
    /// The event's, draft's or turn's id.
    public var id: Int64
    /// The conversation it was written in, if any.
    public var sessionId: Int64?
    public var at: Date
    /// For journal texts, the event kind (reflection, note, tomorrow); for conversations, the session's flow.
    public var kind: String?
    /// The `day` field of a journal event, when it has one.
    public var day: String?
    /// A short excerpt around the matches, with each matched word between `SearchHit.openMark` and `closeMark`.
    public var snippet: String
    /// SQLite's bm25 score: lower is a better match.
    public var score: Double

    /// Marks put around matched words in `snippet` (private-use characters, so they never clash with text).
    public static let openMark: Character = "\u{E000}"
    public static let closeMark: Character = "\u{E001}"

    public init(source: Source, id: Int64, sessionId: Int64?, at: Date, kind: String?, day: String?, snippet: String, score: Double) {
        self.source = source
        self.id = id
        self.sessionId = sessionId
        self.at = at
        self.kind = kind
        self.day = day
        self.snippet = snippet
        self.score = score
    }
}

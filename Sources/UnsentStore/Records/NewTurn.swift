import Foundation

/// A turn to append; the store gives it its id and its sequence number.
public struct NewTurn: Sendable, Equatable {
    public var sessionId: Int64
    public var at: Date
    public var speaker: Speaker
    public var node: String?
    public var text: String

    public init(sessionId: Int64, at: Date, speaker: Speaker, node: String?, text: String) {
        self.sessionId = sessionId
        self.at = at
        self.speaker = speaker
        self.node = node
        self.text = text
    }
}

import Foundation
import GRDB

/// One line said in a session, by the bot or the person.
public struct TurnRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "turn"

    public let id: Int64
    public let sessionId: Int64
    /// 1, 2, 3… within the session, in the order the turns were said.
    public let sequence: Int64
    public let at: Date
    public let speaker: Speaker
    /// The script node that produced or received the turn.
    public let node: String?
    public let text: String

    public init(id: Int64, sessionId: Int64, sequence: Int64, at: Date, speaker: Speaker, node: String?, text: String) {
        self.id = id
        self.sessionId = sessionId
        self.sequence = sequence
        self.at = at
        self.speaker = speaker
        self.node = node
        self.text = text
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sessionId = Column(CodingKeys.sessionId)
        public static let sequence = Column(CodingKeys.sequence)
        public static let at = Column(CodingKeys.at)
        public static let speaker = Column(CodingKeys.speaker)
        public static let node = Column(CodingKeys.node)
        public static let text = Column(CodingKeys.text)
    }
}

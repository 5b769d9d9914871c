import Foundation
import GRDB

/// A message the person wrote instead of sending it, optionally sealed until a date.
public struct DraftRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "draft"

    public let id: Int64
    /// The session it was written in; nil outside sessions or once the session is deleted.
    public let sessionId: Int64?
    public let createdAt: Date
    public let text: String
    /// Until when the draft stays closed; nil if it is not sealed.
    public let sealedUntil: Date?
    /// When the person deleted it; nil while kept.
    public let deletedAt: Date?

    /// The longest a draft can be sealed for: seven days (`unsent drafts seal --for`, and the urge flow's seal).
    public static let longestSeal: TimeInterval = 7 * 86400

    public init(id: Int64, sessionId: Int64?, createdAt: Date, text: String, sealedUntil: Date?, deletedAt: Date?) {
        self.id = id
        self.sessionId = sessionId
        self.createdAt = createdAt
        self.text = text
        self.sealedUntil = sealedUntil
        self.deletedAt = deletedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sessionId = Column(CodingKeys.sessionId)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let text = Column(CodingKeys.text)
        public static let sealedUntil = Column(CodingKeys.sealedUntil)
        public static let deletedAt = Column(CodingKeys.deletedAt)
    }
}

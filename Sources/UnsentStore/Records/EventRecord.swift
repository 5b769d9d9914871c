import Foundation
import GRDB

/// Something worth counting that happened, in or out of a session (a crisis screen shown, a flow chosen…).
public struct EventRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"

    public let id: Int64
    /// The session it happened in; nil outside sessions or once the session is deleted.
    public let sessionId: Int64?
    public let at: Date
    public let kind: String
    /// Stored as a JSON object of strings.
    public let fields: [String: String]

    public init(id: Int64, sessionId: Int64?, at: Date, kind: String, fields: [String: String]) {
        self.id = id
        self.sessionId = sessionId
        self.at = at
        self.kind = kind
        self.fields = fields
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sessionId = Column(CodingKeys.sessionId)
        public static let at = Column(CodingKeys.at)
        public static let kind = Column(CodingKeys.kind)
        public static let fields = Column(CodingKeys.fields)
    }
}

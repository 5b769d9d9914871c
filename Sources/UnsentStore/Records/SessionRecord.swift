import Foundation
import GRDB

/// One conversation with the bot, from start to its ending.
public struct SessionRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"

    public let id: Int64
    public let startedAt: Date
    public let endedAt: Date?
    /// The script flow the session ran.
    public let flow: String
    /// How it ended: "finished", "quit", "interrupted", "eof", "crisis"…; nil while running or after a crash.
    public let ending: String?
    /// The random seed, so that a session can be replayed.
    public let seed: UInt64?

    public init(id: Int64, startedAt: Date, endedAt: Date?, flow: String, ending: String?, seed: UInt64?) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.flow = flow
        self.ending = ending
        self.seed = seed
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let startedAt = Column(CodingKeys.startedAt)
        public static let endedAt = Column(CodingKeys.endedAt)
        public static let flow = Column(CodingKeys.flow)
        public static let ending = Column(CodingKeys.ending)
        public static let seed = Column(CodingKeys.seed)
    }

    enum CodingKeys: String, CodingKey {
        case id, startedAt, endedAt, flow, ending, seed
    }

    // SQLite integers are signed: the seed is stored as the Int64 with the same bits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        endedAt = try container.decodeIfPresent(Date.self, forKey: .endedAt)
        flow = try container.decode(String.self, forKey: .flow)
        ending = try container.decodeIfPresent(String.self, forKey: .ending)
        seed = try container.decodeIfPresent(Int64.self, forKey: .seed).map { UInt64(bitPattern: $0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(flow, forKey: .flow)
        try container.encode(ending, forKey: .ending)
        try container.encode(seed.map { Int64(bitPattern: $0) }, forKey: .seed)
    }
}

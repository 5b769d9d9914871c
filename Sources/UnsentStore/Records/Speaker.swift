import GRDB

/// Who said a turn.
public enum Speaker: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case bot
    case person
}

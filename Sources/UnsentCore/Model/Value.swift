/// A value held by a script variable.
public enum Value: Sendable, Hashable, Codable, CustomStringConvertible {
    case none
    case number(Int)
    case text(String)
    case bool(Bool)

    /// How the value reads inside a line of dialogue.
    public var description: String {
        switch self {
        case .none: ""
        case .number(let number): String(number)
        case .text(let text): text
        case .bool(let flag): flag ? "yes" : "no"
        }
    }

    public var isTruthy: Bool {
        switch self {
        case .none: false
        case .number(let number): number != 0
        case .text(let text): !text.isEmpty
        case .bool(let flag): flag
        }
    }

    public var number: Int? {
        switch self {
        case .number(let number): number
        case .text(let text): Int(text)
        case .bool(let flag): flag ? 1 : 0
        case .none: nil
        }
    }
}

/// A value of one column, as export and bulk loading see it: dates stay in the store's own text form
/// ("YYYY-MM-DD HH:MM:SS.SSS", UTC), so nothing is lost or rounded on the way out and back in.
public enum StoreValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)

    /// The text, or nil for null; an integer as its digits.
    public var text: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .text(let value): value
        }
    }
}

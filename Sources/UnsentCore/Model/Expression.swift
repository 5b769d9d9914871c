/// A small expression in a condition or an assignment: `urge >= 8 and trigger is "night"`.
public indirect enum Expression: Sendable, Hashable, Codable {
    case literal(Value)
    case variable(String, SourceLocation)
    case not(Expression)
    case binary(BinaryOperator, Expression, Expression)

    public enum BinaryOperator: String, Sendable, Hashable, Codable {
        case and, or
        case equal = "==", notEqual = "!="
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case plus = "+", minus = "-"
    }

    /// Every variable the expression reads, with where it is named.
    public var variables: [(name: String, location: SourceLocation)] {
        switch self {
        case .literal: []
        case .variable(let name, let location): [(name, location)]
        case .not(let inner): inner.variables
        case .binary(_, let left, let right): left.variables + right.variables
        }
    }

    public func evaluate(_ lookup: (String) -> Value) -> Value {
        switch self {
        case .literal(let value): return value
        case .variable(let name, _): return lookup(name)
        case .not(let inner): return .bool(!inner.evaluate(lookup).isTruthy)
        case .binary(let op, let leftExpression, let rightExpression):
            let left = leftExpression.evaluate(lookup)
            switch op {
            case .and: return left.isTruthy ? .bool(rightExpression.evaluate(lookup).isTruthy) : .bool(false)
            case .or: return left.isTruthy ? .bool(true) : .bool(rightExpression.evaluate(lookup).isTruthy)
            default: break
            }
            let right = rightExpression.evaluate(lookup)
            switch op {
            case .equal: return .bool(Self.equal(left, right))
            case .notEqual: return .bool(!Self.equal(left, right))
            case .plus:
                // Numbers add; anything with text joins as text ("I'm doing this because " + reason).
                if case .text = left, left.number == nil { return .text(left.description + right.description) }
                if case .text = right, right.number == nil { return .text(left.description + right.description) }
                return .number((left.number ?? 0) &+ (right.number ?? 0))
            case .minus:
                // Two days (`today - plan_start`) give the number of days between them.
                if case .text(let l) = left, case .text(let r) = right, let later = Day(l), let earlier = Day(r) {
                    return .number(earlier.days(to: later))
                }
                return .number((left.number ?? 0) &- (right.number ?? 0))
            default:
                guard let l = left.number, let r = right.number else { return .bool(false) }
                switch op {
                case .less: return .bool(l < r)
                case .lessOrEqual: return .bool(l <= r)
                case .greater: return .bool(l > r)
                default: return .bool(l >= r)
                }
            }
        }
    }

    private static func equal(_ left: Value, _ right: Value) -> Bool {
        if let l = left.number, let r = right.number, !(left == .none || right == .none) {
            if case .text = left, case .text = right { return left.description.lowercased() == right.description.lowercased() }
            return l == r
        }
        return left.description.lowercased() == right.description.lowercased()
    }
}

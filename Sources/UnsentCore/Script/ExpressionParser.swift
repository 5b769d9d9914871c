/// Parses expressions: literals (`7`, `"night"`, `true`, `false`, `none`), variables,
/// `not`, `and`, `or`, comparisons (`==`, `!=`, `is`, `is not`, `<`, `<=`, `>`, `>=`) and `+`/`-`.
struct ExpressionParser {
    private var tokens: [Token]
    private var position = 0
    private let location: SourceLocation

    struct Token: Equatable {
        enum Kind: Equatable { case word, number, string, symbol }
        var kind: Kind
        var text: String
        var offset: Int
    }

    init(_ text: String, at location: SourceLocation) throws(ContentError) {
        self.location = location
        self.tokens = try Self.tokenize(text, at: location)
    }

    static func parse(_ text: String, at location: SourceLocation) throws(ContentError) -> Expression {
        var parser = try ExpressionParser(text, at: location)
        let expression = try parser.parseOr()
        if parser.position < parser.tokens.count {
            throw parser.error("unexpected '\(parser.tokens[parser.position].text)' in expression")
        }
        return expression
    }

    private static func tokenize(_ text: String, at location: SourceLocation) throws(ContentError) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == " " { index += 1; continue }
            let start = index
            if character == "\"" {
                index += 1
                var value = ""
                while index < characters.count, characters[index] != "\"" { value.append(characters[index]); index += 1 }
                guard index < characters.count else {
                    throw ContentError([.error(at: Self.shift(location, by: start), "this string has no closing quote")])
                }
                index += 1
                tokens.append(Token(kind: .string, text: value, offset: start))
            } else if character.isNumber {
                while index < characters.count, characters[index].isNumber { index += 1 }
                tokens.append(Token(kind: .number, text: String(characters[start..<index]), offset: start))
            } else if character.isLetter || character == "_" {
                while index < characters.count,
                      characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "-" || characters[index] == "." {
                    index += 1
                }
                tokens.append(Token(kind: .word, text: String(characters[start..<index]), offset: start))
            } else {
                let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append(Token(kind: .symbol, text: two, offset: start)); index += 2
                } else if "<>+-(),=".contains(character) {
                    tokens.append(Token(kind: .symbol, text: String(character), offset: start)); index += 1
                } else {
                    throw ContentError([.error(at: Self.shift(location, by: start), "unexpected character '\(character)' in expression")])
                }
            }
        }
        return tokens
    }

    private static func shift(_ location: SourceLocation, by offset: Int) -> SourceLocation {
        var shifted = location
        shifted.column += offset
        return shifted
    }

    private func error(_ message: String) -> ContentError {
        let offset = position < tokens.count ? tokens[position].offset : (tokens.last.map { $0.offset + $0.text.count } ?? 0)
        return ContentError([.error(at: Self.shift(location, by: offset), message)])
    }

    private mutating func take(_ text: String) -> Bool {
        if position < tokens.count, tokens[position].text == text, tokens[position].kind != .string {
            position += 1
            return true
        }
        return false
    }

    private mutating func parseOr() throws(ContentError) -> Expression {
        var left = try parseAnd()
        while take("or") { left = .binary(.or, left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ContentError) -> Expression {
        var left = try parseNot()
        while take("and") { left = .binary(.and, left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(ContentError) -> Expression {
        if take("not") { return .not(try parseNot()) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ContentError) -> Expression {
        let left = try parseSum()
        let operators: [(String, Expression.BinaryOperator)] = [
            ("==", .equal), ("!=", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less), (">", .greater),
        ]
        for (symbol, op) in operators where take(symbol) {
            return .binary(op, left, try parseSum())
        }
        if take("is") {
            if take("not") { return .binary(.notEqual, left, try parseSum()) }
            return .binary(.equal, left, try parseSum())
        }
        return left
    }

    private mutating func parseSum() throws(ContentError) -> Expression {
        var left = try parsePrimary()
        while true {
            if take("+") { left = .binary(.plus, left, try parsePrimary()) }
            else if take("-") { left = .binary(.minus, left, try parsePrimary()) }
            else { return left }
        }
    }

    private mutating func parsePrimary() throws(ContentError) -> Expression {
        guard position < tokens.count else { throw error("an expression is missing here") }
        let token = tokens[position]
        position += 1
        switch token.kind {
        case .number:
            guard let number = Int(token.text) else { throw error("the number \(token.text) is too large") }
            return .literal(.number(number))
        case .string:
            return .literal(.text(token.text))
        case .word:
            switch token.text {
            case "true", "yes": return .literal(.bool(true))
            case "false", "no": return .literal(.bool(false))
            case "none", "nothing": return .literal(.none)
            case "and", "or", "not", "is":
                position -= 1
                throw error("expected a value before '\(token.text)'")
            default: return .variable(token.text, Self.shift(location, by: token.offset))
            }
        case .symbol:
            if token.text == "(" {
                let inner = try parseOr()
                guard take(")") else { throw error("expected ')'") }
                return inner
            }
            if token.text == "-", position < tokens.count, tokens[position].kind == .number, let number = Int(tokens[position].text) {
                position += 1
                return .literal(.number(-number))
            }
            position -= 1
            throw error("expected a value, found '\(token.text)'")
        }
    }
}

/// A JSON value whose objects keep their keys in the order written, so `--json` output is stable byte for byte.
indirect enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    /// Written with at most two decimals.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text() == rhs.text() }

    static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.integer) ?? .null }
    static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// Compact JSON; with `pretty`, objects and arrays of objects get a line per member, two spaces a level,
    /// and arrays of plain values stay on one line.
    func text(pretty: Bool = false, indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value):
            let hundredths = (value * 100).rounded() / 100
            return hundredths == hundredths.rounded() ? String(Int(hundredths)) : String(hundredths)
        case .string(let value): return Self.quoted(value)
        case .array(let items):
            let nested = items.contains { if case .object = $0 { true } else { false } }
            guard pretty, nested, !items.isEmpty else {
                return "[" + items.map { $0.text(pretty: pretty, indent: indent) }.joined(separator: pretty ? ", " : ",") + "]"
            }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.text(pretty: true, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            guard pretty, !members.isEmpty else {
                return "{" + members.map { Self.quoted($0.0) + ":" + $0.1.text(pretty: pretty, indent: indent) }.joined(separator: ",") + "}"
            }
            let inner = indent + "  "
            return "{\n" + members.map { inner + Self.quoted($0.0) + ": " + $0.1.text(pretty: true, indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            // Control characters, C1 controls and direction overrides are escaped, so the text is safe on a terminal.
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

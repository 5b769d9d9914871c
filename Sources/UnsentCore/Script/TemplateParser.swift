/// Parses `{name}`, `{1}` and `{raw 1}` holes in a line of dialogue; `{{` and `}}` stand for braces.
enum TemplateParser {
    static func parse(_ text: String, at location: SourceLocation) throws(ContentError) -> Template {
        var parts: [Template.Part] = []
        var offsets: [Int] = []
        var literal = ""
        var literalStart = 0
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{", index + 1 < characters.count, characters[index + 1] == "{" {
                if literal.isEmpty { literalStart = index }
                literal.append("{"); index += 2; continue
            }
            if character == "}", index + 1 < characters.count, characters[index + 1] == "}" {
                if literal.isEmpty { literalStart = index }
                literal.append("}"); index += 2; continue
            }
            if character == "}" {
                throw ContentError([.error(at: shift(location, index), "a '}' without its '{'", note: "write '}}' for a brace")])
            }
            guard character == "{" else {
                if literal.isEmpty { literalStart = index }
                literal.append(character); index += 1; continue
            }
            guard let close = characters[index...].firstIndex(of: "}") else {
                throw ContentError([.error(at: shift(location, index), "this '{' is never closed", note: "write '{{' for a brace")])
            }
            let inside = String(characters[(index + 1)..<close]).trimmingSpaces()
            if !literal.isEmpty { parts.append(.text(literal)); offsets.append(literalStart); literal = "" }
            offsets.append(index)
            let words = inside.split(separator: " ").map(String.init)
            if words.count == 1, let number = Int(words[0]), number >= 1 {
                parts.append(.capture(number, reflected: true))
            } else if words.count == 2, words[0] == "raw", let number = Int(words[1]), number >= 1 {
                parts.append(.capture(number, reflected: false))
            } else if words.count == 1, isName(words[0]) {
                parts.append(.variable(words[0]))
            } else {
                throw ContentError([.error(at: shift(location, index + 1),
                    "'{\(inside)}' is not a variable or capture", note: "use {name}, {1} or {raw 1}")])
            }
            index = close + 1
        }
        if !literal.isEmpty { parts.append(.text(literal)); offsets.append(literalStart) }
        return Template(parts: parts, location: location, offsets: offsets)
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    private static func shift(_ location: SourceLocation, _ offset: Int) -> SourceLocation {
        var shifted = location
        shifted.column += offset
        return shifted
    }
}

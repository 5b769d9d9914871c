/// One line of a content file with the lines indented beneath it.
///
/// Every content file is first read as an outline (like a plain-text outline or
/// Python's blocks); the builders then give each line its meaning.
public struct OutlineLine: Sendable {
    /// The line's text without its indentation (never empty, never a comment).
    public var text: String
    /// Where the text starts.
    public var location: SourceLocation
    /// The full source line, for error carets.
    public var source: String
    public var children: [OutlineLine]

    /// A location `offset` characters into the text.
    public func location(at offset: Int) -> SourceLocation {
        var place = location
        place.column += offset
        return place
    }

    /// Splits `head: value` at the first colon outside quotes.
    /// Returns nil when there is no such colon.
    public var keyValue: (key: String, value: String, valueOffset: Int)? {
        var inQuotes = false
        var offset = 0
        for (index, character) in zip(text.indices, text) {
            if character == "\"" { inQuotes.toggle() }
            if character == ":" && !inQuotes {
                let key = text[..<index].trimmingSpaces()
                let afterColon = text[text.index(after: index)...]
                let value = afterColon.trimmingSpaces()
                let leading = afterColon.prefix { $0 == " " }.count
                return (key, value, offset + 1 + leading)
            }
            offset += 1
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}

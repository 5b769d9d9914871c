extension StringProtocol {
    /// The text without white space or line breaks at either end, as Unicode's White_Space property reads
    /// them: what Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without its trip
    /// through NSString, which cost a few per cent of every turn.
    public var trimmed: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace {
            start = scalars.index(after: start)
        }
        while start < end {
            let last = scalars.index(before: end)
            guard scalars[last].properties.isWhitespace else { break }
            end = last
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

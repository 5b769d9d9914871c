import Foundation

/// The words of a search, as the porter index and the trigram index each take them.
///
/// The porter index holds whole words, stemmed; text written without spaces (Chinese, Japanese) is one
/// long token in it, so a word inside such text is looked for in the trigram index instead, as a part
/// of the text: with MATCH when it has three characters or more (what a trigram index can look up),
/// with LIKE when it is shorter (most Chinese words have two characters).
struct SearchTerms {
    /// The words, split at white space, without a trailing `*`; each has a letter or a digit.
    var words: [String]
    /// The porter index's query (`Store.ftsQuery`).
    var ftsQuery: String

    /// Nil when no word has a letter or digit.
    init?(_ words: [String]) {
        guard let query = Store.ftsQuery(words) else { return nil }
        ftsQuery = query
        self.words = words.flatMap { $0.split(whereSeparator: \.isWhitespace) }
            .map { $0.hasSuffix("*") ? String($0.dropLast()) : String($0) }
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
    }

    /// Whether a word has letters of a script other than Latin, whose words the porter index may hold
    /// only inside longer tokens: such a search goes to the trigram index at once.
    var needsParts: Bool {
        words.contains { word in word.unicodeScalars.contains { $0.properties.isAlphabetic && !Self.isLatin($0) } }
    }

    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB06:
            return true
        default:
            return false
        }
    }

    /// The porter index's query with every word taken as the beginning of a word ("clo" → `"clo"*`).
    var prefixQuery: String? {
        Store.ftsQuery(words.map { $0 + "*" })
    }

    /// The trigram index's query for the words of three characters or more, each quoted; nil when none is.
    var trigramQuery: String? {
        let long = words.filter { $0.unicodeScalars.count >= 3 }
        guard !long.isEmpty else { return nil }
        return long.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }

    /// LIKE patterns (with `\` as the escape) for the words shorter than three characters.
    var likePatterns: [String] {
        words.filter { $0.unicodeScalars.count < 3 }.map { word in
            var escaped = ""
            for character in word {
                if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
                escaped.append(character)
            }
            return "%" + escaped + "%"
        }
    }

    /// Where the words occur in `text` (ignoring case), in order, overlapping ones merged.
    func matches(in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        for word in words {
            var start = text.startIndex
            while start < text.endIndex, let range = text.range(of: word, options: .caseInsensitive, range: start..<text.endIndex) {
                found.append(range)
                start = range.upperBound
            }
        }
        var merged: [Range<String.Index>] = []
        for range in found.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The longest snippet, in characters; a longer text is cut around its first match, with "…".
    static let snippetLength = 80

    /// An excerpt of `text` around the first match, each match between `SearchHit.openMark` and `closeMark`,
    /// as FTS5's snippet() gives them for the porter index.
    func snippet(_ text: String) -> String {
        let found = matches(in: text)
        var start = text.startIndex
        var end = text.endIndex
        if text.count > Self.snippetLength {
            let first = found.first?.lowerBound ?? text.startIndex
            start = text.index(first, offsetBy: -min(20, text.distance(from: text.startIndex, to: first)))
            end = text.index(start, offsetBy: Self.snippetLength, limitedBy: text.endIndex) ?? text.endIndex
        }
        var result = start > text.startIndex ? "…" : ""
        var position = start
        for range in found where range.lowerBound >= start && range.lowerBound < end {
            let upper = min(range.upperBound, end)
            result += text[position..<range.lowerBound]
            result.append(SearchHit.openMark)
            result += text[range.lowerBound..<upper]
            result.append(SearchHit.closeMark)
            position = upper
        }
        result += text[position..<end]
        return end < text.endIndex ? result + "…" : result
    }

    /// A score like bm25's, lower for a better match: more matches in a shorter text.
    func score(_ text: String) -> Double {
        -Double(matches(in: text).count) / Double(max(1, text.count))
    }
}

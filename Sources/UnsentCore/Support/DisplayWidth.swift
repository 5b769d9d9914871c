import CUtf8proc

/// How many terminal columns text takes, and text padded, cut or wrapped to a number of columns:
/// the one measure for everything unsent lines up on a terminal.
///
/// Text is measured per grapheme cluster (what a person sees as one character), with utf8proc's
/// Unicode width table: a cluster is as wide as its first scalar of non-zero width, so a letter with
/// combining accents takes one column, an emoji with a skin tone or a family joined by ZWJ takes
/// two, as do CJK characters; a zero-width space takes none. A cluster shown as emoji (a flag, or a
/// text symbol followed by the emoji selector U+FE0F) takes two.
///
/// Control characters never reach the screen as they are: `Sanitizer.clean` shows each as one
/// visible column (a tab or a line break as a space, others as a mark), so each counts as one here,
/// and a measure taken before or after cleaning agrees.
public enum DisplayWidth {
    /// Columns `text` takes on a terminal.
    public static func of(_ text: some StringProtocol) -> Int {
        var columns = 0
        for character in text { columns += of(character) }
        return columns
    }

    /// Columns one grapheme cluster takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x20 || (0x7F...0x9F).contains(first.value) {
            return first.value == 0x0D && scalars.count == 1 ? 0 : 1
        }
        guard let base = scalars.first(where: { utf8proc_charwidth(Int32(bitPattern: $0.value)) > 0 }) else { return 0 }
        let width = Int(utf8proc_charwidth(Int32(bitPattern: base.value)))
        if width == 1, base.properties.isEmojiPresentation || (base.properties.isEmoji && scalars.contains("\u{FE0F}")) {
            return 2
        }
        return width
    }

    /// `text` with spaces added after it to fill `columns` (as it is when it is that wide or wider).
    public static func padded(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - of(text)))
    }

    /// `text` with spaces added before it to fill `columns`, for numbers lined up on the right.
    public static func padded(leading text: String, to columns: Int) -> String {
        String(repeating: " ", count: max(0, columns - of(text))) + text
    }

    /// `text` cut to at most `columns`, ending in `ellipsis` when it was cut; never a half character.
    public static func truncated(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard of(text) > columns else { return text }
        let room = columns - of(ellipsis)
        guard room > 0 else { return String(prefix(text, columns: columns)) }
        return String(prefix(text, columns: room)) + ellipsis
    }

    /// The longest start of `text` that fits in `columns`.
    public static func prefix(_ text: some StringProtocol, columns: Int) -> Substring {
        let whole = Substring(text)
        var used = 0
        var end = whole.startIndex
        for index in whole.indices {
            let width = of(whole[index])
            if used + width > columns { break }
            used += width
            end = whole.index(after: index)
        }
        return whole[..<end]
    }

    /// Text broken into lines of at most `columns` columns: at spaces, and anywhere inside a word
    /// too long for a line or written without spaces (Chinese, Japanese), never inside a character.
    /// Lines after the first of each paragraph start with `indent`; line breaks in `text` are kept.
    public static func wrapped(_ text: String, columns: Int, indent: String = "") -> [String] {
        let columns = max(columns, of(indent) + 2)
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in keepingNumbersTogether(paragraph.split(separator: " ", omittingEmptySubsequences: false)) {
                let wordWidth = of(word)
                let joined = line.isEmpty ? wordWidth : lineWidth + 1 + wordWidth
                if joined <= columns {
                    line += line.isEmpty ? String(word) : " " + word
                    lineWidth = joined
                    continue
                }
                var rest = Substring(word)
                if !line.isEmpty {
                    // Text written without spaces (Chinese, Japanese) fills this line first.
                    if word.contains(where: breaksAnywhere) {
                        let head = prefix(rest, columns: columns - lineWidth - 1)
                        if !head.isEmpty {
                            line += " " + head
                            rest = rest[head.endIndex...]
                        }
                    }
                    result.append(line)
                    line = indent
                    lineWidth = of(indent)
                }
                // A word longer than a line is split hard.
                while lineWidth + of(rest) > columns {
                    let head = prefix(rest, columns: columns - lineWidth)
                    result.append(line + head)
                    rest = rest[head.endIndex...]
                    line = indent
                    lineWidth = of(indent)
                }
                line += rest
                lineWidth += of(rest)
            }
            result.append(line)
        }
        return result
    }

    /// The words of a paragraph, with the groups of a number written with spaces kept as one word, so
    /// a help line's number never wraps inside it ("call 0808 2000 247", stop 19).
    static func keepingNumbersTogether(_ words: [Substring]) -> [Substring] {
        var kept: [Substring] = []
        var groupEnd: String.Index?
        for word in words {
            if isNumberGroup(word), let end = groupEnd, let last = kept.last, end == last.endIndex,
               word.startIndex == last.base.index(after: end) {
                // The next group follows the last one after a single space: widen the last word over it.
                kept[kept.count - 1] = last.base[last.startIndex..<word.endIndex]
            } else {
                kept.append(word)
            }
            groupEnd = isNumberGroup(word) ? word.endIndex : nil
        }
        return kept
    }

    /// Digits, with the signs phone numbers use ("+44", "(0)20", "1-800"), and at least one digit.
    private static func isNumberGroup(_ word: Substring) -> Bool {
        word.contains { $0.isASCII && $0.isNumber } && word.allSatisfy { ($0.isASCII && $0.isNumber) || "+-()".contains($0) }
    }

    /// Whether a line may break before or after this character without a space: Han, kana, Hangul
    /// and full-width forms, the scripts written without spaces between words (not emoji, which
    /// are wide but belong to the word around them).
    static func breaksAnywhere(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        switch value {
        case 0x2E80...0x303F, 0x3040...0x30FF, 0x3100...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

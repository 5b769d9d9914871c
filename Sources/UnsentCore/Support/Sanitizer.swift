/// Makes text safe to show on a terminal: control characters, escape sequences and
/// direction overrides typed by the person are shown as visible marks, never sent raw.
public enum Sanitizer {
    /// Removes terminal control sequences whole — CSI (`ESC [ ... m`), OSC (`ESC ] ... BEL`),
    /// two-byte escapes and their C1 forms — so nothing of them is left as stray text.
    public static func removingControlSequences(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0x1B || (0x80...0x9F).contains($0.value) }) else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            if value == 0x1B, index + 1 < scalars.count {
                let next = scalars[index + 1].value
                if next == 0x5B { index = skipCSI(scalars, from: index + 2); continue }            // ESC [
                if next == 0x5D || next == 0x50 || next == 0x5F || next == 0x5E {                   // ESC ] P _ ^
                    index = skipString(scalars, from: index + 2); continue
                }
                index += 2; continue                                                                 // ESC x
            }
            if value == 0x1B { index += 1; continue }
            if value == 0x9B { index = skipCSI(scalars, from: index + 1); continue }
            if value == 0x9D || value == 0x90 { index = skipString(scalars, from: index + 1); continue }
            result.append(scalars[index])
            index += 1
        }
        return String(result)
    }

    /// Past a CSI sequence's parameters and its final byte (0x40–0x7E).
    private static func skipCSI(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            index += 1
            if (0x40...0x7E).contains(value) { break }
            if value < 0x20 || value > 0x7E { break }
        }
        return index
    }

    /// Past a string sequence ended by BEL or ESC \ (or the end of the text).
    private static func skipString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            if value == 0x07 || value == 0x9C { return index + 1 }
            if value == 0x1B { return index + 1 < scalars.count && scalars[index + 1].value == 0x5C ? index + 2 : index + 1 }
            index += 1
        }
        return index
    }

    /// - Parameter keepNewlines: keep line breaks (for multi-line drafts); otherwise they become spaces.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                result.append(keepNewlines ? scalar : " ")
            case 0x09:
                result.append(" ")
            case 0x0D:
                continue
            case 0x1B:
                result.append("\u{241B}") // ␛
            case 0x00...0x1F, 0x7F, 0x80...0x9F:
                result.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                // Direction controls could reorder what follows on the screen.
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}

/// Makes text safe to show on a terminal: control characters, escape sequences and
/// direction overrides typed by the person are shown as visible marks, never sent raw.
public enum Sanitizer {
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

    /// True when the text holds nothing a terminal would act on.
    public static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x0A) || value == 0x7F || (0x80...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
    }
}

/// The light stem every reader uses for a word, so the crisis model and the trained readers agree
/// on what counts as the same word.
public enum WordStem {
    /// Drops -ing, -ed, -s and -ies → -y from words of four letters or more, and undoubles a final
    /// consonant ("cutting" → cut). Consistent rather than correct.
    public static func stem(_ word: String) -> String {
        let utf8 = word.utf8
        let count = utf8.count
        guard count > 3 else { return word }
        let base: String
        if word.hasSuffix("ies"), count > 4 {
            return String(decoding: utf8.dropLast(3), as: UTF8.self) + "y"
        } else if word.hasSuffix("ing"), count >= 6 {
            base = String(decoding: utf8.dropLast(3), as: UTF8.self)
        } else if word.hasSuffix("ed"), !word.hasSuffix("eed"), count >= 5 {
            base = String(decoding: utf8.dropLast(2), as: UTF8.self)
        } else if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(decoding: utf8.dropLast(1), as: UTF8.self)
        } else {
            return word
        }
        let bytes = base.utf8
        guard bytes.count >= 3, let last = bytes.last else { return base }
        let previous = bytes[bytes.index(bytes.endIndex, offsetBy: -2)]
        let undoubled = last == previous && last >= UInt8(ascii: "a") && last <= UInt8(ascii: "z")
            && !"aeiouylsz".utf8.contains(last)
        return undoubled ? String(decoding: bytes.dropLast(1), as: UTF8.self) : base
    }
}

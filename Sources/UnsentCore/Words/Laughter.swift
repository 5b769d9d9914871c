/// Laughter and the marks that go with it ("lol", "hahaha", "lmaooo", "kkkk", "😂"): words with no
/// content of their own.
///
/// The crisis check's trained readers learnt "lol" and "haha" from the crisis lines that end with
/// them ("i want to die lol"), and on their own they read a bare "haha" as worrying enough to ask
/// (stop 21: "haha" at the urge question brought the gentle check-in; "7 haha" and "sure lol" too,
/// drive-21). They read a line without its words of laughter (`isLaughter(_:)`), and a line of
/// laughter alone not at all; the rules still read it whole, where a joke softens what it follows
/// ("i want to die lol").
public enum Laughter {
    /// Whether one folded word (as the `WordScanner` gives it: lower case, no punctuation) is
    /// laughter: "lol", "loool", "lolol", "haha", "ahahah", "hehe", "lmao", "lmfaooo", "rofl", "xd",
    /// "jk", "jaja" (Spanish), "kkkk" (Portuguese), "wkwk" (Indonesian), "555" (Thai), or laughing
    /// emoji only.
    public static func isLaughter(_ word: String) -> Bool {
        // Most words start with a letter no laughter starts with: a quick no (every turn reads every word).
        guard let first = word.unicodeScalars.first, firstScalars.contains(first) else { return false }
        if word.unicodeScalars.allSatisfy(laughingMarks.contains) { return true }
        // Held letters count once: "loool" is "lol", "lmaooo" is "lmao", "kkkk" is "k".
        var held = ""
        for letter in word.lowercased() where letter != held.last { held.append(letter) }
        if held == "k" || held == "5" { return word.count >= 3 }
        return forms.contains(held)
            || ["ha", "he", "ja", "wk", "lo"].contains { unit in isRepeat(held, of: unit) }
    }

    /// `text` as the unit said again and again, with perhaps one letter of it before or after
    /// ("ahahah", "hahah", "lolol").
    private static func isRepeat(_ text: String, of unit: String) -> Bool {
        var rest = Substring(text)
        if let first = unit.last, rest.first == first, !rest.hasPrefix(unit) { rest = rest.dropFirst() }
        if let first = unit.first, rest.last == first { rest = rest.dropLast() }
        var count = 0
        while rest.hasPrefix(unit) { rest = rest.dropFirst(unit.count); count += 1 }
        return rest.isEmpty && count >= 2
    }

    /// What laughter can start with: its first letters in either case, and the laughing marks.
    private static let firstScalars: Set<Unicode.Scalar> = Set("lhaexjkwr5LHAEXJKWR".unicodeScalars).union(laughingMarks)

    private static let forms: Set<String> = ["lol", "lel", "lul", "lmao", "lmfao", "rofl", "xd", "jk", "kek", "hah", "heh"]

    /// Emoji that laugh (or skull-laugh, "im dead 💀"), with the joiners and selectors around them.
    private static let laughingMarks: Set<Unicode.Scalar> = ["😂", "🤣", "😆", "😅", "😹", "💀", "😄", "😁", "😀", "🙃", "\u{FE0F}", "\u{200D}"]
}

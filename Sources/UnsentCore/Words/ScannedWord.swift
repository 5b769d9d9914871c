/// A word (or an emoji) the `WordScanner` found: its folded form, where it stands in the text as
/// typed, and how it was typed.
public struct ScannedWord: Sendable, Hashable {
    /// Lower case, apostrophes dropped ("I’m" → "im"); for an emoji, the emoji without the
    /// modifiers its style drops (see `WordScanner.EmojiStyle`).
    public var folded: String
    /// From the first letter to the end of the last letter or mark (apostrophes at either end are
    /// outside it); for an emoji, the emoji and the modifiers its style keeps with it.
    public var range: Range<String.Index>
    /// How many letters (not digits or marks) it holds.
    public var letters: Int
    /// Whether any letter is a capital, and whether any is lower case.
    public var hasCapital: Bool
    public var hasLowerCase: Bool
    /// Whether white space (or the start of the text) comes between the previous word and this
    /// one: the words that start a piece between spaces ("well-known" is two words, one piece).
    public var followsSpace: Bool
    public var isEmoji: Bool

    /// Every letter is a capital ("NO", "WHY"); a word without letters is not.
    public var isCapitals: Bool { hasCapital && !hasLowerCase }
}

/// The settings of the `shouting` flag: how many words in capitals, how long a single one,
/// which runs of punctuation, and which capitalised words are ordinary (acronyms).
struct ToneShouting: Sendable, Codable {
    /// This many words in capitals (of `shortest` letters or more) raise the flag.
    var capitals = 2
    /// One word in capitals of this many letters raises it on its own.
    var longCapitals = 5
    /// Words in capitals shorter than this are not counted ("I", "OK").
    var shortest = 3
    /// Runs of punctuation that raise it, such as `!!` and `?!`.
    var marks: [String] = []
    /// Capitalised words that are not shouting, upper case (ASAP, FYI, NHS).
    var allowed: Set<String> = []
}

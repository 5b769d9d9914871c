/// Generates content of a chosen size for benchmarks and scale tests: a flow of `nodes`
/// nodes and a rule set of `cards` cards, written in the ordinary format.
public enum SyntheticContent {
    static let words = ["closure", "miss", "lonely", "text", "call", "sorry", "anniversary", "birthday", "post",
                        "story", "drunk", "night", "friends", "keys", "money", "kids", "dog", "song", "place",
                        "photo", "party", "work", "sleep", "dream", "future", "past", "promise", "chance", "letter", "gift"]

    /// The engine texts every content folder needs.
    public static var texts: String {
        "texts\n" + Content.requiredTexts.map { "  \($0): The \($0) line." }.joined(separator: "\n") + "\n"
            + ContentLinker.safetyFlows.map { "flow \($0)\n  node start\n    say: Safety flow \($0).\n    return\n" }.joined()
    }

    public static func cards(_ count: Int) -> String {
        var text = "rules cards\n"
        for index in 0..<count {
            let a = words[index % words.count], b = words[(index / words.count) % words.count]
            text += """
              card card-\(index)
                when: * \(a) * \(b)\(index) *
                when: * [\(b)\(index)|\(a)\(index)] *
                sample: i \(a) the \(b)\(index) again
                say: You said {1}.
                say shuffle:
                  - A reframe for card \(index), first version.
                  - A reframe for card \(index), second version.

            """
        }
        text += "  fallback\n    say: Tell me more.\n"
        return text
    }

    /// A flow whose nodes ask, match, and jump on in a ring, so it can run forever.
    public static func flow(nodes: Int) -> String {
        var text = "flow big\n"
        for index in 0..<nodes {
            text += """
              node n\(index)
                say cycle:
                  - Node \(index) speaks.
                  - Node \(index) speaks again.
                ask line\(index % 50) as text: What is on your mind at node \(index)?
                match line\(index % 50) with cards
                goto n\((index + 1) % nodes)

            """
        }
        return text
    }
}

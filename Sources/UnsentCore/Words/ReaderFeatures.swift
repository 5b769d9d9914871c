/// The features a trained reader sees in a text, made from the words layer's tokens (the same
/// tokens the rules match), so what survives how people type survives for both: each word's
/// stem (`w:`), two stems in a row (`b:`, with `^` for the start), and the three- and
/// four-letter pieces of each word (`g:`), which still match when a word is misspelt or run
/// together ("wnat", "missyou").
public enum ReaderFeatures {
    /// The feature names of a text, each once, in the order first seen.
    public static func names(of text: String, normalizer: Normalizer) -> [String] {
        let tokens = normalizer.tokens(text)
        var names: [String] = []
        names.reserveCapacity(tokens.count * 8)
        var seen = Set<String>()
        func add(_ name: String) {
            if seen.insert(name).inserted { names.append(name) }
        }
        var previous = "^"
        for token in tokens {
            let stem = WordStem.stem(token.normalized)
            add("w:" + stem)
            add("b:" + previous + " " + stem)
            previous = stem
            let letters = Array("<" + token.normalized + ">")
            guard letters.count >= 5 else { continue }
            for size in 3...4 where letters.count > size {
                for start in 0...(letters.count - size) {
                    add("g:" + String(letters[start..<start + size]))
                }
            }
        }
        if tokens.isEmpty { add("w:") }
        return names
    }

    /// A feature name as the key a model looks it up by (64-bit FNV-1a).
    public static func key(_ name: String) -> UInt64 { key(bytes: name.utf8) }

    /// The key of a name given as its UTF-8 bytes.
    static func key(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

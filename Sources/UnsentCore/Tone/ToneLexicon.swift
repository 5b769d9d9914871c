/// The words the tone rules know and the spellings that replace variants before matching,
/// so the tokenizer can turn "pls" into "please" and "sorryyy" into "sorry".
struct ToneLexicon: Sendable, Codable {
    var spellings: [String: [String]] = [:]
    /// Every word a pattern or concept uses.
    var known: Set<String> = []

    /// What a folded typed word stands for.
    func read(_ word: String) -> [String] {
        if let spelled = spellings[word] { return spelled }
        if known.contains(word) || word.count < 3 { return [word] }
        for squeezed in Self.squeezed(word) {
            if let spelled = spellings[squeezed] { return spelled }
            if known.contains(squeezed) { return [squeezed] }
        }
        return [word]
    }

    /// A stretched word with each run of three or more of a letter cut to one, then to two
    /// ("sooorry" → sorry, "pleaseee" → please); nothing when no letter repeats three times.
    static func squeezed(_ word: String) -> [String] {
        var runs: [(character: Character, count: Int)] = []
        for character in word {
            if let last = runs.last, last.character == character {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((character, 1))
            }
        }
        guard runs.contains(where: { $0.count >= 3 }) else { return [] }
        func joined(_ keep: Int) -> String {
            String(runs.flatMap { repeatElement($0.character, count: $0.count >= 3 ? keep : $0.count) })
        }
        return [joined(1), joined(2)]
    }
}

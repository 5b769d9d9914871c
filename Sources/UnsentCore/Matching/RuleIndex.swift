/// An inverted index over a rule set: for each word, the rules that word could let match.
///
/// A pattern can only match when the input holds one of the words of its first literal
/// element; rules are filed under those words. Rules with a pattern of wildcards only are
/// always candidates. Candidates come back in the rule set's own order (rank, then file order).
public struct RuleIndex: Sendable, Codable {
    var byWord: [String: [Int]] = [:]
    var always: [Int] = []
    /// Position of each rule in the rule set's order.
    var position: [Int] = []

    init(byWord: [String: [Int]], always: [Int], position: [Int]) {
        self.byWord = byWord
        self.always = always
        self.position = position
    }

    init(ruleSet: RuleSet, compiled: [[CompiledPattern]]) {
        position = [Int](repeating: 0, count: ruleSet.rules.count)
        for (rank, index) in ruleSet.order.enumerated() { position[index] = rank }
        for (index, patterns) in compiled.enumerated() {
            var words = Set<String>()
            var unconditional = false
            for pattern in patterns {
                // The smallest requirement makes the sharpest key.
                if let key = pattern.requiredWords.min(by: { $0.count < $1.count }) { words.formUnion(key) } else { unconditional = true }
            }
            if unconditional { always.append(index) } else { for word in words { byWord[word, default: []].append(index) } }
        }
    }

    /// The rules worth trying for an input with these words, in order.
    func candidates(for words: Set<String>) -> [Int] {
        var found = Set(always)
        for word in words { if let rules = byWord[word] { found.formUnion(rules) } }
        return found.sorted { position[$0] < position[$1] }
    }
}

/// Finds the closest known name to a misspelt one, for "did you mean" notes.
public enum Suggestion {
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int, completes: Bool)?
        for candidate in Set(candidates).sorted() {
            let distance = editDistance(target, Array(candidate.lowercased()))
            // A short word may be one slip away ("sya", "shwo"); two slips in three letters leave
            // too little of it ("foo" is not "log").
            guard distance <= (target.count <= 4 ? 1 : max(2, target.count / 3)) else { continue }
            // At the same distance, a name that begins with what was typed wins: "stat" is more
            // likely "stats" than "start".
            let completes = candidate.lowercased().hasPrefix(name.lowercased())
            if let best, (best.distance, best.completes ? 0 : 1) <= (distance, completes ? 0 : 1) { continue }
            best = (candidate, distance, completes)
        }
        return best?.name
    }

    public static func note(for name: String, in candidates: some Sequence<String>) -> String? {
        closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Edits between two words, a swap of two neighbouring letters counting as one ("histroy").
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], before[j - 2] + 1) }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}

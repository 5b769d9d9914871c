/// Every word the safety rules know, with an id each, and the spellings that replace
/// variants before matching ("wanna" → want, to).
struct SafetyLexicon: Sendable, Codable {
    enum Entry: Sendable, Codable {
        case one(Int32)
        case many([Int32])
    }

    private(set) var ids: [String: Int32] = [:]
    private(set) var words: [String] = []
    private var spellings: [String: [Int32]] = [:]
    /// Words that start a new clause (the `clause` concept), by id.
    private var clauseWords: [Bool] = []

    var count: Int { words.count }

    /// The id of a word, adding it when new.
    @discardableResult
    mutating func add(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        clauseWords.append(false)
        return id
    }

    mutating func addSpelling(_ variant: String, as canonical: [String]) {
        spellings[variant] = canonical.map { add($0) }
    }

    mutating func markClauseWord(_ id: Int32) {
        clauseWords[Int(id)] = true
    }

    func isClauseWord(_ id: Int32) -> Bool { clauseWords[Int(id)] }

    /// What a folded word of input stands for.
    func lookUp(_ word: String) -> Entry {
        if let spelled = spellings[word] { return .many(spelled) }
        return .one(ids[word] ?? SafetyText.unknown)
    }
}

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

extension SafetyLexicon {
    /// The lexicon in a snapshot: its words in id order (the ids are rebuilt from them), the
    /// spellings, and which words start a clause.
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(words.count))
        for word in words { sink.writeString(word) }
        sink.writeUnsigned(UInt64(spellings.count))
        for variant in spellings.keys.sorted() {
            sink.writeString(variant)
            sink.writeLists([spellings[variant] ?? []])
        }
        for flag in clauseWords { sink.writeBool(flag) }
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init()
        words = try reader.readList { try $0.readString() }
        ids.reserveCapacity(words.count)
        for (id, word) in words.enumerated() { ids[word] = Int32(id) }
        let spellingCount = try reader.readCount()
        for _ in 0..<spellingCount {
            let variant = try reader.readString()
            spellings[variant] = try reader.readLists().first ?? []
        }
        clauseWords = try words.map { _ in try reader.readBool() }
        guard ids.count == words.count else { throw reader.corrupt("the safety lexicon repeats a word") }
    }
}

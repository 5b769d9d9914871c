/// The statistical model in a snapshot, field by field: its weights are thousands of small
/// vectors, which the general containers would read one number at a time.
extension SafetyModel {
    func write(into sink: SnapshotSink) {
        sink.writeFloat(crisisThreshold)
        sink.writeFloat(ambiguousThreshold)
        sink.writeFloat(unsureThreshold)
        sink.writeLanes(bias)
        sink.writeUnsigned(UInt64(vocabulary.count))
        for token in vocabulary.keys.sorted() {
            sink.writeString(token)
            sink.writeSigned(Int64(vocabulary[token] ?? -1))
        }
        sink.writeUnsigned(UInt64(rows.count))
        for key in rows.keys.sorted() {
            sink.writeUnsigned(key)
            sink.writeSigned(Int64(rows[key] ?? -1))
        }
        sink.writeUnsigned(UInt64(weights.count))
        for row in weights { sink.writeLanes(row) }
        sink.writeLists([lexiconTokens])
        sink.writeLists([[cues.from, cues.my, cues.ex, cues.start], cues.objects])
        sink.writeLists(concepts.ofWord)
        sink.writeUnsigned(UInt64(concepts.phrases.count))
        for first in concepts.phrases.keys.sorted() {
            let phrases = concepts.phrases[first] ?? []
            sink.writeSigned(Int64(first))
            sink.writeLists(phrases.map(\.words))
            sink.writeLists([phrases.map(\.concept)])
        }
    }

    init(snapshot reader: SnapshotReader) throws {
        let crisis = try reader.readFloat(), ambiguous = try reader.readFloat(), unsure = try reader.readFloat()
        let bias = try reader.readLanes()
        var vocabulary: [String: Int32] = [:]
        let vocabularyCount = try reader.readCount()
        vocabulary.reserveCapacity(vocabularyCount)
        for _ in 0..<vocabularyCount { vocabulary[try reader.readString()] = try reader.readInteger(Int32.self) }
        var rows: [UInt64: Int32] = [:]
        let rowCount = try reader.readCount()
        rows.reserveCapacity(rowCount)
        for _ in 0..<rowCount { rows[try reader.readUnsigned()] = try reader.readInteger(Int32.self) }
        let weights = try reader.readList { try $0.readLanes() }
        guard rows.values.allSatisfy({ $0 >= 0 && Int($0) < weights.count }) else { throw reader.corrupt("a model row past its weights") }
        self.init(crisisThreshold: crisis, ambiguousThreshold: ambiguous, unsureThreshold: unsure, bias: bias, vocabulary: vocabulary, rows: rows, weights: weights)
        lexiconTokens = try reader.readLists().first ?? []
        let cueLists = try reader.readLists()
        guard cueLists.count == 2, cueLists[0].count == 4 else { throw reader.corrupt("the model's voice cues") }
        cues.from = cueLists[0][0]
        cues.my = cueLists[0][1]
        cues.ex = cueLists[0][2]
        cues.start = cueLists[0][3]
        cues.objects = cueLists[1]
        concepts.ofWord = try reader.readLists()
        let phraseCount = try reader.readCount()
        for _ in 0..<phraseCount {
            let first = try reader.readInteger(Int32.self)
            let words = try reader.readLists()
            guard let numbers = try reader.readLists().first, numbers.count == words.count else {
                throw reader.corrupt("the model's concept phrases")
            }
            concepts.phrases[first] = zip(words, numbers).map { SafetyFeatures.Concepts.Phrase(words: $0, concept: $1) }
        }
    }
}

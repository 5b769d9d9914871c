/// The linked tone rules in a snapshot, field by field (like `SafetyMatcher+Snapshot.swift`):
/// read at every start, they would otherwise cost more in containers than in words.
extension ToneMatcher {
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(lexicon.spellings.count))
        for variant in lexicon.spellings.keys.sorted() {
            sink.writeString(variant)
            sink.writeStrings(lexicon.spellings[variant] ?? [])
        }
        sink.writeStrings(lexicon.known.sorted())
        sink.writeUnsigned(UInt64(sets.count))
        for set in sets {
            sink.writeStrings(set.singles.sorted())
            sink.writeUnsigned(UInt64(set.phrases.count))
            for phrase in set.phrases { sink.writeStrings(phrase) }
        }
        sink.writeUnsigned(UInt64(patterns.count))
        for pattern in patterns { pattern.write(into: sink) }
        sink.writeUnsigned(UInt64(index.count))
        for word in index.keys.sorted() {
            sink.writeString(word)
            sink.writeLists([(index[word] ?? []).map { Int32($0) }])
        }
        sink.writeUnsigned(UInt64(flags.count))
        for flag in flags {
            sink.writeString(flag.id)
            for wordings in [flag.advice, flag.templates] {
                sink.writeUnsigned(UInt64(wordings.count))
                for wording in wordings {
                    sink.writeString(wording.text)
                    Self.write(scope: wording.scope, into: sink)
                }
            }
            sink.writeLists([flag.exceptions.map { Int32($0) }, flag.repeats.map { Int32($0) }])
        }
        sink.writeOptional(defaultLength)
        sink.writeUnsigned(UInt64(lengths.count))
        for category in lengths.keys.sorted() {
            sink.writeString(category)
            sink.writeSigned(Int64(lengths[category] ?? 0))
        }
        sink.writeBool(shouting != nil)
        if let shouting {
            let settings = shouting.settings
            for number in [settings.capitals, settings.longCapitals, settings.shortest, shouting.flag] {
                sink.writeSigned(Int64(number))
            }
            sink.writeStrings(settings.marks)
            sink.writeStrings(settings.allowed.sorted())
        }
        sink.writeOptional(tooLong)
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init()
        let spellingCount = try reader.readCount()
        for _ in 0..<spellingCount { lexicon.spellings[try reader.readString()] = try reader.readList { try $0.readString() } }
        lexicon.known = Set(try reader.readList { try $0.readString() })
        sets = try reader.readList { reader in
            WordSet(singles: Set(try reader.readList { try $0.readString() }),
                    phrases: try reader.readList { reader in try reader.readList { try $0.readString() } })
        }
        patterns = try reader.readList { try Pattern(snapshot: $0) }
        let indexCount = try reader.readCount()
        for _ in 0..<indexCount {
            let word = try reader.readString()
            index[word] = (try reader.readLists().first ?? []).map { Int($0) }
        }
        flags = try reader.readList { reader in
            var flag = Flag(id: try reader.readString())
            flag.advice = try reader.readList { Wording(text: try $0.readString(), scope: try Self.readScope($0)) }
            flag.templates = try reader.readList { Wording(text: try $0.readString(), scope: try Self.readScope($0)) }
            let lists = try reader.readLists()
            guard lists.count == 2 else { throw reader.corrupt("a tone flag's pattern lists") }
            flag.exceptions = lists[0].map { Int($0) }
            flag.repeats = lists[1].map { Int($0) }
            return flag
        }
        defaultLength = try reader.readOptional()
        let lengthCount = try reader.readCount()
        for _ in 0..<lengthCount { lengths[try reader.readString()] = try reader.readInteger(Int.self) }
        if try reader.readBool() {
            var settings = ToneShouting()
            settings.capitals = try reader.readInteger(Int.self)
            settings.longCapitals = try reader.readInteger(Int.self)
            settings.shortest = try reader.readInteger(Int.self)
            let flag = try reader.readInteger(Int.self)
            settings.marks = try reader.readList { try $0.readString() }
            settings.allowed = Set(try reader.readList { try $0.readString() })
            shouting = Shouting(settings: settings, flag: flag)
        }
        tooLong = try reader.readOptional()
        let pointsOutside = patterns.contains { !flags.indices.contains($0.flag) }
            || index.values.contains { $0.contains { !patterns.indices.contains($0) } }
        if pointsOutside { throw reader.corrupt("a tone pattern points outside the tone rules") }
    }

    /// A category scope: absent (all categories), or the sorted category names.
    static func write(scope: Set<String>?, into sink: SnapshotSink) {
        sink.writeBool(scope != nil)
        if let scope { sink.writeStrings(scope.sorted()) }
    }

    static func readScope(_ reader: SnapshotReader) throws -> Set<String>? {
        try reader.readBool() ? Set(try reader.readList { try $0.readString() }) : nil
    }
}

extension ToneMatcher.Pattern {
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(steps.count))
        for step in steps {
            let (tag, set): (UInt64, Int) = switch step {
            case .set(let set): (0, set)
            case .optionalSet(let set): (1, set)
            case .setOrClauseEnd(let set): (2, set)
            case .notSet(let set): (3, set)
            case .any: (4, 0)
            case .number: (5, 0)
            case .gap: (6, 0)
            case .clauseStart: (7, 0)
            case .clauseEnd: (8, 0)
            }
            sink.writeUnsigned(tag)
            if tag < 4 { sink.writeSigned(Int64(set)) }
        }
        sink.writeSigned(Int64(flag))
        switch kind {
        case .trigger: sink.writeSigned(-1)
        case .exception: sink.writeSigned(-2)
        case .repeated(let times): sink.writeSigned(Int64(times))
        }
        ToneMatcher.write(scope: scope, into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        steps = try reader.readList { reader in
            let tag = try reader.readUnsigned()
            let set = tag < 4 ? try reader.readInteger(Int.self) : 0
            switch tag {
            case 0: return .set(set)
            case 1: return .optionalSet(set)
            case 2: return .setOrClauseEnd(set)
            case 3: return .notSet(set)
            case 4: return .any
            case 5: return .number
            case 6: return .gap
            case 7: return .clauseStart
            case 8: return .clauseEnd
            default: throw reader.corrupt("unknown tone pattern step \(tag)")
            }
        }
        flag = try reader.readInteger(Int.self)
        let kind = try reader.readInteger(Int.self)
        switch kind {
        case -1: self.kind = .trigger
        case -2: self.kind = .exception
        case let times where times >= 0: self.kind = .repeated(times)
        default: throw reader.corrupt("unknown tone line kind \(kind)")
        }
        scope = try ToneMatcher.readScope(reader)
    }
}

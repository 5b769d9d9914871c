/// The linked crisis rules in a snapshot, written field by field rather than through the general
/// containers: they are read at every start and by every quick command, and this form reads in
/// a fraction of the time. Each part is written in the order it is read; `SnapshotReader`
/// checks every count and number as it goes.
extension SafetyMatcher {
    func write(into sink: SnapshotSink) {
        lexicon.write(into: sink)
        sink.writeSigned(Int64(setCount))
        sink.writeUnsigned(UInt64(membership.count))
        for bits in membership { sink.writeUnsigned(bits) }
        for chunk in membershipChunk { sink.writeUnsigned(UInt64(chunk)) }
        sink.writeUnsigned(UInt64(membershipStart.count))
        for start in membershipStart { sink.writeSigned(Int64(start)) }
        sink.writeSigned(Int64(stride))
        sink.writeUnsigned(UInt64(phrases.count))
        for set in phrases { sink.writeLists(set) }
        for index in [idioms, rulePatterns, netPatterns] { index.write(into: sink) }
        sink.writeUnsigned(UInt64(rules.count))
        for rule in rules { rule.write(into: sink) }
        for role in [roles.negation, roles.selfWords, roles.otherWords, roles.report, roles.reflexiveSelf, roles.reflexiveOther] {
            sink.writeOptional(role)
        }
        sink.writeUnsigned(UInt64(conceptSets.count))
        for name in conceptSets.keys.sorted() {
            sink.writeString(name)
            sink.writeSigned(Int64(conceptSets[name] ?? 0))
        }
    }

    init(snapshot reader: SnapshotReader) throws {
        lexicon = try SafetyLexicon(snapshot: reader)
        setCount = try reader.readInteger(Int.self)
        membership = try reader.readList { try $0.readInteger(UInt64.self) }
        membershipChunk = try (0..<membership.count).map { _ in try reader.readInteger(UInt16.self) }
        membershipStart = try reader.readList { try $0.readInteger(Int32.self) }
        stride = try reader.readInteger(Int.self)
        // Offsets out of order or past the chunks would read outside them at the first lookup.
        guard stride >= 1, membershipStart.first == 0, Int(membershipStart.last ?? -1) == membership.count,
              zip(membershipStart, membershipStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              membershipChunk.allSatisfy({ Int($0) < stride }) else {
            throw reader.corrupt("the crisis word sets do not add up")
        }
        phrases = try reader.readList { try $0.readLists() }
        idioms = try PatternIndex(snapshot: reader)
        rulePatterns = try PatternIndex(snapshot: reader)
        netPatterns = try PatternIndex(snapshot: reader)
        rules = try reader.readList { try Rule(snapshot: $0) }
        roles = Roles(negation: try reader.readOptional(), selfWords: try reader.readOptional(),
                      otherWords: try reader.readOptional(), report: try reader.readOptional(),
                      reflexiveSelf: try reader.readOptional(), reflexiveOther: try reader.readOptional())
        let conceptCount = try reader.readCount()
        for _ in 0..<conceptCount { conceptSets[try reader.readString()] = try reader.readInteger(Int.self) }
    }
}

extension SafetyMatcher.PatternIndex {
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(patterns.count))
        for pattern in patterns { pattern.write(into: sink) }
        sink.writeLists(byAnchor)
    }

    init(snapshot reader: SnapshotReader) throws {
        patterns = try reader.readList { try SafetyMatcher.Pattern(snapshot: $0) }
        byAnchor = try reader.readLists()
    }
}

extension SafetyMatcher.Pattern {
    func write(into sink: SnapshotSink) {
        let (shape, span): (UInt64, Int) = switch self.shape {
        case .sequence: (0, 0)
        case .near(let span): (1, span)
        case .order(let span): (2, span)
        }
        sink.writeUnsigned(shape)
        sink.writeSigned(Int64(span))
        sink.writeUnsigned(UInt64(items.count))
        for item in items { item.write(into: sink) }
        sink.writeSigned(Int64(anchor))
        sink.writeSigned(Int64(owner))
    }

    init(snapshot reader: SnapshotReader) throws {
        let tag = try reader.readUnsigned()
        let span = try reader.readInteger(Int.self)
        switch tag {
        case 0: shape = .sequence
        case 1: shape = .near(span)
        case 2: shape = .order(span)
        default: throw reader.corrupt("unknown pattern shape \(tag)")
        }
        items = try reader.readList { try SafetyMatcher.Item(snapshot: $0) }
        anchor = try reader.readInteger(Int.self)
        owner = try reader.readInteger(Int.self)
    }
}

extension SafetyMatcher.Item {
    /// Kind, optional flag and word set packed into one number.
    func write(into sink: SnapshotSink) {
        let (tag, set): (Int64, Int) = switch kind {
        case .set(let set): (0, set)
        case .notSet(let set): (1, set)
        case .any: (2, 0)
        case .clauseEnd: (3, 0)
        case .clauseStart: (4, 0)
        }
        sink.writeSigned(Int64(set) << 4 | tag << 1 | (optional ? 1 : 0))
    }

    init(snapshot reader: SnapshotReader) throws {
        let packed = try reader.readInteger(Int64.self)
        optional = packed & 1 == 1
        let set = Int(packed >> 4)
        switch (packed >> 1) & 0b111 {
        case 0: kind = .set(set)
        case 1: kind = .notSet(set)
        case 2: kind = .any
        case 3: kind = .clauseEnd
        case 4: kind = .clauseStart
        default: throw reader.corrupt("unknown pattern item kind in \(packed)")
        }
    }
}

extension SafetyMatcher.Rule {
    func write(into sink: SnapshotSink) {
        sink.writeString(id)
        sink.writeString(kind.snapshotName)
        for outcome in [ifOther, ifOwn, ifUnknown, ifNegated, ifSoftened, ifOrdinary] { sink.writeOptional(outcome.map(\.description)) }
        sink.writeUnsigned(UInt64(exceptions.count))
        for pattern in exceptions { pattern.write(into: sink) }
        sink.writeBool(softens)
        sink.writeBool(net)
    }

    init(snapshot reader: SnapshotReader) throws {
        id = try reader.readString()
        let kindName = try reader.readString()
        guard let kind = SafetyRule.Kind(snapshotName: kindName) else { throw reader.corrupt("unknown rule kind '\(kindName)'") }
        self.kind = kind
        func outcome() throws -> SafetyOutcome? {
            guard let name: String = try reader.readOptional() else { return nil }
            guard let outcome = SafetyOutcome(name: name) else { throw reader.corrupt("unknown outcome '\(name)'") }
            return outcome
        }
        ifOther = try outcome()
        ifOwn = try outcome()
        ifUnknown = try outcome()
        ifNegated = try outcome()
        ifSoftened = try outcome()
        ifOrdinary = try outcome()
        exceptions = try reader.readList { try SafetyMatcher.Pattern(snapshot: $0) }
        softens = try reader.readBool()
        net = try reader.readBool()
    }
}

extension SafetyRule.Kind {
    var snapshotName: String {
        switch self {
        case .crisis(let category): category.rawValue
        case .soften: "soften"
        }
    }

    init?(snapshotName: String) {
        if snapshotName == "soften" { self = .soften; return }
        guard let category = CrisisCategory(rawValue: snapshotName) else { return nil }
        self = .crisis(category)
    }
}

/// The content itself in a snapshot, field by field: every start reads it, and through the
/// general containers each dictionary, list and struct cost a generic instantiation and a keyed
/// look-up per field (a third of a start went to the runtime finding types and conformances).
/// Dictionaries are written with their keys sorted, so the same content gives the same bytes.
/// What is left out is what `Content.CodingKeys` leaves out, and for the same reasons.
extension Content {
    func write(into sink: SnapshotSink) {
        sink.writeDictionary(flows) { $1.write(into: $0) }
        sink.writeStrings(flowOrder)
        sink.writeDictionary(ruleSets) { $1.write(into: $0) }
        sink.writeDictionary(spellings) { $0.writeStrings($1) }
        sink.writeDictionary(reflections) { $0.writeString($1) }
        sink.writeDictionary(variables) { $1.write(into: $0) }
        sink.writeDictionary(events) { $1.write(into: $0) }
        sink.writeDictionary(texts) { $1.write(into: $0) }
        sink.writeDictionary(textLocations) { $1.write(into: $0) }
        prompts.write(into: sink)
        sink.writeStrings(files)
    }

    /// The crisis rules, the matching tables (`Content.Matching`) and the trained readers are parts
    /// of their own;
    /// `nodes`, `concepts`, `sources` and `resources` are left empty, as a snapshot does not hold
    /// them (`ContentSnapshot.read` fills in what sessions need).
    init(snapshot reader: SnapshotReader) throws {
        self.init()
        flows = try reader.readDictionary { try Flow(snapshot: $0) }
        flowOrder = try reader.readList { try $0.readString() }
        ruleSets = try reader.readDictionary { try RuleSet(snapshot: $0) }
        spellings = try reader.readDictionary { reader in try reader.readList { try $0.readString() } }
        reflections = try reader.readDictionary { try $0.readString() }
        variables = try reader.readDictionary { try VariableDeclaration(snapshot: $0) }
        events = try reader.readDictionary { try EventDeclaration(snapshot: $0) }
        texts = try reader.readDictionary { try Template(snapshot: $0) }
        textLocations = try reader.readDictionary { try SourceLocation(snapshot: $0) }
        prompts = try PromptDeck(snapshot: reader)
        files = try reader.readList { try $0.readString() }
    }
}

extension Content.Matching {
    func write(into sink: SnapshotSink) {
        sink.writeDictionary(compiledPatterns) { sink, rules in
            sink.writeUnsigned(UInt64(rules.count))
            for patterns in rules {
                sink.writeUnsigned(UInt64(patterns.count))
                for pattern in patterns { pattern.write(into: sink) }
            }
        }
        sink.writeDictionary(ruleIndexes) { $1.write(into: $0) }
        tone.write(into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        compiledPatterns = try reader.readDictionary { reader in
            try reader.readList { reader in try reader.readList { try CompiledPattern(snapshot: $0) } }
        }
        ruleIndexes = try reader.readDictionary { try RuleIndex(snapshot: $0) }
        tone = try ToneRules(snapshot: reader)
    }
}

extension Flow {
    func write(into sink: SnapshotSink) {
        sink.writeString(name)
        sink.writeOptional(title)
        sink.writeUnsigned(UInt64(nodes.count))
        for node in nodes { node.write(into: sink) }
        location.write(into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(name: try reader.readString(), title: try reader.readOptional(), nodes: try reader.readList { try Node(snapshot: $0) },
                  location: try SourceLocation(snapshot: reader))
    }
}

extension Node {
    func write(into sink: SnapshotSink) {
        sink.writeString(flow)
        sink.writeString(name)
        code.write(into: sink)
        location.write(into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(flow: try reader.readString(), name: try reader.readString(), code: try Code(snapshot: reader),
                  location: try SourceLocation(snapshot: reader))
    }
}

extension RuleSet {
    func write(into sink: SnapshotSink) {
        sink.writeString(name)
        sink.writeUnsigned(UInt64(rules.count))
        for rule in rules { rule.write(into: sink) }
        sink.writeBool(fallback != nil)
        fallback?.write(into: sink)
        sink.writeBool(fallbackLocation != nil)
        fallbackLocation?.write(into: sink)
        location.write(into: sink)
        sink.writeUnsigned(UInt64(order.count))
        for index in order { sink.writeSigned(Int64(index)) }
        sink.writeBool(ranksDecide)
    }

    init(snapshot reader: SnapshotReader) throws {
        let name = try reader.readString()
        let rules = try reader.readList { try Rule(snapshot: $0) }
        let fallback = try reader.readBool() ? try Code(snapshot: reader) : nil
        let fallbackLocation = try reader.readBool() ? try SourceLocation(snapshot: reader) : nil
        self.init(name: name, rules: rules, fallback: fallback, fallbackLocation: fallbackLocation,
                  location: try SourceLocation(snapshot: reader))
        order = try reader.readList { try $0.readInteger(Int.self) }
        guard order.allSatisfy({ rules.indices.contains($0) }) else { throw reader.corrupt("a rule set's order names a rule it does not have") }
        ranksDecide = try reader.readBool()
    }
}

extension Rule {
    /// The written patterns and the samples are left out (only linking and `content check` read
    /// them); `sure: always` and `reads: whole text` are kept, so a snapshot reads as the rules do.
    func write(into sink: SnapshotSink) {
        sink.writeString(id)
        sink.writeSigned(Int64(rank))
        sink.writeStrings(after)
        sink.writeUnsigned(UInt64(afterLocations.count))
        for location in afterLocations { location.write(into: sink) }
        sink.writeOptional(thought)
        code.write(into: sink)
        location.write(into: sink)
        sink.writeBool(alwaysSure)
        sink.writeBool(wholeTextOnly)
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(id: try reader.readString(), rank: try reader.readInteger(Int.self), after: try reader.readList { try $0.readString() },
                  afterLocations: try reader.readList { try SourceLocation(snapshot: $0) }, thought: try reader.readOptional(),
                  code: try Code(snapshot: reader), location: try SourceLocation(snapshot: reader))
        alwaysSure = try reader.readBool()
        wholeTextOnly = try reader.readBool()
    }
}

extension VariableDeclaration {
    func write(into sink: SnapshotSink) {
        sink.writeString(name)
        defaultValue.write(into: sink)
        location.write(into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(name: try reader.readString(), defaultValue: try Expression(snapshot: reader), location: try SourceLocation(snapshot: reader))
    }
}

extension EventDeclaration {
    func write(into sink: SnapshotSink) {
        sink.writeString(name)
        sink.writeStrings(fields)
        location.write(into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(name: try reader.readString(), fields: try reader.readList { try $0.readString() }, location: try SourceLocation(snapshot: reader))
    }
}

extension RuleIndex {
    func write(into sink: SnapshotSink) {
        sink.writeDictionary(byWord) { sink, rules in
            sink.writeUnsigned(UInt64(rules.count))
            for rule in rules { sink.writeSigned(Int64(rule)) }
        }
        sink.writeUnsigned(UInt64(always.count))
        for rule in always { sink.writeSigned(Int64(rule)) }
        sink.writeUnsigned(UInt64(position.count))
        for rank in position { sink.writeSigned(Int64(rank)) }
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(byWord: try reader.readDictionary { reader in try reader.readList { try $0.readInteger(Int.self) } },
                  always: try reader.readList { try $0.readInteger(Int.self) },
                  position: try reader.readList { try $0.readInteger(Int.self) })
        // `candidates(for:)` looks every rule up in `position`.
        let rules = position.indices
        guard always.allSatisfy(rules.contains), byWord.values.allSatisfy({ $0.allSatisfy(rules.contains) }) else {
            throw reader.corrupt("a rule index names a rule past its rule set")
        }
    }
}

extension PromptDeck {
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(prompts.count))
        for prompt in prompts {
            sink.writeString(prompt.id)
            sink.writeString(prompt.category)
            sink.writeBool(prompt.gentle)
            sink.writeString(prompt.text)
            prompt.location.write(into: sink)
        }
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(prompts: try reader.readList { reader in
            Prompt(id: try reader.readString(), category: try reader.readString(), gentle: try reader.readBool(),
                   text: try reader.readString(), location: try SourceLocation(snapshot: reader))
        })
    }
}

extension ToneRules {
    /// The categories and the built matcher, as `ToneRules.CodingKeys` keeps.
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(categories.count))
        for category in categories {
            sink.writeString(category.name)
            category.location.write(into: sink)
        }
        sink.writeBool(matcher != nil)
        matcher?.write(into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init()
        categories = try reader.readList { ToneName(name: try $0.readString(), location: try SourceLocation(snapshot: $0)) }
        matcher = try reader.readBool() ? try ToneMatcher(snapshot: reader) : nil
    }
}

extension SafetyRules {
    /// The built matcher, the model and the last net (the safety reader with the spellings it
    /// reads by), so that a command reading only this part checks a line as a conversation does.
    func write(into sink: SnapshotSink) {
        sink.writeBool(matcher != nil)
        matcher?.write(into: sink)
        sink.writeBool(model != nil)
        model?.write(into: sink)
        sink.writeBool(readerNet != nil)
        if let readerNet {
            readerNet.reader.write(into: sink)
            sink.writeDictionary(readerNet.normalizer.spellings) { $0.writeStrings($1) }
            sink.writeUnsigned(UInt64(readerNet.normalizer.tokenLimit))
        }
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init()
        matcher = try reader.readBool() ? try SafetyMatcher(snapshot: reader) : nil
        model = try reader.readBool() ? try SafetyModel(snapshot: reader) : nil
        if try reader.readBool() {
            let model = try TextReaderModel(snapshot: reader)
            let spellings = try reader.readDictionary { reader in try reader.readList { try $0.readString() } }
            let limit = Int(try reader.readUnsigned())
            readerNet = SafetyReaderNet(reader: model, normalizer: Normalizer(spellings: spellings, tokenLimit: limit))
        }
    }
}

extension SnapshotSink {
    /// A dictionary keyed by text: its count, then each key (in sorted order) and its value.
    func writeDictionary<Value>(_ dictionary: [String: Value], _ value: (SnapshotSink, Value) -> Void) {
        writeUnsigned(UInt64(dictionary.count))
        for key in dictionary.keys.sorted() {
            writeString(key)
            value(self, dictionary[key].unsafelyUnwrapped)
        }
    }
}

extension SnapshotReader {
    /// A dictionary as `SnapshotSink.writeDictionary` writes it; a key written twice is damage.
    func readDictionary<Value>(_ value: (SnapshotReader) throws -> Value) throws -> [String: Value] {
        let count = try readCount()
        var result: [String: Value] = [:]
        result.reserveCapacity(count)
        for _ in 0..<count {
            let key = try readString()
            guard result.updateValue(try value(self), forKey: key) == nil else { throw corrupt("the key '\(key)' is written twice") }
        }
        return result
    }
}

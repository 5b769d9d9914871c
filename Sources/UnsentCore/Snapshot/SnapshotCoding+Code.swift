/// Compiled dialogue in a snapshot, instruction by instruction: a tag, then its fields in a fixed
/// order. Every tag and name is checked when read, so bytes that do not fit fail cleanly.
extension Code {
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(instructions.count))
        for instruction in instructions { instruction.write(into: sink) }
        sink.writeUnsigned(UInt64(locations.count))
        for location in locations { location.write(into: sink) }
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init()
        instructions = try reader.readList { try Instruction(snapshot: $0) }
        locations = try reader.readList { try SourceLocation(snapshot: $0) }
        guard instructions.count == locations.count else { throw reader.corrupt("code with \(instructions.count) steps has \(locations.count) places") }
    }
}

extension Instruction {
    func write(into sink: SnapshotSink) {
        switch self {
        case .say(let template):
            sink.writeUnsigned(0)
            template.write(into: sink)
        case .vary(let key, let mode, let lines):
            sink.writeUnsigned(1)
            sink.writeString(key)
            sink.writeString(mode.rawValue)
            sink.writeUnsigned(UInt64(lines.count))
            for line in lines { line.write(into: sink) }
        case .ask(let question, let fallback):
            sink.writeUnsigned(2)
            question.write(into: sink)
            sink.writeOptional(fallback)
        case .jump(let target):
            sink.writeUnsigned(3)
            sink.writeSigned(Int64(target))
        case .jumpUnless(let condition, let target):
            sink.writeUnsigned(4)
            condition.write(into: sink)
            sink.writeSigned(Int64(target))
        case .set(let name, let value):
            sink.writeUnsigned(5)
            sink.writeString(name)
            value.write(into: sink)
        case .goto(let target):
            sink.writeUnsigned(6)
            sink.writeString(target)
        case .varyGoto(let key, let mode, let targets):
            sink.writeUnsigned(7)
            sink.writeString(key)
            sink.writeString(mode.rawValue)
            sink.writeStrings(targets)
        case .call(let target):
            sink.writeUnsigned(8)
            sink.writeString(target)
        case .returnFromCall: sink.writeUnsigned(9)
        case .end: sink.writeUnsigned(10)
        case .record(let event, let fields):
            sink.writeUnsigned(11)
            sink.writeString(event)
            sink.writeUnsigned(UInt64(fields.count))
            for field in fields {
                sink.writeString(field.name)
                field.value.write(into: sink)
                field.location.write(into: sink)
            }
        case .saveDraft(let text):
            sink.writeUnsigned(12)
            text.write(into: sink)
        case .sealDraft(let seconds):
            sink.writeUnsigned(13)
            seconds.write(into: sink)
        case .deleteDraft(let number):
            sink.writeUnsigned(14)
            number.write(into: sink)
        case .wait(let seconds):
            sink.writeUnsigned(15)
            seconds.write(into: sink)
        case .match(let text, let ruleSet):
            sink.writeUnsigned(16)
            text.write(into: sink)
            sink.writeString(ruleSet)
        case .checkTone(let draft, let category):
            sink.writeUnsigned(17)
            draft.write(into: sink)
            sink.writeBool(category != nil)
            category?.write(into: sink)
        case .showResources(let kinds):
            sink.writeUnsigned(18)
            sink.writeStrings(kinds)
        case .remember(let name):
            sink.writeUnsigned(19)
            sink.writeString(name)
        }
    }

    init(snapshot reader: SnapshotReader) throws {
        func mode() throws -> VariationMode {
            let name = try reader.readString()
            guard let mode = VariationMode(rawValue: name) else { throw reader.corrupt("unknown variation mode '\(name)'") }
            return mode
        }
        switch try reader.readUnsigned() {
        case 0: self = .say(try Template(snapshot: reader))
        case 1: self = .vary(key: try reader.readString(), mode: try mode(), lines: try reader.readList { try Template(snapshot: $0) })
        case 2: self = .ask(try Question(snapshot: reader), fallback: try reader.readOptional())
        case 3: self = .jump(try reader.readInteger(Int.self))
        case 4: self = .jumpUnless(try Expression(snapshot: reader), try reader.readInteger(Int.self))
        case 5: self = .set(try reader.readString(), try Expression(snapshot: reader))
        case 6: self = .goto(try reader.readString())
        case 7: self = .varyGoto(key: try reader.readString(), mode: try mode(), targets: try reader.readList { try $0.readString() })
        case 8: self = .call(try reader.readString())
        case 9: self = .returnFromCall
        case 10: self = .end
        case 11:
            let event = try reader.readString()
            let fields = try reader.readList { reader in
                RecordField(name: try reader.readString(), value: try Expression(snapshot: reader),
                            location: try SourceLocation(snapshot: reader))
            }
            self = .record(event: event, fields: fields)
        case 12: self = .saveDraft(try Expression(snapshot: reader))
        case 13: self = .sealDraft(try Expression(snapshot: reader))
        case 14: self = .deleteDraft(try Expression(snapshot: reader))
        case 15: self = .wait(try Expression(snapshot: reader))
        case 16: self = .match(try Expression(snapshot: reader), ruleSet: try reader.readString())
        case 17:
            let draft = try Expression(snapshot: reader)
            self = .checkTone(draft, category: try reader.readBool() ? try Expression(snapshot: reader) : nil)
        case 18: self = .showResources(kinds: try reader.readList { try $0.readString() })
        case 19: self = .remember(try reader.readString())
        case let tag: throw reader.corrupt("unknown instruction \(tag)")
        }
    }
}

extension Question {
    func write(into sink: SnapshotSink) {
        sink.writeString(variable)
        switch kind {
        case .scale(let range):
            sink.writeString("scale")
            sink.writeSigned(Int64(range.lowerBound))
            sink.writeSigned(Int64(range.upperBound))
        default: sink.writeString(kind.name)
        }
        prompt.write(into: sink)
        sink.writeUnsigned(UInt64(choices.count))
        for choice in choices {
            sink.writeString(choice.key)
            sink.writeString(choice.label)
            sink.writeStrings(choice.synonyms)
            sink.writeBool(choice.labelTemplate != nil)
            choice.labelTemplate?.write(into: sink)
        }
        sink.writeBool(hint != nil)
        hint?.write(into: sink)
        sink.writeSigned(Int64(retries))
        sink.writeBool(optional)
        sink.writeBool(theirs)
        sink.writeBool(defaultValue != nil)
        defaultValue?.write(into: sink)
        location.write(into: sink)
        sink.writeBool(unsureValue != nil)
        unsureValue?.write(into: sink)
        sink.writeStrings(covers)
        sink.writeBool(fillFrom != nil)
        fillFrom?.write(into: sink)
        sink.writeStrings(dropWords)
        sink.writeBool(daysVariable != nil)
        if let daysVariable { sink.writeString(daysVariable) }
        sink.writeBool(countedFrom != nil)
        countedFrom?.write(into: sink)
    }

    init(snapshot reader: SnapshotReader) throws {
        let variable = try reader.readString()
        let kindName = try reader.readString()
        let kind: AnswerKind
        if kindName == "scale" {
            let low = try reader.readInteger(Int.self), high = try reader.readInteger(Int.self)
            guard low <= high else { throw reader.corrupt("a scale from \(low) to \(high)") }
            kind = .scale(low...high)
        } else if let plain = AnswerKind.byName[kindName] {
            kind = plain
        } else {
            throw reader.corrupt("unknown answer kind '\(kindName)'")
        }
        let prompt = try Template(snapshot: reader)
        let choices = try reader.readList { reader in
            Choice(key: try reader.readString(), label: try reader.readString(), synonyms: try reader.readList { try $0.readString() },
                   labelTemplate: try reader.readBool() ? try Template(snapshot: reader) : nil)
        }
        let hint = try reader.readBool() ? try Template(snapshot: reader) : nil
        self.init(variable: variable, kind: kind, prompt: prompt, choices: choices, hint: hint,
                  retries: try reader.readInteger(Int.self), optional: try reader.readBool(), theirs: try reader.readBool(),
                  defaultValue: try reader.readBool() ? try Expression(snapshot: reader) : nil,
                  location: try SourceLocation(snapshot: reader))
        unsureValue = try reader.readBool() ? try Expression(snapshot: reader) : nil
        covers = try reader.readList { try $0.readString() }
        fillFrom = try reader.readBool() ? try Expression(snapshot: reader) : nil
        dropWords = try reader.readList { try $0.readString() }
        daysVariable = try reader.readBool() ? try reader.readString() : nil
        countedFrom = try reader.readBool() ? try Expression(snapshot: reader) : nil
    }
}

extension Expression {
    func write(into sink: SnapshotSink) {
        switch self {
        case .literal(let value):
            sink.writeUnsigned(0)
            switch value {
            case .none: sink.writeUnsigned(0)
            case .number(let number):
                sink.writeUnsigned(1)
                sink.writeSigned(Int64(number))
            case .text(let text):
                sink.writeUnsigned(2)
                sink.writeString(text)
            case .bool(let flag):
                sink.writeUnsigned(3)
                sink.writeBool(flag)
            }
        case .variable(let name, let location):
            sink.writeUnsigned(1)
            sink.writeString(name)
            location.write(into: sink)
        case .not(let inner):
            sink.writeUnsigned(2)
            inner.write(into: sink)
        case .binary(let op, let left, let right):
            sink.writeUnsigned(3)
            sink.writeString(op.rawValue)
            left.write(into: sink)
            right.write(into: sink)
        }
    }

    init(snapshot reader: SnapshotReader) throws {
        switch try reader.readUnsigned() {
        case 0:
            switch try reader.readUnsigned() {
            case 0: self = .literal(.none)
            case 1: self = .literal(.number(try reader.readInteger(Int.self)))
            case 2: self = .literal(.text(try reader.readString()))
            case 3: self = .literal(.bool(try reader.readBool()))
            case let tag: throw reader.corrupt("unknown value kind \(tag)")
            }
        case 1: self = .variable(try reader.readString(), try SourceLocation(snapshot: reader))
        case 2: self = .not(try Expression(snapshot: reader))
        case 3:
            let name = try reader.readString()
            guard let op = BinaryOperator(rawValue: name) else { throw reader.corrupt("unknown operator '\(name)'") }
            self = .binary(op, try Expression(snapshot: reader), try Expression(snapshot: reader))
        case let tag: throw reader.corrupt("unknown expression kind \(tag)")
        }
    }
}

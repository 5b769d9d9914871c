/// The small values content is made of most (places in files, lines of dialogue, compiled
/// patterns) read and written field by field in a snapshot instead of through the general
/// containers, which cost more than the values themselves. `SnapshotSink.encodeValue` and
/// `SnapshotReader.decodeValue` route these types here.
extension SourceLocation {
    func write(into sink: SnapshotSink) {
        sink.writeString(file)
        sink.writeSigned(Int64(line))
        sink.writeSigned(Int64(column))
    }

    init(snapshot reader: SnapshotReader) throws {
        self.init(file: try reader.readString(), line: try reader.readInteger(Int.self), column: try reader.readInteger(Int.self))
    }
}

extension Template {
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(parts.count))
        for part in parts {
            switch part {
            case .text(let text):
                sink.writeUnsigned(0)
                sink.writeString(text)
            case .variable(let name):
                sink.writeUnsigned(1)
                sink.writeString(name)
            case .capture(let number, let reflected):
                sink.writeUnsigned(reflected ? 3 : 2)
                sink.writeSigned(Int64(number))
            }
        }
        location.write(into: sink)
        sink.writeUnsigned(UInt64(offsets.count))
        for offset in offsets { sink.writeSigned(Int64(offset)) }
    }

    init(snapshot reader: SnapshotReader) throws {
        let parts: [Part] = try reader.readList { reader in
            switch try reader.readUnsigned() {
            case 0: return .text(try reader.readString())
            case 1: return .variable(try reader.readString())
            case let tag where tag == 2 || tag == 3: return .capture(try reader.readInteger(Int.self), reflected: tag == 3)
            case let tag: throw reader.corrupt("unknown template part \(tag)")
            }
        }
        self.init(parts: parts, location: try SourceLocation(snapshot: reader),
                  offsets: try reader.readList { try $0.readInteger(Int.self) })
    }
}

extension CompiledPattern {
    func write(into sink: SnapshotSink) {
        sink.writeUnsigned(UInt64(elements.count))
        for element in elements {
            switch element {
            case .wildcard: sink.writeUnsigned(0)
            case .word(let word):
                sink.writeUnsigned(1)
                sink.writeString(word)
            case .choice(let options):
                sink.writeUnsigned(2)
                sink.writeUnsigned(UInt64(options.count))
                for option in options {
                    sink.writeUnsigned(UInt64(option.count))
                    for word in option { sink.writeString(word) }
                }
            }
        }
    }

    /// The minimum length and required words are worked out again from the elements, as when compiling.
    init(snapshot reader: SnapshotReader) throws {
        let elements: [Element] = try reader.readList { reader in
            switch try reader.readUnsigned() {
            case 0: return .wildcard
            case 1: return .word(try reader.readString())
            case 2: return .choice(try reader.readList { reader in try reader.readList { try $0.readString() } })
            case let tag: throw reader.corrupt("unknown pattern element \(tag)")
            }
        }
        self.init(elements: elements)
    }
}

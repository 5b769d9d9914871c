/// Writes `Encodable` values in the compact binary form `SnapshotDecoder` reads back.
///
/// The form is sequential and typed by the reader: a value is written in the order its
/// `encode(to:)` asks, integers as variable-length numbers, strings once each in a table
/// (later uses are table numbers), keys as table numbers so a reader can check them.
/// Collections carry their count; optionals a presence byte. Nothing in it is self-describing:
/// only the same types, in the same build, can read it, which is how snapshots are used.
public struct SnapshotEncoder {
    public init() {}

    /// The bytes of `value`, string table first.
    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        try encode { try $0.encodeValue(value) }
    }

    /// The bytes of what `write` writes, string table first (for values written field by field).
    func encode(_ write: (SnapshotSink) throws -> Void) rethrows -> [UInt8] {
        let sink = SnapshotSink()
        try write(sink)
        var output = SnapshotSink.Bytes()
        output.varint(UInt64(sink.strings.count))
        for string in sink.strings {
            let utf8 = Array(string.utf8)
            output.varint(UInt64(utf8.count))
            output.storage += utf8
        }
        sink.root.flatten(into: &output)
        return output.storage
    }
}

/// The encoder behind `SnapshotEncoder`: a tree of sequences, because an unkeyed container
/// only knows its count when its owner is done with it.
final class SnapshotSink: Encoder {
    struct Bytes {
        var storage: [UInt8] = []

        mutating func varint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                storage.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            storage.append(UInt8(rest))
        }
    }

    /// A run of written values; an unkeyed container is a nested sequence that writes its count first.
    final class Sequence {
        enum Part {
            case bytes(Bytes)
            case nested(Sequence)
        }
        var parts: [Part] = []
        var count = 0
        let counted: Bool

        init(counted: Bool) { self.counted = counted }

        func append(_ write: (inout Bytes) -> Void) {
            if case .bytes(var bytes) = parts.last {
                parts[parts.count - 1] = .bytes(Bytes())
                write(&bytes)
                parts[parts.count - 1] = .bytes(bytes)
            } else {
                var bytes = Bytes()
                write(&bytes)
                parts.append(.bytes(bytes))
            }
        }

        func flatten(into output: inout Bytes) {
            if counted { output.varint(UInt64(count)) }
            for part in parts {
                switch part {
                case .bytes(let bytes): output.storage += bytes.storage
                case .nested(let sequence): sequence.flatten(into: &output)
                }
            }
        }
    }

    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    private(set) var strings: [String] = []
    private var stringNumbers: [String: Int] = [:]
    let root = Sequence(counted: false)
    private(set) var current: Sequence

    init() { current = root }

    private init(parent: SnapshotSink, sequence: Sequence) {
        strings = []
        current = sequence
        shared = parent.shared ?? parent
    }

    /// Child encoders (for nested unkeyed containers) share the string table of the first one.
    private var shared: SnapshotSink?
    private var table: SnapshotSink { shared ?? self }

    func number(of string: String) -> Int {
        let owner = table
        if let number = owner.stringNumbers[string] { return number }
        let number = owner.strings.count
        owner.strings.append(string)
        owner.stringNumbers[string] = number
        return number
    }

    func child(counted: Bool) -> SnapshotSink {
        let sequence = Sequence(counted: counted)
        current.parts.append(.nested(sequence))
        return SnapshotSink(parent: self, sequence: sequence)
    }

    // MARK: values

    func writeKey(_ key: some CodingKey) {
        let number = number(of: key.stringValue)
        current.append { $0.varint(UInt64(number)) }
    }

    func writeString(_ string: String) {
        let number = number(of: string)
        current.append { $0.varint(UInt64(number)) }
    }

    func writeUnsigned(_ value: UInt64) { current.append { $0.varint(value) } }
    func writeSigned(_ value: Int64) { writeUnsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    func writeBool(_ value: Bool) { current.append { $0.storage.append(value ? 1 : 0) } }

    func writeOptional(_ value: Int?) {
        writeBool(value != nil)
        if let value { writeSigned(Int64(value)) }
    }

    func writeOptional(_ value: String?) {
        writeBool(value != nil)
        if let value { writeString(value) }
    }

    func writeFloat(_ value: Float) { writeUnsigned(UInt64(value.bitPattern)) }

    /// Eight lanes of weights.
    func writeLanes(_ lanes: SIMD8<Float>) {
        for lane in 0..<8 { writeFloat(lanes[lane]) }
    }

    func writeStrings(_ strings: [String]) {
        writeUnsigned(UInt64(strings.count))
        for string in strings { writeString(string) }
    }

    /// Many fixed-width numbers as they lie in memory (little-endian), after their count: read
    /// back with one copy (a trained reader's hundreds of thousands of weights).
    func writeRaw<Integer: FixedWidthInteger>(_ values: [Integer]) {
        writeUnsigned(UInt64(values.count))
        current.append { bytes in
            for value in values {
                withUnsafeBytes(of: value.littleEndian) { bytes.storage.append(contentsOf: $0) }
            }
        }
    }

    /// Lists of word ids: a count, then each list as a count and its ids.
    func writeLists(_ lists: [[Int32]]) {
        writeUnsigned(UInt64(lists.count))
        for list in lists {
            writeUnsigned(UInt64(list.count))
            for id in list { writeSigned(Int64(id)) }
        }
    }

    /// Writes one value. Types are compared, never values cast: a cast would open an optional
    /// and lose its presence byte.
    func encodeValue<Value: Encodable>(_ value: Value) throws {
        if Value.self == String.self {
            writeString(reinterpret(value, as: String.self))
        } else if Value.self == Int.self {
            writeSigned(Int64(reinterpret(value, as: Int.self)))
        } else if Value.self == Bool.self {
            writeBool(reinterpret(value, as: Bool.self))
        } else if Value.self == SafetyRules.self {
            reinterpret(value, as: SafetyRules.self).write(into: self)
        } else if Value.self == SourceLocation.self {
            reinterpret(value, as: SourceLocation.self).write(into: self)
        } else if Value.self == Code.self {
            reinterpret(value, as: Code.self).write(into: self)
        } else if Value.self == Template.self {
            reinterpret(value, as: Template.self).write(into: self)
        } else if Value.self == CompiledPattern.self {
            reinterpret(value, as: CompiledPattern.self).write(into: self)
        } else if Value.self == SafetyMatcher.self {
            reinterpret(value, as: SafetyMatcher.self).write(into: self)
        } else if Value.self == ToneMatcher.self {
            reinterpret(value, as: ToneMatcher.self).write(into: self)
        } else if Value.self == SafetyModel.self {
            reinterpret(value, as: SafetyModel.self).write(into: self)
        } else if Value.self == TextReaderModel.self {
            reinterpret(value, as: TextReaderModel.self).write(into: self)
        } else if let special = Value.self as? any SnapshotSpecialEncodable.Type {
            try special.write(value, into: self)
        } else {
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A dictionary the special form did not take (keys that do not sort): keys first all the same.
        if _typeName(type, qualified: false).hasPrefix("_DictionaryCodingKey") {
            return KeyedEncodingContainer(DictionaryContainer<Key>(keys: child(counted: true), values: child(counted: false)))
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(sink: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(sink: child(counted: true))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(sink: self)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: SnapshotSink
        var codingPath: [any CodingKey] { sink.codingPath }

        mutating func encodeNil(forKey key: Key) throws {
            sink.writeKey(key)
            sink.writeBool(false)
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            sink.writeKey(key)
            try sink.encodeValue(value)
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws { sink.writeKey(key); sink.writeBool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { sink.writeKey(key); sink.writeString(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { sink.writeKey(key); sink.writeUnsigned(value.bitPattern) }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            sink.writeKey(key)
            sink.writeUnsigned(UInt64(value.bitPattern))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { sink.writeKey(key); sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { sink.writeKey(key); sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { sink.writeKey(key); sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { sink.writeKey(key); sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { sink.writeKey(key); sink.writeSigned(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { sink.writeKey(key); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { sink.writeKey(key); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { sink.writeKey(key); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { sink.writeKey(key); sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { sink.writeKey(key); sink.writeUnsigned(value) }

        // Optionals keep a presence byte, so the reader never has to guess whether a key was skipped.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encode(value, forKey: key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            sink.writeKey(key)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(sink: sink))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            sink.writeKey(key)
            return UnkeyedContainer(sink: sink.child(counted: true))
        }
        mutating func superEncoder() -> any Encoder {
            sink.writeKey(SnapshotKey.superKey)
            return sink
        }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            sink.writeKey(key)
            return sink
        }
    }

    /// Writes a dictionary's keys into one run (counted) and its values into the next.
    struct DictionaryContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let keys: SnapshotSink
        let values: SnapshotSink
        var codingPath: [any CodingKey] { values.codingPath }

        private func add(_ key: Key) {
            keys.current.count += 1
            keys.writeString(key.stringValue)
        }
        mutating func encodeNil(forKey key: Key) throws {
            add(key)
            values.writeBool(false)
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            add(key)
            try values.encodeValue(value)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            add(key)
            return values.container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            add(key)
            return values.unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder {
            add(Key(stringValue: SnapshotKey.superKey.stringValue) ?? Key(stringValue: "")!)
            return values
        }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            add(key)
            return values
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let sink: SnapshotSink
        var codingPath: [any CodingKey] { sink.codingPath }
        var count: Int { sink.current.count }

        mutating func encodeNil() throws {
            sink.current.count += 1
            sink.writeBool(false)
        }
        mutating func encode<T: Encodable>(_ value: T) throws {
            sink.current.count += 1
            try sink.encodeValue(value)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            sink.current.count += 1
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(sink: sink))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            sink.current.count += 1
            return UnkeyedContainer(sink: sink.child(counted: true))
        }
        mutating func superEncoder() -> any Encoder {
            sink.current.count += 1
            return sink
        }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let sink: SnapshotSink
        var codingPath: [any CodingKey] { sink.codingPath }

        mutating func encodeNil() throws { sink.writeBool(false) }
        mutating func encode<T: Encodable>(_ value: T) throws { try sink.encodeValue(value) }
        mutating func encode(_ value: Bool) throws { sink.writeBool(value) }
        mutating func encode(_ value: String) throws { sink.writeString(value) }
        mutating func encode(_ value: Double) throws { sink.writeUnsigned(value.bitPattern) }
        mutating func encode(_ value: Float) throws { sink.writeUnsigned(UInt64(value.bitPattern)) }
        mutating func encode(_ value: Int) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int8) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int16) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int32) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int64) throws { sink.writeSigned(value) }
        mutating func encode(_ value: UInt) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { sink.writeUnsigned(value) }
    }
}

/// The key `superEncoder()` and `superDecoder()` use.
struct SnapshotKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    static let superKey = SnapshotKey(stringValue: "super")
}

/// A value seen as the type it is known to be (the caller has compared the types).
@inline(__always)
func reinterpret<Value, Target>(_ value: Value, as target: Target.Type) -> Target {
    precondition(Value.self == Target.self)
    return withUnsafePointer(to: value) { UnsafeRawPointer($0).assumingMemoryBound(to: Target.self).pointee }
}

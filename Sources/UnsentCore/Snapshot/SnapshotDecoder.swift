/// Reads values written by `SnapshotEncoder`. Every read is bounds-checked and every key is
/// compared with the one the type asks for, so bytes from another build or a damaged file
/// fail with a `DecodingError` instead of producing a wrong value.
public struct SnapshotDecoder {
    public init() {}

    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try decode(type, from: bytes[...])
    }

    /// Reads from part of a larger buffer without copying it.
    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: ArraySlice<UInt8>) throws -> Value {
        try decode(from: bytes) { try $0.decodeValue(type) }
    }

    /// What `read` reads from the bytes, which it must use up (for values read field by field).
    func decode<Value>(from bytes: ArraySlice<UInt8>, _ read: (SnapshotReader) throws -> Value) throws -> Value {
        let reader = try SnapshotReader(bytes: bytes)
        let value = try read(reader)
        guard reader.position == bytes.endIndex else { throw reader.corrupt("bytes left over after the value") }
        return value
    }
}

/// The decoder behind `SnapshotDecoder`: one cursor over the bytes, shared by every container.
final class SnapshotReader: Decoder {
    let bytes: ArraySlice<UInt8>
    private(set) var position: Int
    private var strings: [String] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(bytes: ArraySlice<UInt8>) throws {
        self.bytes = bytes
        position = bytes.startIndex
        let count = try readCount()
        strings.reserveCapacity(count)
        for _ in 0..<count {
            let length = try readCount()
            guard length <= bytes.endIndex - position else { throw corrupt("a string runs past the end") }
            let start = position - bytes.startIndex
            let string = bytes.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<start + length]), as: UTF8.self)
            }
            strings.append(string)
            position += length
        }
    }

    func corrupt(_ reason: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "Snapshot at byte \(position): \(reason)."))
    }

    // MARK: primitives

    func readByte() throws -> UInt8 {
        guard position < bytes.endIndex else { throw corrupt("the data ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    func readUnsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw corrupt("a number is too long") }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    func readSigned() throws -> Int64 {
        let raw = try readUnsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    func readCount() throws -> Int {
        let raw = try readUnsigned()
        guard raw <= UInt64(bytes.count) else { throw corrupt("a count is larger than the data") }
        return Int(raw)
    }

    func readBool() throws -> Bool {
        switch try readByte() {
        case 0: false
        case 1: true
        default: throw corrupt("a flag is neither 0 nor 1")
        }
    }

    func readString() throws -> String {
        let number = try readUnsigned()
        guard number < UInt64(strings.count) else { throw corrupt("a string number is out of range") }
        return strings[Int(number)]
    }

    func readInteger<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        if Integer.isSigned {
            guard let value = Integer(exactly: try readSigned()) else { throw corrupt("a number does not fit \(type)") }
            return value
        }
        guard let value = Integer(exactly: try readUnsigned()) else { throw corrupt("a number does not fit \(type)") }
        return value
    }

    /// Reads the key the writer put before a value and checks it is the one asked for.
    func expectKey(_ key: some CodingKey) throws {
        let found = try readString()
        guard found == key.stringValue else { throw corrupt("expected the key '\(key.stringValue)', found '\(found)'") }
    }

    /// The next key, without moving past it (for enums, which ask which case was written).
    func peekKey() throws -> String {
        let start = position
        defer { position = start }
        return try readString()
    }

    func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
        // The plain values that fill most lists, without a container each.
        if type == String.self { return reinterpret(try readString(), as: Value.self) }
        if type == Int.self { return reinterpret(try readInteger(Int.self), as: Value.self) }
        if type == Bool.self { return reinterpret(try readBool(), as: Value.self) }
        if type == Int32.self { return reinterpret(try readInteger(Int32.self), as: Value.self) }
        if type == UInt64.self { return reinterpret(try readInteger(UInt64.self), as: Value.self) }
        // The model's own small values and the crisis rules, field by field (SnapshotCoding+Model.swift).
        if type == SafetyRules.self { return reinterpret(try SafetyRules(snapshot: self), as: Value.self) }
        if type == SourceLocation.self { return reinterpret(try SourceLocation(snapshot: self), as: Value.self) }
        if type == Code.self { return reinterpret(try Code(snapshot: self), as: Value.self) }
        if type == Template.self { return reinterpret(try Template(snapshot: self), as: Value.self) }
        if type == CompiledPattern.self { return reinterpret(try CompiledPattern(snapshot: self), as: Value.self) }
        if type == SafetyMatcher.self { return reinterpret(try SafetyMatcher(snapshot: self), as: Value.self) }
        if type == ToneMatcher.self { return reinterpret(try ToneMatcher(snapshot: self), as: Value.self) }
        if type == SafetyModel.self { return reinterpret(try SafetyModel(snapshot: self), as: Value.self) }
        if type == TextReaderModel.self { return reinterpret(try TextReaderModel(snapshot: self), as: Value.self) }
        // Lists of them (word bitsets, anchor tables, word lists) in one loop each.
        if type == [UInt64].self { return reinterpret(try readList { try $0.readInteger(UInt64.self) }, as: Value.self) }
        if type == [Int32].self { return reinterpret(try readList { try $0.readInteger(Int32.self) }, as: Value.self) }
        if type == [[Int32]].self {
            return reinterpret(try readList { reader in try reader.readList { try $0.readInteger(Int32.self) } }, as: Value.self)
        }
        if type == [String].self { return reinterpret(try readList { try $0.readString() }, as: Value.self) }
        if type == [Int].self { return reinterpret(try readList { try $0.readInteger(Int.self) }, as: Value.self) }
        return try Value(from: self)
    }

    /// Numbers written by `SnapshotSink.writeRaw`, copied out in one go.
    func readRaw<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> [Integer] {
        let count = try readCount()
        let size = MemoryLayout<Integer>.size
        guard count <= (bytes.endIndex - position) / size else { throw corrupt("raw numbers run past the end") }
        let start = position - bytes.startIndex
        let values = bytes.withUnsafeBytes { raw in
            (0..<count).map { Integer(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * size, as: Integer.self)) }
        }
        position += count * size
        return values
    }

    /// Steps over numbers written by `SnapshotSink.writeRaw`, giving where their bytes are in `bytes`.
    func skipRaw<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Range<Int> {
        let count = try readCount()
        let size = MemoryLayout<Integer>.size
        guard count <= (bytes.endIndex - position) / size else { throw corrupt("raw numbers run past the end") }
        defer { position += count * size }
        return position..<(position + count * size)
    }

    func readFloat() throws -> Float { Float(bitPattern: try readInteger(UInt32.self)) }

    func readLanes() throws -> SIMD8<Float> {
        var lanes = SIMD8<Float>()
        for lane in 0..<8 { lanes[lane] = try readFloat() }
        return lanes
    }

    func readOptional() throws -> Int? { try readBool() ? try readInteger(Int.self) : nil }
    func readOptional() throws -> String? { try readBool() ? try readString() : nil }

    /// Lists of word ids, as `SnapshotSink.writeLists` writes them.
    func readLists() throws -> [[Int32]] {
        try readList { reader in try reader.readList { try $0.readInteger(Int32.self) } }
    }

    /// A list as an unkeyed container writes it (a count, then the items), read in one loop.
    func readList<Element>(_ item: (SnapshotReader) throws -> Element) throws -> [Element] {
        let count = try readCount()
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try item(self)) }
        return result
    }

    /// Which key types are the standard library's dictionary keys, remembered per type.
    private var dictionaryKeyTypes: [ObjectIdentifier: Bool] = [:]

    /// Whether a keyed container belongs to a dictionary (whose keys were all written first).
    private func isDictionary<Key: CodingKey>(_ type: Key.Type) -> Bool {
        let id = ObjectIdentifier(type)
        if let known = dictionaryKeyTypes[id] { return known }
        let found = _typeName(type, qualified: false).hasPrefix("_DictionaryCodingKey")
        dictionaryKeyTypes[id] = found
        return found
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard isDictionary(type) else { return KeyedDecodingContainer(KeyedContainer<Key>(reader: self)) }
        let count = try readCount()
        var keys: [Key] = []
        keys.reserveCapacity(count)
        for _ in 0..<count {
            let name = try readString()
            guard let key = Key(stringValue: name) else { throw corrupt("the dictionary key '\(name)' is not valid here") }
            keys.append(key)
        }
        return KeyedDecodingContainer(DictionaryContainer<Key>(reader: self, allKeys: keys))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedContainer(reader: self, count: try readCount())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(reader: self)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let reader: SnapshotReader
        var codingPath: [any CodingKey] { reader.codingPath }

        /// Only enums ask: their one case is the next key.
        var allKeys: [Key] {
            guard let name = try? reader.peekKey(), let key = Key(stringValue: name) else { return [] }
            return [key]
        }
        func contains(_ key: Key) -> Bool { (try? reader.peekKey()) == key.stringValue }

        func decodeNil(forKey key: Key) throws -> Bool {
            // Only optionals are written with a presence byte; look without moving.
            let start = reader.position
            try reader.expectKey(key)
            if try reader.readByte() == 0 { return true }
            reader.position = start
            return false
        }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try reader.expectKey(key)
            return try reader.decodeValue(type)
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.expectKey(key); return try reader.readBool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.expectKey(key); return try reader.readString() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            try reader.expectKey(key)
            return Double(bitPattern: try reader.readUnsigned())
        }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
            try reader.expectKey(key)
            return Float(bitPattern: try reader.readInteger(UInt32.self))
        }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

        private func integer<Integer: FixedWidthInteger>(_ key: Key) throws -> Integer {
            try reader.expectKey(key)
            return try reader.readInteger(Integer.self)
        }

        // The writer gives every optional a presence byte (see SnapshotSink.KeyedContainer).
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try reader.expectKey(key)
            return try reader.readBool() ? try reader.decodeValue(type) : nil
        }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decode(Bool?.self, forKey: key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decode(String?.self, forKey: key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decode(Double?.self, forKey: key) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decode(Float?.self, forKey: key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decode(Int?.self, forKey: key) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decode(Int8?.self, forKey: key) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decode(Int16?.self, forKey: key) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decode(Int32?.self, forKey: key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decode(Int64?.self, forKey: key) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decode(UInt?.self, forKey: key) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decode(UInt8?.self, forKey: key) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decode(UInt16?.self, forKey: key) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decode(UInt32?.self, forKey: key) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decode(UInt64?.self, forKey: key) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                                   forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try reader.expectKey(key)
            return KeyedDecodingContainer(KeyedContainer<NestedKey>(reader: reader))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try reader.expectKey(key)
            return UnkeyedContainer(reader: reader, count: try reader.readCount())
        }
        func superDecoder() throws -> any Decoder {
            try reader.expectKey(SnapshotKey.superKey)
            return reader
        }
        func superDecoder(forKey key: Key) throws -> any Decoder {
            try reader.expectKey(key)
            return reader
        }
    }

    /// A dictionary's keys, read up front; its values follow in the same order.
    struct DictionaryContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let reader: SnapshotReader
        let allKeys: [Key]
        var codingPath: [any CodingKey] { reader.codingPath }

        func contains(_ key: Key) -> Bool { allKeys.contains { $0.stringValue == key.stringValue } }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.decodeValue(type) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                                   forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try reader.container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try reader.unkeyedContainer() }
        func superDecoder() throws -> any Decoder { reader }
        func superDecoder(forKey key: Key) throws -> any Decoder { reader }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let reader: SnapshotReader
        let total: Int
        var currentIndex = 0
        var codingPath: [any CodingKey] { reader.codingPath }
        var count: Int? { total }
        var isAtEnd: Bool { currentIndex >= total }

        init(reader: SnapshotReader, count: Int) {
            self.reader = reader
            total = count
        }

        private mutating func advance() throws {
            guard !isAtEnd else { throw reader.corrupt("a list has fewer items than asked for") }
            currentIndex += 1
        }

        /// An item that is nil was written as a lone 0.
        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw reader.corrupt("a list has fewer items than asked for") }
            let start = reader.position
            if try reader.readByte() == 0 {
                currentIndex += 1
                return true
            }
            reader.position = start
            return false
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try advance()
            return try reader.decodeValue(type)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try advance()
            return KeyedDecodingContainer(KeyedContainer<NestedKey>(reader: reader))
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try advance()
            return UnkeyedContainer(reader: reader, count: try reader.readCount())
        }
        mutating func superDecoder() throws -> any Decoder {
            try advance()
            return reader
        }
    }

    struct SingleContainer: SingleValueDecodingContainer {
        let reader: SnapshotReader
        var codingPath: [any CodingKey] { reader.codingPath }

        /// Only optionals ask, and each was written with a presence byte: it is read either way.
        func decodeNil() -> Bool {
            (try? reader.readBool()) != true
        }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(type) }
        func decode(_ type: Bool.Type) throws -> Bool { try reader.readBool() }
        func decode(_ type: String.Type) throws -> String { try reader.readString() }
        func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try reader.readUnsigned()) }
        func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: try reader.readInteger(UInt32.self)) }
        func decode(_ type: Int.Type) throws -> Int { try reader.readInteger(Int.self) }
        func decode(_ type: Int8.Type) throws -> Int8 { try reader.readInteger(Int8.self) }
        func decode(_ type: Int16.Type) throws -> Int16 { try reader.readInteger(Int16.self) }
        func decode(_ type: Int32.Type) throws -> Int32 { try reader.readInteger(Int32.self) }
        func decode(_ type: Int64.Type) throws -> Int64 { try reader.readInteger(Int64.self) }
        func decode(_ type: UInt.Type) throws -> UInt { try reader.readInteger(UInt.self) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.readInteger(UInt8.self) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.readInteger(UInt16.self) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.readInteger(UInt32.self) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.readInteger(UInt64.self) }
    }
}

/// Optionals and dictionaries need a layout of their own in a snapshot, chosen when writing
/// (where asking a value's type costs nothing that matters): an optional is a presence byte and
/// then its value, and a dictionary is its count, all its keys, then all its values, so that a
/// reader can answer `allKeys` before reading any value. Everything else uses the general
/// containers, so reading never has to ask the runtime what a type conforms to.
protocol SnapshotSpecialEncodable {
    func encode(into sink: SnapshotSink) throws
}

extension SnapshotSpecialEncodable {
    /// Writes a value whose type the caller found to be `Self`.
    static func write<Value>(_ value: Value, into sink: SnapshotSink) throws {
        try reinterpret(value, as: Self.self).encode(into: sink)
    }
}

extension Optional: SnapshotSpecialEncodable where Wrapped: Encodable {
    func encode(into sink: SnapshotSink) throws {
        switch self {
        case .none: sink.writeBool(false)
        case .some(let wrapped):
            sink.writeBool(true)
            try sink.encodeValue(wrapped)
        }
    }
}

extension Dictionary: SnapshotSpecialEncodable where Key: Encodable & Comparable, Value: Encodable {
    func encode(into sink: SnapshotSink) throws {
        let ordered = keys.sorted()
        sink.writeUnsigned(UInt64(count))
        for key in ordered { sink.writeString(String(describing: key)) }
        for key in ordered { try sink.encodeValue(self[key].unsafelyUnwrapped) }
    }
}

/// A trained reader in a snapshot: its header values, then its weights as three flat lists,
/// which a read only steps over: they are copied out when a text is first read (`ReaderWeights`).
extension TextReaderModel {
    func write(into sink: SnapshotSink) {
        sink.writeString(name)
        sink.writeStrings(classes)
        sink.writeFloat(act)
        sink.writeFloat(ask)
        sink.writeFloat(offer)
        sink.writeUnsigned(UInt64(bias.count))
        for value in bias { sink.writeFloat(value) }
        let tables = weights.value
        sink.writeRaw(tables.keys)
        sink.writeRaw(tables.offsets)
        sink.writeRaw(tables.entries)
    }

    init(snapshot reader: SnapshotReader) throws {
        let name = try reader.readString()
        let classes = try reader.readList { try $0.readString() }
        let act = try reader.readFloat(), ask = try reader.readFloat(), offer = try reader.readFloat()
        let bias = try reader.readList { try $0.readFloat() }
        let keys = try reader.skipRaw(UInt64.self), offsets = try reader.skipRaw(Int32.self), entries = try reader.skipRaw(Int32.self)
        guard offsets.count / 4 == keys.count / 8 + 1, bias.count == classes.count else { throw reader.corrupt("a trained reader's weights") }
        let pending = ReaderWeights.Pending(bytes: reader.bytes, keys: keys, offsets: offsets, entries: entries)
        self.init(name: name, classes: classes, act: act, ask: ask, offer: offer, bias: bias, weights: ReaderWeights(pending: pending))
    }
}

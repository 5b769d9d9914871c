/// A trained reader in a snapshot: its header values, then its weights as three flat lists.
extension TextReaderModel {
    func write(into sink: SnapshotSink) {
        sink.writeString(name)
        sink.writeStrings(classes)
        sink.writeFloat(act)
        sink.writeFloat(ask)
        sink.writeFloat(offer)
        sink.writeUnsigned(UInt64(bias.count))
        for value in bias { sink.writeFloat(value) }
        sink.writeRaw(keys)
        sink.writeRaw(offsets)
        sink.writeRaw(entries)
    }

    init(snapshot reader: SnapshotReader) throws {
        let name = try reader.readString()
        let classes = try reader.readList { try $0.readString() }
        let act = try reader.readFloat(), ask = try reader.readFloat(), offer = try reader.readFloat()
        let bias = try reader.readList { try $0.readFloat() }
        let keys = try reader.readRaw(UInt64.self)
        let offsets = try reader.readRaw(Int32.self)
        let entries = try reader.readRaw(Int32.self)
        var ordered = offsets.count == keys.count + 1 && offsets.first == 0 && offsets.last.map(Int.init) == entries.count
        for index in offsets.indices.dropFirst() where offsets[index] < offsets[index - 1] { ordered = false }
        guard ordered, bias.count == classes.count else { throw reader.corrupt("a trained reader's weights") }
        self.init(name: name, classes: classes, act: act, ask: ask, offer: offer, bias: bias,
                  keys: keys, offsets: offsets, entries: entries)
    }
}

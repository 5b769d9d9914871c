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
        sink.writeUnsigned(UInt64(keys.count))
        for key in keys { sink.writeUnsigned(key) }
        sink.writeLists([offsets, entries])
    }

    init(snapshot reader: SnapshotReader) throws {
        let name = try reader.readString()
        let classes = try reader.readList { try $0.readString() }
        let act = try reader.readFloat(), ask = try reader.readFloat(), offer = try reader.readFloat()
        let bias = try reader.readList { try $0.readFloat() }
        let keys = try reader.readList { try $0.readInteger(UInt64.self) }
        let lists = try reader.readLists()
        guard lists.count == 2, lists[0].count == keys.count + 1, bias.count == classes.count,
              lists[0].allSatisfy({ $0 >= 0 && Int($0) <= lists[1].count }) else {
            throw reader.corrupt("a trained reader's weights")
        }
        self.init(name: name, classes: classes, act: act, ask: ask, offer: offer, bias: bias,
                  keys: keys, offsets: lists[0], entries: lists[1])
    }
}

import Foundation

/// A trained reader's weight tables, held as they lie in a content snapshot until a text is
/// first read: most sessions never ask a reader, and a start that copied them out spent more
/// time on them than on anything the first prompt shows. Once decoded they are kept.
final class ReaderWeights: @unchecked Sendable {
    /// Feature keys (`ReaderFeatures.key`), sorted; `offsets[i]..<offsets[i + 1]` are key i's entries.
    struct Tables: Equatable {
        var keys: [UInt64] = []
        var offsets: [Int32] = [0]
        /// Each entry is a class number (high 16 bits) and a weight in 1/1024ths (low 16 bits, signed).
        var entries: [Int32] = []

        /// Whether the tables can be searched: offsets start at 0, never go down and end at the entries.
        var isOrdered: Bool {
            guard offsets.count == keys.count + 1, offsets.first == 0, offsets.last.map(Int.init) == entries.count else { return false }
            for index in offsets.indices.dropFirst() where offsets[index] < offsets[index - 1] { return false }
            return true
        }
    }

    /// Where each table's numbers lie in a snapshot (little-endian, as `SnapshotSink.writeRaw` wrote them).
    struct Pending {
        var bytes: ArraySlice<UInt8>
        var keys: Range<Int>
        var offsets: Range<Int>
        var entries: Range<Int>
    }

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var tables: Tables?
    private var pending: Pending?

    init(_ tables: Tables) {
        self.tables = tables
    }

    /// Weights to be read from `pending` on first use. Their counts were checked against the
    /// snapshot's length when it was read; the order of the offsets is checked on first use, and
    /// tables that do not add up read as no weights at all (the reader then ranks by bias alone),
    /// which a snapshot whose checksum matched never gives.
    init(pending: Pending) {
        self.pending = pending
    }

    /// Whether the tables have been decoded (or were given whole).
    var isDecoded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return tables != nil
    }

    /// The tables, decoded the first time they are asked for.
    var value: Tables {
        lock.lock()
        defer { lock.unlock() }
        if let tables { return tables }
        var decoded = Tables()
        if let pending {
            decoded = Tables(keys: Self.numbers(pending.bytes, pending.keys), offsets: Self.numbers(pending.bytes, pending.offsets),
                             entries: Self.numbers(pending.bytes, pending.entries))
            if !decoded.isOrdered { decoded = Tables() }
        }
        tables = decoded
        pending = nil
        return decoded
    }

    private static func numbers<Integer: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>) -> [Integer] {
        let size = MemoryLayout<Integer>.size
        let count = range.count / size
        return bytes.withUnsafeBytes { raw in
            let start = range.lowerBound - bytes.startIndex
            return [Integer](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    buffer[index] = Integer(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * size, as: Integer.self))
                }
                initialized = count
            }
        }
    }
}

import Foundation

/// The store's write-ahead log (`PATH-wal`) read as SQLite lays it out, to find damage SQLite would hide.
///
/// When SQLite opens a store whose log holds frames, it replays frames until the first one whose checksum
/// fails and silently drops that one and everything after it, committed transactions included, then deletes
/// the log when it closes. A frame that fails after a crash is normal only at the end of the log (a
/// transaction that never finished); a failing frame *followed by* a sound frame that ends a transaction
/// means committed steps would be lost. That is what `damage()` reports.
///
/// Layout (sqlite.org/fileformat.html, "WAL file format"): a 32-byte header (magic, version, page size,
/// checkpoint number, two salts, two checksum words), then frames of a 24-byte header (page number, database
/// size after a commit or 0, the two salts, two checksum words) and one page. All fields are big-endian; the
/// checksum words are summed in the byte order the magic's lowest bit names. Each frame's checksum runs on
/// from the one before, so a frame can be checked on its own against the checksum its predecessor stored.
struct WriteAheadLog {
    /// Where a log stops being one SQLite will replay whole.
    struct Damage: Equatable {
        /// The first frame (1-based) SQLite would reject, or 0 when the header itself is unreadable.
        let frame: Int
        /// Byte offset of that frame (or of the header).
        let offset: Int
        /// Frames after the damage that would each have ended a committed transaction.
        let lostCommits: Int
    }

    static let headerSize = 32
    static let frameHeaderSize = 24

    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The log at `path` as far as `damage()` reads it: the header, then frames while they belong to the
    /// log's current generation (its salts) and name a page, plus the first one that does not. SQLite cuts a
    /// kept log back to `journal_size_limit` (1 MB), not to nothing, so most of a log is frames of older
    /// generations: reading it whole cost every start a megabyte (3.3M of the 20M instructions on the
    /// store's opening path, callgrind, stop 23). Nil when there is no log.
    static func current(atPath path: String) -> WriteAheadLog? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return nil
        }
        defer { try? handle.close() }
        var bytes = [UInt8](handle.readData(ofLength: headerSize))
        guard bytes.count == headerSize, let header = Header(bytes) else {
            // A header SQLite cannot read: `damage()` looks at everything after it.
            bytes += handle.readDataToEndOfFile()
            return WriteAheadLog(bytes: bytes)
        }
        let frameSize = frameHeaderSize + header.pageSize
        while true {
            let frame = WriteAheadLog(bytes: [UInt8](handle.readData(ofLength: frameSize)))
            bytes += frame.bytes
            guard frame.bytes.count == frameSize, frame.word(at: 8) == header.salt1, frame.word(at: 12) == header.salt2,
                  frame.word(at: 0) != 0 else { break }
        }
        return WriteAheadLog(bytes: bytes)
    }

    /// The damage that would make SQLite drop committed transactions, or nil when the log is sound (or
    /// holds nothing after the point where it stops, as after an ordinary crash or checkpoint).
    func damage() -> Damage? {
        guard bytes.count >= Self.headerSize else {
            return nil
        }
        guard let header = Header(bytes) else {
            // A header SQLite cannot read makes it ignore every frame: damage when there are frames to lose.
            return bytes.count > Self.headerSize && bytes[Self.headerSize...].contains { $0 != 0 }
                ? Damage(frame: 0, offset: 0, lostCommits: 0) : nil
        }
        let frameSize = Self.frameHeaderSize + header.pageSize
        let frameCount = (bytes.count - Self.headerSize) / frameSize
        var checksum = header.checksum
        var firstBad: Int?
        var lostCommits = 0
        for index in 0..<frameCount {
            let offset = Self.headerSize + index * frameSize
            guard word(at: offset + 8) == header.salt1, word(at: offset + 12) == header.salt2,
                  word(at: offset) != 0 else {
                // A frame of an older generation of the log (or never written): SQLite stops here.
                break
            }
            let stored = (word(at: offset + 16), word(at: offset + 20))
            let computed = frameChecksum(at: offset, pageSize: header.pageSize, from: checksum, bigEndian: header.bigEndian)
            if computed != stored {
                firstBad = firstBad ?? index
            } else if firstBad != nil, word(at: offset + 4) != 0 {
                lostCommits += 1
            }
            // Each frame is judged against what its predecessor stored, so one damaged frame does not hide
            // the sound ones after it.
            checksum = stored
        }
        guard let bad = firstBad, lostCommits > 0 else {
            return nil
        }
        return Damage(frame: bad + 1, offset: Self.headerSize + bad * frameSize, lostCommits: lostCommits)
    }

    /// The log's header, when SQLite would accept it.
    private struct Header {
        let bigEndian: Bool
        let pageSize: Int
        let salt1: UInt32
        let salt2: UInt32
        let checksum: (UInt32, UInt32)

        init?(_ bytes: [UInt8]) {
            let log = WriteAheadLog(bytes: bytes)
            let magic = log.word(at: 0)
            guard magic & 0xFFFF_FFFE == 0x377F_0682, log.word(at: 4) == 3_007_000 else {
                return nil
            }
            bigEndian = magic & 1 == 1
            var size = Int(log.word(at: 8))
            if size == 1 { size = 65_536 }
            guard size >= 512, size <= 65_536, size & (size - 1) == 0 else {
                return nil
            }
            pageSize = size
            salt1 = log.word(at: 16)
            salt2 = log.word(at: 20)
            checksum = (log.word(at: 24), log.word(at: 28))
            guard log.checksum(of: 0..<24, from: (0, 0), bigEndian: bigEndian) == checksum else {
                return nil
            }
        }
    }

    /// A frame's checksum: its header's first 8 bytes, then its page, running on from `seed`.
    private func frameChecksum(at offset: Int, pageSize: Int, from seed: (UInt32, UInt32),
                               bigEndian: Bool) -> (UInt32, UInt32) {
        let afterHeader = checksum(of: offset..<(offset + 8), from: seed, bigEndian: bigEndian)
        let pageStart = offset + Self.frameHeaderSize
        return checksum(of: pageStart..<(pageStart + pageSize), from: afterHeader, bigEndian: bigEndian)
    }

    /// SQLite's `walChecksumBytes`: Fletcher-like sums over pairs of 32-bit words.
    private func checksum(of range: Range<Int>, from seed: (UInt32, UInt32), bigEndian: Bool) -> (UInt32, UInt32) {
        var (s0, s1) = seed
        var position = range.lowerBound
        while position + 8 <= range.upperBound {
            let x0 = bigEndian ? word(at: position) : littleEndianWord(at: position)
            let x1 = bigEndian ? word(at: position + 4) : littleEndianWord(at: position + 4)
            s0 = s0 &+ x0 &+ s1
            s1 = s1 &+ x1 &+ s0
            position += 8
        }
        return (s0, s1)
    }

    private func word(at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    private func littleEndianWord(at offset: Int) -> UInt32 {
        UInt32(bytes[offset + 3]) << 24 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset])
    }
}

/// Loaded content saved whole, so later starts skip reading, linking and checking the files.
///
/// A snapshot is a fixed header, a checksum, a line of lengths and sums, a key, then four parts:
/// what the first prompt needs (flows, rule sets, texts), the matching tables (compiled patterns,
/// rule indexes, tone rules), the crisis rules and the trained readers (most of the bytes). A
/// start reads and checks the first part; the other three are checked and read on other threads
/// once the first prompt is on screen (`Content.startReadingTheRest`), and the first use of each
/// waits for it (the crisis rules before the first line the person types is checked). The key
/// says what the snapshot was made from (a fingerprint of the content files and of the program
/// that wrote it); the first checksum covers the line of lengths and sums, the key and the first
/// part, and each later part must match its sum on that line, so a part of one snapshot cannot be
/// passed off under the key of another. A snapshot whose key differs, or whose first part does
/// not add up, is simply not used; a later part that does not is read again from the files. It
/// keeps what sessions run on; what only linking and `unsent content check` read (rules and
/// concepts as written, rule samples) is left out, and so are the help lines, which the reader
/// hands back in from their file: no snapshot decides which crisis numbers are shown.
public enum ContentSnapshot {
    static let header = Array("unsent content snapshot 12\n".utf8)

    /// The bytes of a snapshot of `content`, made under `key` (without its help lines).
    public static func make(_ content: Content, key: String) throws -> [UInt8] {
        let first = SnapshotEncoder().encode { content.write(into: $0) }
        let matching = SnapshotEncoder().encode { content.matching.value.write(into: $0) }
        let safety = SnapshotEncoder().encode { content.safety.write(into: $0) }
        let readers = SnapshotEncoder().encode { sink in sink.writeDictionary(content.readers) { $1.write(into: $0) } }
        return assemble(key: key, first: first, later: [matching, safety, readers])
    }

    /// The parts after the first: the matching tables, the crisis rules and the trained readers.
    static let laterParts = 3

    /// A snapshot from its parts: the header, a checksum, a line of lengths (the key's, then each
    /// part's) and of the later parts' checksums, the key, then the parts. The first checksum covers
    /// the line, the key and the first part, which is all a start reads before its first prompt;
    /// each later part is checked against its own sum (covered by the first) where it is read.
    static func assemble(key: String, first: [UInt8], later: [[UInt8]]) -> [UInt8] {
        let fields = [key.utf8.count, first.count] + later.map(\.count) + later.map { checksum($0[...]) }
        var covered = Array((fields.map(String.init).joined(separator: " ") + "\n").utf8) + Array(key.utf8) + first
        let sum = checksum(covered[...])
        for part in later { covered += part }
        return header + Array("\(sum) ".utf8) + covered
    }

    /// Where a snapshot's parts are (as places in the file), the sums the later ones must have, and
    /// the bytes up to the end of the first part, already read.
    struct Parts {
        var first: Range<Int>
        var later: [(range: Range<Int>, sum: Int)]
        var head: [UInt8]
    }

    /// The most a header, its line of lengths and sums and a key can take: read first, to find the rest.
    static let headLimit = 4096

    /// Where the parts of a snapshot made under `key` are; nil when the key differs, the header
    /// does not add up or the first checksum does not match. Only the bytes up to the end of the
    /// first part are read.
    static func parts(_ source: SnapshotBytes, key: String) -> Parts? {
        guard let start = source.read(0..<min(source.count, headLimit)), start.starts(with: header),
              let space = start[header.count...].firstIndex(of: 0x20),
              let sum = Int(String(decoding: start[header.count..<space], as: UTF8.self)),
              let newline = start[space...].firstIndex(of: 0x0A) else { return nil }
        let fields = String(decoding: start[(space + 1)..<newline], as: UTF8.self).split(separator: " ").map { Int($0) ?? -1 }
        guard fields.count == 2 + 2 * laterParts, fields.allSatisfy({ $0 >= 0 }) else { return nil }
        let lengths = fields.prefix(2 + laterParts), sums = Array(fields.suffix(laterParts))
        // Each length below a terabyte, so that adding them up cannot overflow (damage can make any number).
        guard lengths.allSatisfy({ $0 < 1 << 40 }), lengths.reduce(newline + 1, +) == source.count else { return nil }
        let keyStart = newline + 1, firstStart = keyStart + fields[0], firstEnd = firstStart + fields[1]
        guard let head = firstEnd <= start.count ? Array(start[..<firstEnd]) : source.read(0..<firstEnd), head.count == firstEnd,
              head[keyStart..<firstStart].elementsEqual(key.utf8), checksum(head[(space + 1)..<firstEnd]) == sum else { return nil }
        var later: [(range: Range<Int>, sum: Int)] = []
        var partStart = firstEnd
        for index in 0..<laterParts {
            let end = partStart + fields[2 + index]
            later.append((partStart..<end, sums[index]))
            partStart = end
        }
        return Parts(first: firstStart..<firstEnd, later: later, head: head)
    }

    static func parts(_ bytes: [UInt8], key: String) -> Parts? {
        parts(SnapshotBytes(bytes), key: key)
    }

    /// A later part whose bytes cannot be read or do not add up to its sum.
    struct DamagedPart: Error {}

    /// The bytes of a later part, read, once they add up to its sum.
    static func checked(_ source: SnapshotBytes, _ part: (range: Range<Int>, sum: Int)) throws -> ArraySlice<UInt8> {
        guard let bytes = source.read(part.range), bytes.count == part.range.count, checksum(bytes[...]) == part.sum else {
            throw DamagedPart()
        }
        return bytes[...]
    }

    /// The content in a snapshot, with the help lines `resources` (read from their file), or nil
    /// when it was made under another key or cannot be read. The matching tables, the crisis
    /// rules and the trained readers are read on other threads and waited for where they are first used. Should one of
    /// them not read back (the checksum matched, so only a fault in this program could cause it),
    /// it is taken from `reparse`, the content read again from its files; without that, the
    /// program stops rather than go on without its crisis rules.
    /// `accepted` is called once the snapshot is known to be the one for `key`, before its parts
    /// are read: content that was checked when the snapshot was made, so a caller may start what
    /// it would only do for good content (opening the store) alongside the reading.
    public static func read(_ bytes: [UInt8], key: String, resources: ResourceDirectory,
                            reparse: (@Sendable () -> Content?)? = nil, accepted: () -> Void = {}) -> Content? {
        read(SnapshotBytes(bytes), key: key, resources: resources, reparse: reparse, accepted: accepted)
    }

    /// As above, from bytes read a range at a time: a start reads the first part, and the later
    /// parts are read on the threads that decode them.
    public static func read(_ bytes: SnapshotBytes, key: String, resources: ResourceDirectory,
                            reparse: (@Sendable () -> Content?)? = nil, accepted: () -> Void = {}) -> Content? {
        guard let parts = parts(bytes, key: key) else { return nil }
        accepted()
        guard var content = try? SnapshotDecoder().decode(from: parts.head[parts.first], { try Content(snapshot: $0) }) else { return nil }
        // Each later part is checked against its own sum where it is read, off the path to the first prompt.
        let matching = BackgroundWork(startingNow: false) {
            try SnapshotDecoder().decode(from: checked(bytes, parts.later[0])) { try Content.Matching(snapshot: $0) }
        }
        let safety = BackgroundWork(startingNow: false) {
            try SnapshotDecoder().decode(from: checked(bytes, parts.later[1])) { try SafetyRules(snapshot: $0) }
        }
        let readers = BackgroundWork(startingNow: false) {
            try SnapshotDecoder().decode(from: checked(bytes, parts.later[2])) { try $0.readDictionary { try TextReaderModel(snapshot: $0) } }
        }
        content.startReading = { safety.start(); matching.start(); readers.start() }
        content.safetyPart = Deferred(making: {
            (try? safety.value()) ?? reread(reparse, "the crisis rules") { $0.safety }
        })
        content.matching = Deferred(making: {
            (try? matching.value()) ?? reread(reparse, "the matching tables") { $0.matching.value }
        })
        content.readersPart = Deferred(making: {
            (try? readers.value()) ?? reread(reparse, "the trained readers") { $0.readers }
        })
        content.resources = resources
        for flow in content.flows.values {
            for node in flow.nodes { content.nodes[node.qualifiedName] = node }
        }
        return content
    }

    /// A part of the content read again from its files, when the snapshot's did not read back.
    private static func reread<Part>(_ reparse: (@Sendable () -> Content?)?, _ name: String, _ part: (Content) -> Part) -> Part {
        guard let content = reparse?() else {
            preconditionFailure("\(name) in the content snapshot did not read back, and the content files could not be read again")
        }
        return part(content)
    }

    /// Only the crisis rules of a snapshot, for commands that check one line and need nothing else.
    public static func readSafety(_ bytes: [UInt8], key: String) -> SafetyRules? {
        readSafety(SnapshotBytes(bytes), key: key)
    }

    /// As above, reading only the header, the first part (to check it) and the crisis rules.
    public static func readSafety(_ bytes: SnapshotBytes, key: String) -> SafetyRules? {
        guard let parts = parts(bytes, key: key) else { return nil }
        return try? SnapshotDecoder().decode(from: checked(bytes, parts.later[1])) { try SafetyRules(snapshot: $0) }
    }

    /// A checksum of some bytes, kept positive so it prints as a plain number.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> Int {
        Int(bytes.withUnsafeBytes { hash($0, seed: 0xcbf2_9ce4_8422_2325) } >> 1)
    }

    /// A 64-bit hash taken eight bytes at a time (FNV-style multiply and rotate): a start hashes
    /// about a megabyte, which a byte-at-a-time loop makes a noticeable part of it.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash = seed ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            hash = (hash << 29) | (hash >> 35)
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        return hash
    }

    /// A 64-bit fingerprint of some texts, in hex: cheap enough to take at every start. Each
    /// text's length goes into the hash, so moving a boundary changes it.
    public static func fingerprint(_ texts: [String]) -> String {
        var value: UInt64 = 0x8422_2325_cbf2_9ce4
        for text in texts {
            var text = text
            value = text.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: value) }
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Where a snapshot's bytes come from: all of them at once, or a file read a range at a time
/// (`read` gives nil when the range cannot be read whole).
public struct SnapshotBytes: Sendable {
    public let count: Int
    let read: @Sendable (Range<Int>) -> [UInt8]?

    public init(_ bytes: [UInt8]) {
        count = bytes.count
        read = { range in range.upperBound <= bytes.count ? Array(bytes[range]) : nil }
    }

    public init(count: Int, read: @escaping @Sendable (Range<Int>) -> [UInt8]?) {
        self.count = count
        self.read = read
    }
}

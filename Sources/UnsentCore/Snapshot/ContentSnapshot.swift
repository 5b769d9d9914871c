/// Loaded content saved whole, so later starts skip reading, linking and checking the files.
///
/// A snapshot is a fixed header, a line of a checksum and five lengths, a key, then four parts:
/// what the first prompt needs (flows, rule sets, texts), the matching tables (compiled patterns,
/// rule indexes, tone rules), the crisis rules and the trained readers (most of the bytes). A
/// start reads the first part and hands the other three to other threads: the first use of each
/// waits for it (the crisis rules before the first line the person types is checked), so the
/// first prompt does not wait for them. The key
/// says what the snapshot was made from (a fingerprint of the content files and of the program
/// that wrote it); the checksum covers everything after it, the lengths and the key included, so
/// a part of one snapshot cannot be passed off under the key of another. A snapshot whose key
/// differs, or whose bytes do not add up, is simply not used. It keeps what sessions run on; what
/// only linking and `unsent content check` read (rules and concepts as written, rule samples) is
/// left out, and so are the help lines, which the reader hands back in from their file: no
/// snapshot decides which crisis numbers are shown.
public enum ContentSnapshot {
    static let header = Array("unsent content snapshot 9\n".utf8)

    /// The bytes of a snapshot of `content`, made under `key` (without its help lines).
    public static func make(_ content: Content, key: String) throws -> [UInt8] {
        let firstBytes = SnapshotEncoder().encode { content.write(into: $0) }
        let matchingBytes = SnapshotEncoder().encode { content.matching.value.write(into: $0) }
        let safetyBytes = SnapshotEncoder().encode { content.safety.write(into: $0) }
        let readersBytes = SnapshotEncoder().encode { sink in sink.writeDictionary(content.readers) { $1.write(into: $0) } }
        let lengths = [key.utf8.count, firstBytes.count, matchingBytes.count, safetyBytes.count, readersBytes.count]
        var covered = Array((lengths.map(String.init).joined(separator: " ") + "\n").utf8)
        covered += Array(key.utf8)
        covered += firstBytes
        covered += matchingBytes
        covered += safetyBytes
        covered += readersBytes
        return header + Array("\(checksum(covered[...])) ".utf8) + covered
    }

    /// Where the parts of a snapshot made under `key` are; nil when the key differs, the header
    /// does not add up or the checksum does not match.
    private static func parts(_ bytes: [UInt8], key: String)
        -> (first: Range<Int>, matching: Range<Int>, safety: Range<Int>, readers: Range<Int>)? {
        guard bytes.starts(with: header), let space = bytes[header.count...].firstIndex(of: 0x20),
              let sum = Int(String(decoding: bytes[header.count..<space], as: UTF8.self)),
              let newline = bytes[space...].firstIndex(of: 0x0A) else { return nil }
        let fields = String(decoding: bytes[(space + 1)..<newline], as: UTF8.self).split(separator: " ").map { Int($0) ?? -1 }
        guard fields.count == 5, fields.allSatisfy({ $0 >= 0 }), fields.reduce(newline + 1, +) == bytes.count else { return nil }
        let keyStart = newline + 1, firstStart = keyStart + fields[0]
        let matchingStart = firstStart + fields[1], safetyStart = matchingStart + fields[2], readersStart = safetyStart + fields[3]
        guard bytes[keyStart..<firstStart].elementsEqual(key.utf8), checksum(bytes[(space + 1)...]) == sum else { return nil }
        return (firstStart..<matchingStart, matchingStart..<safetyStart, safetyStart..<readersStart, readersStart..<bytes.count)
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
        guard let parts = parts(bytes, key: key) else { return nil }
        accepted()
        let safety = BackgroundWork { try SnapshotDecoder().decode(from: bytes[parts.safety]) { try SafetyRules(snapshot: $0) } }
        let matching = BackgroundWork { try SnapshotDecoder().decode(from: bytes[parts.matching]) { try Content.Matching(snapshot: $0) } }
        let readers = BackgroundWork {
            try SnapshotDecoder().decode(from: bytes[parts.readers]) { try $0.readDictionary { try TextReaderModel(snapshot: $0) } }
        }
        guard var content = try? SnapshotDecoder().decode(from: bytes[parts.first], { try Content(snapshot: $0) }) else { return nil }
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
        guard let parts = parts(bytes, key: key) else { return nil }
        return try? SnapshotDecoder().decode(from: bytes[parts.safety]) { try SafetyRules(snapshot: $0) }
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

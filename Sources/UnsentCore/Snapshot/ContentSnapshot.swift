import Dispatch

/// Loaded content saved whole, so later starts skip reading, linking and checking the files.
///
/// A snapshot is a fixed header, a key, then two parts: the crisis rules and everything else,
/// read back at the same time on two threads (the crisis rules are a third of the work).
/// The key says what the snapshot was made from (a fingerprint of the content files and of the
/// program that wrote it); a snapshot whose key differs, or whose bytes do not read back, is
/// simply not used. It keeps what sessions run on; what only linking and `unsent content check`
/// read (rules and concepts as written, rule samples) is left out, and `content check` always
/// reads the files.
public enum ContentSnapshot {
    static let header = Array("unsent content snapshot 2\n".utf8)

    /// The bytes of a snapshot of `content`, made under `key`.
    public static func make(_ content: Content, key: String) throws -> [UInt8] {
        var rest = content
        rest.safety = SafetyRules()
        rest.nodes = [:]
        let restBytes = try SnapshotEncoder().encode(rest)
        let safetyBytes = try SnapshotEncoder().encode(content.safety)
        let sum = checksum(restBytes[...]) ^ checksum(safetyBytes[...])
        var bytes = header
        bytes += Array("\(key.utf8.count) \(restBytes.count) \(safetyBytes.count) \(sum)\n".utf8)
        bytes += Array(key.utf8)
        bytes += restBytes
        bytes += safetyBytes
        return bytes
    }

    /// Where the parts of a checked snapshot are: nil when it was made under another key or is damaged.
    private static func parts(_ bytes: [UInt8], key: String) -> (rest: Range<Int>, safety: Range<Int>)? {
        guard bytes.starts(with: header), let newline = bytes[header.count...].firstIndex(of: 0x0A) else { return nil }
        let sizes = String(decoding: bytes[header.count..<newline], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        guard sizes.count == 4, sizes.allSatisfy({ $0 >= 0 }), sizes.prefix(3).reduce(newline + 1, +) == bytes.count else { return nil }
        let keyStart = newline + 1, restStart = keyStart + sizes[0], safetyStart = restStart + sizes[1]
        guard bytes[keyStart..<restStart].elementsEqual(key.utf8) else { return nil }
        // A damaged file must not become content that is wrong in some small way.
        guard checksum(bytes[restStart..<safetyStart]) ^ checksum(bytes[safetyStart...]) == sizes[3] else { return nil }
        return (restStart..<safetyStart, safetyStart..<bytes.count)
    }

    /// The content in a snapshot, or nil when it was made under another key or cannot be read.
    public static func read(_ bytes: [UInt8], key: String) -> Content? {
        guard let parts = parts(bytes, key: key) else { return nil }
        let safety = SafetyPart()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            safety.rules = try? SnapshotDecoder().decode(SafetyRules.self, from: bytes[parts.safety])
        }
        let rest = try? SnapshotDecoder().decode(Content.self, from: bytes[parts.rest])
        group.wait()
        guard var content = rest, let rules = safety.rules else { return nil }
        content.safety = rules
        for flow in content.flows.values {
            for node in flow.nodes { content.nodes[node.qualifiedName] = node }
        }
        return content
    }

    /// Only the crisis rules of a snapshot, for commands that check one line and need nothing else.
    public static func readSafety(_ bytes: [UInt8], key: String) -> SafetyRules? {
        guard let parts = parts(bytes, key: key) else { return nil }
        return try? SnapshotDecoder().decode(SafetyRules.self, from: bytes[parts.safety])
    }

    /// The crisis rules as read on the second thread; `group.wait()` orders the write before the read.
    private final class SafetyPart: @unchecked Sendable {
        var rules: SafetyRules?
    }

    /// A checksum of some bytes (FNV-1a, kept positive so it prints as a plain number).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return Int(hash >> 1)
    }

    /// A 64-bit FNV-1a fingerprint of some texts, in hex: cheap enough to take at every start.
    public static func fingerprint(_ texts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in texts {
            var text = text
            text.withUTF8 { buffer in
                for byte in buffer {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x0000_0100_0000_01B3
                }
            }
            hash ^= 0xFF
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Pattern items are most of the linked safety rules, so each is stored as one number
/// (kind, optional flag and word set packed together) rather than as a nested enum.
extension SafetyMatcher.Item {
    init(from decoder: any Decoder) throws {
        let packed = try decoder.singleValueContainer().decode(Int64.self)
        optional = packed & 1 == 1
        let set = Int(packed >> 4)
        switch (packed >> 1) & 0b111 {
        case 0: kind = .set(set)
        case 1: kind = .notSet(set)
        case 2: kind = .any
        case 3: kind = .clauseEnd
        case 4: kind = .clauseStart
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Unknown pattern item kind in \(packed)."))
        }
    }

    func encode(to encoder: any Encoder) throws {
        let (tag, set): (Int64, Int) = switch kind {
        case .set(let set): (0, set)
        case .notSet(let set): (1, set)
        case .any: (2, 0)
        case .clauseEnd: (3, 0)
        case .clauseStart: (4, 0)
        }
        var container = encoder.singleValueContainer()
        try container.encode(Int64(set) << 4 | tag << 1 | (optional ? 1 : 0))
    }
}

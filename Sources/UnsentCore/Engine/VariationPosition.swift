/// Where a variation is: how often it has spoken, and for `shuffle` the current order.
public struct VariationPosition: Sendable, Hashable {
    public var shown: Int = 0
    public var order: [Int] = []
    public var last: Int?

    public init(shown: Int = 0, order: [Int] = [], last: Int? = nil) {
        self.shown = shown
        self.order = order
        self.last = last
    }

    /// A compact text form for the store: `shown;order;last`.
    public var encoded: String {
        "\(shown);\(order.map(String.init).joined(separator: ","));\(last.map(String.init) ?? "")"
    }

    public init?(encoded: String) {
        let parts = encoded.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 3, let shown = Int(parts[0]) else { return nil }
        self.shown = shown
        self.order = parts[1].split(separator: ",").compactMap { Int($0) }
        self.last = Int(parts[2])
    }

    /// Picks the line index to show next, or nil when a `once` variation is used up.
    mutating func next(mode: VariationMode, count: Int, random: inout SeededRandom) -> Int? {
        guard count > 0 else { return nil }
        defer { shown += 1 }
        let pick: Int?
        switch mode {
        case .sequence: pick = min(shown, count - 1)
        case .cycle: pick = shown % count
        case .once: pick = shown < count ? shown : nil
        case .shuffle:
            if order.isEmpty || order.contains(where: { $0 >= count }) || order.count > count {
                var fresh = Array(0..<count)
                fresh.shuffle(using: &random)
                if count > 1, fresh.first == last { fresh.swapAt(0, Int.random(in: 1..<count, using: &random)) }
                order = fresh
            }
            pick = order.removeFirst()
        }
        if let pick { last = pick }
        return pick
    }
}

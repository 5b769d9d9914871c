extension CrisisCategory {
    /// Which category wins when several rules fire on the same text.
    ///
    /// Danger from someone else comes first (it changes what help is shown), then the ex's
    /// threat to hurt themselves, then harm to others, suicide and self-harm; a gentle
    /// check-in (`ambiguous`) only when nothing firmer fired.
    public var priority: Int {
        switch self {
        case .danger: 6
        case .exSelfHarm: 5
        case .harmOthers: 4
        case .suicide: 3
        case .selfHarm: 2
        case .ambiguous: 1
        }
    }

    /// Every category except `ambiguous`: the ones that stop the script.
    public var isCrisis: Bool { self != .ambiguous }

    /// The kinds of help line to show for this category: abuse lines when the ex is the danger,
    /// crisis lines otherwise; the emergency number always.
    public var helpKinds: [String] { self == .danger ? ["emergency", "abuse"] : ["emergency", "crisis"] }
}

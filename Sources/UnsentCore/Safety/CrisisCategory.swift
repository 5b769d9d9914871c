/// What the crisis check found in a piece of text.
public enum CrisisCategory: String, Sendable, Hashable, CaseIterable, Codable {
    /// Thoughts of suicide, intent, plans, means, goodbyes, wishes to not exist or not wake up.
    case suicide
    case selfHarm = "self-harm"
    case harmOthers = "harm-others"
    /// Danger from the ex: threats, stalking, monitoring, violence, coercion.
    case danger
    /// The ex threatens to hurt themselves to pull the person back.
    case exSelfHarm = "ex-self-harm"
    /// Negated or joking but worrying: a gentle check-in, not a full interrupt.
    case ambiguous
}

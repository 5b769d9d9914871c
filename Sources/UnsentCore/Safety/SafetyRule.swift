/// One rule of a `.safety` file as written: its patterns, exceptions, category changes and samples.
struct SafetyRule: Sendable, Codable {
    /// A crisis category, or `soften`: a rule whose matches soften nearby crisis matches (jokes, reassurance).
    enum Kind: Sendable, Hashable, Codable {
        case crisis(CrisisCategory)
        case soften
    }

    /// A line of text the rule set must classify a certain way (checked by `lint()`).
    struct Sample: Sendable, Codable {
        var text: String
        /// What the whole rule set should say; nil for a soften rule's plain `sample:` (the rule must match).
        var expected: SafetyOutcome?
        var location: SourceLocation
    }

    var id: String
    var kind: Kind
    var location: SourceLocation
    var patterns: [SafetyPattern] = []
    /// `unless ...:` patterns: when one matches near a match, that match does not count.
    var exceptions: [SafetyPattern] = []
    /// `if other:` — when someone else (he, she, the ex, a name that said it) is the subject.
    var ifOther: SafetyOutcome?
    /// `if negated:` — when a negation comes shortly before the match in its clause.
    var ifNegated: SafetyOutcome?
    /// `if softened:` — when a soften rule (a joke, "just venting") matched nearby.
    var ifSoftened: SafetyOutcome?
    var samples: [Sample] = []
    /// `softens`: besides its own category, the rule softens crisis matches nearby like a soften rule.
    var softens = false
    /// `net`: a rule of the high-sensitivity net, tried only when no precise rule matched at all.
    var net = false
    /// `if own:` — when the person themselves is the subject (i, im, my...).
    var ifOwn: SafetyOutcome?
    /// `if unknown:` — when no subject is found before the match.
    var ifUnknown: SafetyOutcome?
    /// `if ordinary:` — when the statistical model reads the whole text as ordinary (`none` at
    /// least `SafetyModel.ordinaryThreshold`): for rules whose words are often the person's own
    /// vocabulary of endings ("goodbye forever, kevin"), or used in another sense.
    var ifOrdinary: SafetyOutcome?
}

/// A `flag ID` block as written: its advice and templates, its word patterns and exceptions,
/// its samples, and (for `shouting`) its settings.
struct ToneFlagBlock: Sendable, Codable {
    /// An `advice:` or `template:` line, possibly limited with `in`.
    struct Wording: Sendable, Codable {
        var text: String
        var scope: ToneScope
        var location: SourceLocation
    }

    /// What a pattern line does.
    enum LineKind: Sendable, Hashable, Codable {
        /// `words:` — a match raises the flag.
        case trigger
        /// `unless:` — a match overlapping a trigger's match cancels it.
        case exception
        /// `repeat N:` — the flag is raised when the pattern matches N times or more.
        case repeated(Int)
    }

    struct Line: Sendable, Codable {
        var kind: LineKind
        var pattern: TonePattern
        var scope: ToneScope
    }

    /// A `sample:` line: `sample none:` must not raise the flag; `in CATEGORY` checks it as a reply to that category.
    struct Sample: Sendable, Codable {
        var text: String
        var raises: Bool
        var category: ToneName?
        var location: SourceLocation
    }

    var id: String
    /// Where the id is written, for "unknown flag" errors.
    var location: SourceLocation
    var advice: [Wording] = []
    var templates: [Wording] = []
    var lines: [Line] = []
    var samples: [Sample] = []
    var shouting = ToneShouting()
}

/// One problem with the tone of a draft reply: which kind, the words that raised it, and
/// what to try instead. Everything but `id` and `quote` comes from `Content/tone`.
public struct ToneFlag: Sendable, Hashable, Codable {
    /// One of `ToneRules.flagIDs`, such as `begging` or `too-long`.
    public var id: String
    /// The words of the draft that raised the flag, exactly as typed (for `too-long`, the
    /// word count, as in "142 words").
    public var quote: String
    /// A direction for a rewrite, in Unsent's voice.
    public var advice: String
    /// An example rewrite, when the content has one.
    public var template: String?

    public init(id: String, quote: String, advice: String, template: String? = nil) {
        self.id = id
        self.quote = quote
        self.advice = advice
        self.template = template
    }
}

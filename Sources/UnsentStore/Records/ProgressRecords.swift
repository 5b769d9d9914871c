/// What `unsent stats` reads from the store: the plan's settings, every contact event (there are few), how often
/// the ex reached out, and the urges, reflections and moods of a recent window only.
public struct ProgressRecords: Sendable, Equatable {
    /// `plan_start`, `plan_length` and `day_start_hour`, when set.
    public var settings: [String: String]
    /// Every `contact` event, oldest first: slips are counted over the whole plan.
    public var contacts: [ProgressEvent]
    /// `contact` events from them plus `contact-received` events, over all time.
    public var reachOuts: Int
    /// `urge-started`, `urge-ended`, `reflection`, `mood` and `contact-received` events since the window's start, oldest first.
    public var recent: [ProgressEvent]

    public init(settings: [String: String], contacts: [ProgressEvent], reachOuts: Int, recent: [ProgressEvent]) {
        self.settings = settings
        self.contacts = contacts
        self.reachOuts = reachOuts
        self.recent = recent
    }
}

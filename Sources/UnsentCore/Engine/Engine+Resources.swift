extension Engine {
    /// The help lines for the person's region, or the international advice when the region is unknown.
    func resourceLines(kinds: [String], state: ConversationState) -> [String] {
        []
    }
}

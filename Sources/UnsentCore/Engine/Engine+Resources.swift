extension Engine {
    /// The help lines for the person's region, or, when the region is unknown, the international
    /// advice and directory: never one country's numbers by default.
    func resourceLines(kinds: [String], state: ConversationState) -> [String] {
        let wanted = kinds.isEmpty ? Set(Resource.Kind.allCases) : Set(kinds.compactMap(Resource.Kind.init(rawValue:)))
        let code = (state.variables["region"] ?? .none).description.lowercased()
        if !code.isEmpty, code != "other", let region = content.resources.region(code) {
            let lines = region.lines(kinds: wanted)
            if !lines.isEmpty { return lines.map { "  " + $0 } }
        }
        return (content.resources.international?.lines(kinds: Set(Resource.Kind.allCases)) ?? []).map { "  " + $0 }
    }
}

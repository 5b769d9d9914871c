extension Engine {
    /// The help lines for the person's region, or, when the region is unknown, the international
    /// advice and directory: never one country's numbers by default.
    func resourceLines(kinds: [String], state: ConversationState) -> [String] {
        content.resources.helpLines(region: (state.variables["region"] ?? .none).description, kinds: kinds)
    }
}

extension ResourceDirectory {
    /// The help lines of some kinds (all when empty) for a region code, indented for showing;
    /// for an unknown or empty region, the international advice and directory: never one
    /// country's numbers by default.
    public func helpLines(region code: String?, kinds: [String]) -> [String] {
        let wanted = kinds.isEmpty ? Set(Resource.Kind.allCases) : Set(kinds.compactMap(Resource.Kind.init(rawValue:)))
        let code = (code ?? "").lowercased()
        if !code.isEmpty, code != "other", let region = region(code) {
            let lines = region.lines(kinds: wanted)
            if !lines.isEmpty { return lines.map { "  " + $0 } }
        }
        return (international?.lines(kinds: Set(Resource.Kind.allCases)) ?? []).map { "  " + $0 }
    }
}

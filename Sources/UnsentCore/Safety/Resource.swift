/// One place to get help: an emergency number, a crisis line, an abuse line or a directory,
/// with who runs it, when it was last checked and where the facts come from.
public struct Resource: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case emergency, crisis, abuse, directory
    }

    public var kind: Kind
    public var name: String
    public var organisation: String
    public var call: String?
    public var text: String?
    public var web: String?
    /// A limit or a piece of advice, such as "Ontario" or "call your local emergency number".
    public var note: String?
    /// The date the facts were last checked, `YYYY-MM-DD`.
    public var checked: String
    /// Where the facts come from (the organisation's own site).
    public var source: String
    public var location: SourceLocation

    public init(kind: Kind, name: String, organisation: String, call: String? = nil, text: String? = nil,
                web: String? = nil, note: String? = nil, checked: String, source: String,
                location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)) {
        self.kind = kind
        self.name = name
        self.organisation = organisation
        self.call = call
        self.text = text
        self.web = web
        self.note = note
        self.checked = checked
        self.source = source
        self.location = location
    }

    /// One short plain line: "Emergency: call 911", or
    /// "988 Suicide & Crisis Lifeline (Vibrant Emotional Health): call or text 988".
    public var line: String {
        var ways: [String] = []
        if let call, let text, call == text {
            ways.append("call or text \(call)")
        } else {
            if let call { ways.append("call \(call)") }
            if let text { ways.append("text \(text)") }
        }
        if ways.isEmpty, let web { ways.append("visit \(web)") }
        if ways.isEmpty, let note { ways.append(note) }
        var action = Self.joined(ways)
        if let note, !(call == nil && text == nil && web == nil) { action += " (\(note))" }
        if kind == .emergency { return "Emergency: \(action)" }
        let who = organisation.isEmpty || organisation == name ? name : "\(name) (\(organisation))"
        return "\(who): \(action)"
    }

    private static func joined(_ parts: [String]) -> String {
        switch parts.count {
        case 0: ""
        case 1: parts[0]
        default: parts.dropLast().joined(separator: ", ") + " or " + parts[parts.count - 1]
        }
    }
}

/// One problem found in content: where it is, what is wrong, and how to fix it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The text of the line the problem is on, for the caret display.
    public var sourceLine: String?
    /// Extra advice shown after the caret, such as "did you mean 'trigger'?".
    public var note: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String,
                sourceLine: String? = nil, note: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.note = note
    }

    public static func error(at location: SourceLocation, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, note: note)
    }

    public static func warning(at location: SourceLocation, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, note: note)
    }

    /// `Content/flows/urge.flow:12:5: error: ...`, then the source line and a caret under the column.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let sourceLine {
            let shown = sourceLine.replacingTabs()
            text += "\n" + shown + "\n" + String(repeating: " ", count: max(0, location.column - 1)) + "^"
        }
        if let note { text += "\nnote: \(note)" }
        return text
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

/// Thrown when content cannot be loaded; carries every diagnostic found.
public struct ContentError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

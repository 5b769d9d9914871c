/// Help lines by region, from `Content/safety/resources`. (Filled in by the safety work.)
public struct ResourceDirectory: Sendable {
    public init() {}

    public mutating func add(file: String, lines: [OutlineLine]) throws(ContentError) {}
    public mutating func link() -> [Diagnostic] { [] }
}

/// A named conversation made of nodes; its first node is where it starts.
public struct Flow: Sendable, Codable {
    public var name: String
    public var title: String?
    public var nodes: [Node]
    public var location: SourceLocation

    public var startNode: String? { nodes.first?.qualifiedName }
}

/// A named place in a flow: what the bot says, asks and does there.
public struct Node: Sendable, Codable {
    public var flow: String
    public var name: String
    public var code: Code
    public var location: SourceLocation

    public var qualifiedName: String { "\(flow).\(name)" }
}

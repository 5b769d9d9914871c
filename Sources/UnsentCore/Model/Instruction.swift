/// How a variation picks among its lines each time it is reached.
public enum VariationMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Each line in turn, then the last one from then on.
    case sequence
    /// Each line in turn, then from the start again.
    case cycle
    /// Each line once, then nothing.
    case once
    /// Every line in a random order before any repeats, never the same line twice in a row.
    case shuffle
}

/// One step of compiled dialogue. Nodes and rule bodies compile to flat instruction lists.
public enum Instruction: Sendable, Hashable, Codable {
    case say(Template)
    case vary(key: String, mode: VariationMode, lines: [Template])
    /// Ask and wait; a valid answer continues at the next instruction, an exhausted retry
    /// limit continues at `fallback` (when the question has an `else:`).
    case ask(Question, fallback: Int?)
    case jump(Int)
    case jumpUnless(Expression, Int)
    case set(String, Expression)
    case goto(String)
    /// Goes to one of several nodes, picked like a variation (`goto shuffle:` with `- node` lines).
    case varyGoto(key: String, mode: VariationMode, targets: [String])
    case call(String)
    case returnFromCall
    case end
    case record(event: String, fields: [RecordField])
    case saveDraft(Expression)
    /// Seals the draft saved last in this conversation for a number of seconds.
    case sealDraft(Expression)
    /// Deletes a draft from the drawer, by its number.
    case deleteDraft(Expression)
    case wait(Expression)
    case match(Expression, ruleSet: String)
    /// Checks the tone of a draft reply (for a kind of message), says what it found, and sets `tone_flags`.
    case checkTone(Expression, category: Expression?)
    /// Shows the help lines for the person's region (or the international advice); empty kinds = all.
    case showResources(kinds: [String])
    /// Keeps a variable's value for later sessions (the region, say).
    case remember(String)
}

/// One `name = value` of a `record` action.
public struct RecordField: Sendable, Hashable, Codable {
    public var name: String
    public var value: Expression
    public var location: SourceLocation
}

/// Compiled code with the source location of each instruction.
public struct Code: Sendable, Hashable, Codable {
    public var instructions: [Instruction] = []
    public var locations: [SourceLocation] = []

    public var isEmpty: Bool { instructions.isEmpty }

    mutating func append(_ instruction: Instruction, at location: SourceLocation) -> Int {
        instructions.append(instruction)
        locations.append(location)
        return instructions.count - 1
    }
}

/// A value a setting or a part of the plan cannot take, with a sentence that says what it takes.
struct SettingProblem: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

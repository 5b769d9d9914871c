/// A trained model and what training found.
public struct SafetyTraining: Sendable, Codable {
    public var model: SafetyModel
    public var report: SafetyTrainingReport
}

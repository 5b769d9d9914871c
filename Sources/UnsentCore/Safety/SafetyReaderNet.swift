/// The crisis check's last net: the trained safety reader (`Content/safety/safety.model`), asked only
/// when no rule matched at all and the model found nothing. It reads the words layer's tokens with
/// the letter pieces of each word, so it still hears a crisis in spellings, dialects and run-together
/// words that neither the rules nor the model's word stems know. It never raises a crisis on its own:
/// when everything but `none` together reaches its threshold (the `act:` line of its file, chosen on
/// batches it was not trained on; see Scripts/train-safety), it asks gently (a check-in).
struct SafetyReaderNet: Sendable {
    var reader: TextReaderModel
    var normalizer: Normalizer

    /// A check-in when the reader hears more than its threshold of concern; nil otherwise.
    func judge(_ text: String) -> SafetyRules.Finding? {
        guard let none = reader.classes.firstIndex(of: "none") else { return nil }
        let chances = reader.probabilities(of: text, normalizer: normalizer)
        guard none < chances.count else { return nil }
        let concern = 1 - chances[none]
        guard concern >= reader.act else { return nil }
        return .init(category: .ambiguous, rule: "reader, unsure (\(SafetyModel.twoDecimals(concern)))", unsure: true)
    }
}

/// The word the `WordScanner` is in the middle of: its folded letters so far, where it started
/// and ended, and how it was typed.
struct WordBuffer {
    var folded = ""
    var start: String.Index?
    var end: String.Index?
    var letters = 0
    var hasCapital = false
    var hasLowerCase = false
    /// White space (or the start of the text) came after the last word began.
    var spaceSeen = true
    private var followsSpace = true

    var isOpen: Bool { start != nil }

    init() {
        folded.reserveCapacity(24)
    }

    /// Opens a word at `index` unless one is open.
    mutating func start(at index: String.Index) {
        guard start == nil else { return }
        start = index
        followsSpace = spaceSeen
        spaceSeen = false
    }

    /// The finished word, if one is open, and a fresh buffer for the next.
    mutating func take(squeezing: Bool) -> ScannedWord? {
        guard let start, let end else { return nil }
        let word = ScannedWord(folded: squeezing ? WordScanner.squeezingRepeats(folded) : folded,
                               range: start..<end, letters: letters, hasCapital: hasCapital,
                               hasLowerCase: hasLowerCase, followsSpace: followsSpace, isEmoji: false)
        folded.removeAll(keepingCapacity: true)
        self.start = nil
        self.end = nil
        letters = 0
        hasCapital = false
        hasLowerCase = false
        return word
    }

    /// An emoji standing between words; it neither opens a word nor counts as one after a space.
    func emoji(_ folded: String, _ range: Range<String.Index>) -> ScannedWord {
        ScannedWord(folded: folded, range: range, letters: 0, hasCapital: false, hasLowerCase: false,
                    followsSpace: spaceSeen, isEmoji: true)
    }
}

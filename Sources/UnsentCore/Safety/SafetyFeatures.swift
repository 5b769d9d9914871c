/// The features the statistical model (`SafetyModel`) reads from a text: binary features over
/// the same words the rules see (spellings applied, idioms hidden), so training and checking
/// share one definition.
///
/// Each word becomes a token: its light stem ("killing" → kill), `~` for a word an idiom hides,
/// and `^` marks the start of a sentence. Features are the tokens (`u`), two tokens in a row
/// (`b`), two tokens with one word between (`s`), all within a sentence; the rules' concepts a
/// word or phrase belongs to (`c`: `means`, `net-die`...); and a few cues of voice (`v`): who
/// starts a clause, quotes, reports of what someone said.
enum SafetyFeatures {
    /// What a feature is made of; the raw value is the letter the model file uses.
    enum Kind: String, Sendable, Codable, CaseIterable {
        case word = "u"
        case pair = "b"
        case skip = "s"
        case voice = "v"
        case concept = "c"

        /// How many tokens follow the kind letter in the model file.
        var arity: Int {
            switch self {
            case .word, .voice, .concept: 1
            case .pair, .skip: 2
            }
        }

        var code: UInt64 {
            switch self {
            case .word: 1
            case .pair: 2
            case .skip: 3
            case .voice: 4
            case .concept: 5
            }
        }
    }

    /// Cues of who is speaking, found with the rules' own role concepts (`self`, `other`, `report`...).
    enum Voice: String, Sendable, Codable, CaseIterable {
        /// A clause starts with i, im, ive...
        case firstSelf = "first-self"
        /// A clause starts with he, she, they, my ex...
        case firstOther = "first-other"
        /// A clause starts with some other word followed by a report word ("jake texted").
        case firstName = "first-name"
        /// Some words stand inside quotation marks.
        case quote
        /// A report word after someone other than the person ("he said", "she texted").
        case reportOther = "report-other"
        /// A report word after i ("i told him").
        case reportSelf = "report-self"
        /// "from him", "from her", "from my ex".
        case fromOther = "from-other"
        case reflexiveSelf = "reflexive-self"
        case reflexiveOther = "reflexive-other"
        case negation
    }

    /// The token that starts every sentence.
    static let sentenceStart = "^"
    /// The token of a word an idiom hides.
    static let hidden = "~"

    /// Token numbers of the words the voice cues compare against; -1 when unknown.
    struct Cues: Sendable, Codable, Hashable {
        var from: Int32 = -1
        var my: Int32 = -1
        var ex: Int32 = -1
        var objects: [Int32] = []
        var start: Int32 = -1

        static let objectWords = ["him", "her", "them", "he", "she", "ex"]

        init() {}

        /// Looks the cue words up with the same function that numbers tokens.
        init(number: (String) -> Int32) {
            from = number(SafetyFeatures.stem("from"))
            my = number(SafetyFeatures.stem("my"))
            ex = number(SafetyFeatures.stem("ex"))
            objects = Self.objectWords.map { number(SafetyFeatures.stem($0)) }.filter { $0 >= 0 }
            start = number(SafetyFeatures.sentenceStart)
        }
    }

    /// Which of the rules' named concepts each word and phrase belongs to, as concept numbers
    /// (a concept's number is the token number of its name; the kind keeps them apart).
    struct Concepts: Sendable, Codable {
        struct Phrase: Sendable, Codable {
            var words: [Int32]
            var concept: Int32
        }

        /// By lexicon id: the concepts the word is a one-word member of.
        var ofWord: [[Int32]] = []
        /// By the lexicon id of its first word: the concepts' members of two words or more.
        var phrases: [Int32: [Phrase]] = [:]

        init() {}

        /// - Parameter number: the number of a concept's name, or -1 to leave the concept out.
        init(matcher: SafetyMatcher, number: (String) -> Int32) {
            ofWord = Array(repeating: [], count: matcher.lexicon.count)
            for name in matcher.conceptSets.keys.sorted() {
                guard let set = matcher.conceptSets[name] else { continue }
                let concept = number(name)
                guard concept >= 0 else { continue }
                for id in 0..<matcher.lexicon.count where matcher.contains(set, Int32(id)) {
                    ofWord[id].append(concept)
                }
                for words in matcher.phrases[set] where !words.isEmpty {
                    phrases[words[0], default: []].append(Phrase(words: words, concept: concept))
                }
            }
        }

        /// The concepts found in a text, each once, in no order.
        func found(in text: SafetyText, into keys: inout [UInt64]) {
            for position in 0..<text.count {
                let id = text.words[position]
                guard id >= 0 else { continue }
                if Int(id) < ofWord.count {
                    for concept in ofWord[Int(id)] { keys.append(SafetyFeatures.key(.concept, concept)) }
                }
                guard let starting = phrases[id] else { continue }
                let end = text.sentenceBounds(position).upperBound
                for phrase in starting where position + phrase.words.count <= end {
                    var fits = true
                    for offset in 1..<phrase.words.count where text.words[position + offset] != phrase.words[offset] {
                        fits = false
                        break
                    }
                    if fits { keys.append(SafetyFeatures.key(.concept, phrase.concept)) }
                }
            }
        }
    }

    /// A feature as a 64-bit key: the kind, then up to two token numbers (a voice cue's number
    /// for `v`). Token numbers stay below 2^28.
    @inline(__always)
    static func key(_ kind: Kind, _ first: Int32, _ second: Int32 = 0) -> UInt64 {
        kind.code << 56 | UInt64(UInt32(bitPattern: first)) << 28 | UInt64(UInt32(bitPattern: second))
    }

    static func key(_ voice: Voice) -> UInt64 {
        key(.voice, Int32(Voice.allCases.firstIndex(of: voice) ?? 0))
    }

    /// The token number of every word of the text.
    /// - Parameters:
    ///   - cache: the token of each lexicon word by id, when the caller has worked them out
    ///     (they are `number(tokenText(...))` for that word).
    ///   - number: the number of a token's text.
    static func tokens(of text: SafetyText, lexicon: SafetyLexicon, cache: [Int32]? = nil,
                       number: (String) -> Int32) -> [Int32] {
        var tokens: [Int32] = []
        tokens.reserveCapacity(text.count)
        for position in 0..<text.count {
            let id = text.words[position]
            if id >= 0, let cache, Int(id) < cache.count {
                tokens.append(cache[Int(id)])
            } else {
                tokens.append(number(tokenText(at: position, of: text, lexicon: lexicon)))
            }
        }
        return tokens
    }

    /// The token a word of the text stands for: its stem, or `hidden` under an idiom.
    static func tokenText(at position: Int, of text: SafetyText, lexicon: SafetyLexicon) -> String {
        let id = text.words[position]
        if id >= 0 { return stem(lexicon.words[Int(id)]) }
        if id == SafetyText.masked { return hidden }
        return stem(text.unknownText[position])
    }

    /// The feature keys of a text, sorted, each once.
    static func keys(of text: SafetyText, tokens: [Int32], cues: Cues, concepts: Concepts,
                     matcher: SafetyMatcher) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(tokens.count * 3 + 4)
        // Words, pairs and skips within each sentence.
        for sentence in 0..<text.sentenceStart.count {
            var previous = cues.start
            var beforePrevious: Int32 = -1
            for position in text.sentenceStart[sentence]..<text.sentenceEnd[sentence] {
                let token = tokens[position]
                if token >= 0 {
                    keys.append(key(.word, token))
                    if previous >= 0 { keys.append(key(.pair, previous, token)) }
                    if beforePrevious >= 0 { keys.append(key(.skip, beforePrevious, token)) }
                }
                beforePrevious = previous
                previous = token
            }
        }
        addVoice(of: text, tokens: tokens, cues: cues, matcher: matcher, to: &keys)
        concepts.found(in: text, into: &keys)
        keys.sort()
        var unique = 0
        for index in keys.indices where index == 0 || keys[index] != keys[unique - 1] {
            keys[unique] = keys[index]
            unique += 1
        }
        keys.removeLast(keys.count - unique)
        return keys
    }

    private static func addVoice(of text: SafetyText, tokens: [Int32], cues: Cues, matcher: SafetyMatcher,
                                 to keys: inout [UInt64]) {
        let roles = matcher.roles
        func isIn(_ set: Int?, _ position: Int) -> Bool {
            guard let set, position >= 0, position < text.count else { return false }
            return matcher.contains(set, text.words[position])
        }
        func isToken(_ token: Int32, _ position: Int) -> Bool {
            token >= 0 && position < tokens.count && tokens[position] == token
        }
        for position in 0..<text.count {
            let word = text.words[position]
            if word == SafetyText.masked { continue }
            let startsClause = position == 0 || text.clause[position] != text.clause[position - 1]
            let sameClauseNext = position + 1 < text.count && text.clause[position + 1] == text.clause[position]
            if startsClause {
                if isIn(roles.selfWords, position) {
                    keys.append(key(.firstSelf))
                } else if isIn(roles.otherWords, position) || (isToken(cues.my, position) && isToken(cues.ex, position + 1)) {
                    keys.append(key(.firstOther))
                } else if sameClauseNext, isIn(roles.report, position + 1) {
                    keys.append(key(.firstName))
                }
            }
            if text.quoted[position] { keys.append(key(.quote)) }
            if isIn(roles.report, position), position > 0, text.sentence[position - 1] == text.sentence[position],
               text.words[position - 1] != SafetyText.masked {
                keys.append(key(isIn(roles.selfWords, position - 1) ? .reportSelf : .reportOther))
            }
            if isToken(cues.from, position), position + 1 < text.count {
                let next = tokens[position + 1]
                if cues.objects.contains(next) || (next == cues.my && isToken(cues.ex, position + 2)) {
                    keys.append(key(.fromOther))
                }
            }
            if isIn(roles.reflexiveSelf, position) { keys.append(key(.reflexiveSelf)) }
            if isIn(roles.reflexiveOther, position) { keys.append(key(.reflexiveOther)) }
            if isIn(roles.negation, position) { keys.append(key(.negation)) }
        }
    }

    /// The words layer's stem (`WordStem`), shared with the trained readers.
    static func stem(_ word: String) -> String { WordStem.stem(word) }
}

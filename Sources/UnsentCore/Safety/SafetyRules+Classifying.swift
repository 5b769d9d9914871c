/// Running the linked rules over a text.
extension SafetyRules {
    /// The winning match: its category and the rule (with the reason its category changed).
    struct Finding {
        var category: CrisisCategory
        var rule: String
        /// The deciding rule's `if ordinary:` outcome, if it has one.
        var ifOrdinary: SafetyOutcome? = nil
        /// When the deciding rule may give way (`if ordinary:`), the strongest finding of a rule
        /// that may not, which then stands: "goodbye" giving way never hides "the pills are ready".
        var firm: (category: CrisisCategory, rule: String)? = nil
        /// Set when only the model's or the reader's unsure band heard something: no rule and no
        /// confident verdict, just enough to ask gently.
        var unsure = false
    }

    func evaluate(_ text: String, echoing echoed: () -> Set<String> = { [] }) -> Finding? {
        guard let matcher, let reading = reading(text, using: matcher) else { return nil }
        // The model only where no rule matched at all: a rule that judged its match harmless
        // or a check-in keeps the last word.
        if let finding = reading.finding {
            // A rule marked `if ordinary:` gives way when the model, which has read many more
            // ordinary lines than the rules were written from, finds the whole text ordinary.
            guard let ordinary = finding.ifOrdinary, let model else { return finding }
            let none = model.probabilities(of: reading.words, using: matcher)[SafetyModel.noneLane]
            guard none >= SafetyModel.ordinaryThreshold else { return finding }
            if let firm = finding.firm { return Finding(category: firm.category, rule: firm.rule) }
            guard case .category(let category) = ordinary else { return nil }
            return Finding(category: category, rule: "\(finding.rule) (ordinary: \(SafetyModel.twoDecimals(none)))")
        }
        if reading.matched || (model == nil && readerNet == nil) { return nil }
        // The nets read the line without its laughter ("7 haha" as "7"), which they learnt from the
        // crisis lines that end with it; laughter alone is no worry (`Laughter`).
        // The question's own words said back are not read by them either (`verdict(_:answering:)`).
        let words = SafetyText.scannedWords(of: text)
        let echo = echoed()
        let dropped = words.filter { Laughter.isLaughter($0.folded) || echo.contains($0.folded) }
        if dropped.count == words.count { return nil }
        if LanguageGuess.isShortEverydayAnswer(words.lazy.filter { !dropped.contains($0) }.map(\.folded)) { return nil }
        var plain = text
        var netWords = reading.words
        if let last = dropped.last {
            plain = ""
            var start = text.startIndex
            for word in dropped {
                plain += text[start..<word.range.lowerBound]
                start = word.range.upperBound
            }
            plain += text[last.range.upperBound...]
            netWords = SafetyText(plain, lexicon: matcher.lexicon)
            netWords.mask(matcher.idioms, using: matcher)
        }
        if let found = model?.judge(netWords, using: matcher) {
            // The model learnt English: its unsure band on a text in another language is noise
            // ("Pinakawalan ko na siya", blind-10); the languages' own rules speak for them.
            if found.unsure, let net = readerNet, !LanguageGuess.readsAsEnglish(text, normalizer: net.normalizer) { return nil }
            return found
        }
        // The reader must hear concern both in the whole text and in what the idioms left of it: an
        // idiom can only quieten it ("i'd literally kill for a cigarette", blind-10).
        guard let found = readerNet?.judge(plain) else { return nil }
        guard let visible = netWords.visibleText(lexicon: matcher.lexicon) else { return found }
        // A word or none left ("he" of "he keeps texting me", drive-31) is too little to hear anything in:
        // alone, the reader's leaning for short lines speaks, not the words.
        return visible.split(separator: " ").count < 2 ? nil : readerNet?.judge(visible)
    }

    /// The words of a text (idioms hidden) and what the rules make of them: the precise rules
    /// first, the net only when none of them matched at all. `matched` tells whether any crisis
    /// rule matched, even one judged to be nothing or set aside by its `unless` lines (the rules
    /// then keep the last word). Nil for a text without words.
    func reading(_ text: String, using matcher: SafetyMatcher) -> (words: SafetyText, finding: Finding?, matched: Bool)? {
        var words = SafetyText(text, lexicon: matcher.lexicon)
        guard words.count > 0 else { return nil }
        words.mask(matcher.idioms, using: matcher)
        // One pass over the precise rules finds both the softeners and the crisis matches, which are
        // judged once every softener is known.
        var softeners: [Range<Int>] = []
        let precise = matcher.crisisMatches(of: matcher.rulePatterns, in: words) { rule, span in
            if rule.softens, !matcher.isExcepted(rule, around: span, in: words) { softeners.append(span) }
        }
        softeners.sort { $0.lowerBound < $1.lowerBound }
        var preciseMatched = false
        var excepted = false
        var best = strongest(precise, of: matcher.rulePatterns, in: words, softeners: softeners, using: matcher,
                             matched: &preciseMatched, excepted: &excepted)
        var netMatched = false
        if best == nil, !preciseMatched, !matcher.netPatterns.patterns.isEmpty {
            let net = matcher.crisisMatches(of: matcher.netPatterns, in: words) { _, _ in }
            best = strongest(net, of: matcher.netPatterns, in: words, softeners: softeners, using: matcher,
                             matched: &netMatched, excepted: &excepted)
        }
        return (words, best, preciseMatched || netMatched || excepted)
    }

    /// The highest-priority finding among crisis matches (in the order they were found); `matched`
    /// tells whether any crisis rule matched at all, even one judged to be nothing; `excepted` is set
    /// when a match was set aside by its rule's `unless` lines.
    private func strongest(_ matches: [SafetyMatcher.Match], of index: SafetyMatcher.PatternIndex, in words: SafetyText,
                           softeners: [Range<Int>], using matcher: SafetyMatcher,
                           matched: inout Bool, excepted: inout Bool) -> Finding? {
        var best: Finding?
        var firm: Finding?
        var any = false
        for match in matches {
            let rule = matcher.rules[index.patterns[match.pattern].owner]
            guard case .crisis(let category) = rule.kind else { continue }
            guard !matcher.isExcepted(rule, around: match.span, in: words) else {
                excepted = true
                continue
            }
            any = true
            guard let finding = matcher.judge(rule, category, at: match.span, in: words, softeners: softeners,
                                              pattern: index.patterns[match.pattern]) else { continue }
            if finding.category.priority > (best?.category.priority ?? 0) { best = finding }
            if finding.ifOrdinary == nil, finding.category.priority > (firm?.category.priority ?? 0) { firm = finding }
            if best?.category == .danger { break }
        }
        matched = any
        if best?.ifOrdinary != nil, let firm { best?.firm = (firm.category, firm.rule) }
        return best
    }

    /// Whether the rule with this id matches the text at all (before categories are weighed).
    func ruleMatches(_ id: String, _ text: String) -> Bool {
        guard let matcher else { return false }
        var words = SafetyText(text, lexicon: matcher.lexicon)
        words.mask(matcher.idioms, using: matcher)
        var found = false
        for index in [matcher.rulePatterns, matcher.netPatterns] where !found {
            matcher.forEachMatch(of: index, in: words) { number, span in
                let rule = matcher.rules[index.patterns[number].owner]
                if rule.id == id, !matcher.isExcepted(rule, around: span, in: words) { found = true }
                return !found
            }
        }
        return found
    }
}

extension SafetyText {
    /// Hides the words idioms cover ("dying to", "killing it") from every rule.
    mutating func mask(_ idioms: SafetyMatcher.PatternIndex, using matcher: SafetyMatcher) {
        guard !idioms.patterns.isEmpty else { return }
        var spans: [Range<Int>] = []
        matcher.forEachMatch(of: idioms, in: self) { _, span in
            spans.append(span)
            return true
        }
        for span in spans { for position in span { words[position] = SafetyText.masked } }
    }
}

extension SafetyMatcher {
    /// Who a match is about.
    enum Voice { case own, other, unknown }

    /// A pattern's match: the pattern's number in its index and the words it covers.
    struct Match {
        var pattern: Int
        var span: Range<Int>
    }

    /// The matches of the index's crisis rules, in order; `each` sees every rule's match (for softeners).
    func crisisMatches(of index: PatternIndex, in text: SafetyText, each: (Rule, Range<Int>) -> Void) -> [Match] {
        var matches: [Match] = []
        forEachMatch(of: index, in: text) { number, span in
            let rule = rules[index.patterns[number].owner]
            each(rule, span)
            if case .crisis = rule.kind { matches.append(Match(pattern: number, span: span)) }
            return true
        }
        return matches
    }

    func isExcepted(_ rule: Rule, around span: Range<Int>, in text: SafetyText) -> Bool {
        guard !rule.exceptions.isEmpty else { return false }
        let sentence = text.sentenceBounds(span.lowerBound)
        let range = max(sentence.lowerBound, span.lowerBound - Self.exceptionReach)..<min(sentence.upperBound, span.upperBound + Self.exceptionReach)
        return rule.exceptions.contains { matchesSomewhere($0, in: range, of: text) }
    }

    /// The category a crisis rule's match stands for once voice, negation and softeners are weighed.
    func judge(_ rule: Rule, _ category: CrisisCategory, at span: Range<Int>, in text: SafetyText,
               softeners: [Range<Int>], pattern: Pattern? = nil) -> SafetyRules.Finding? {
        var outcome = SafetyOutcome.category(category)
        var reasons: [String] = []
        switch voice(of: span, in: text) {
        case .other:
            let changed = rule.ifOther ?? Self.defaultForOther(category)
            if changed != outcome { reasons.append("someone else's words"); outcome = changed }
        case .own:
            if let changed = rule.ifOwn, changed != outcome { reasons.append("the person's own words"); outcome = changed }
        case .unknown:
            if let changed = rule.ifUnknown, changed != outcome { reasons.append("no subject"); outcome = changed }
        }
        if isNegated(span, in: text) || (rule.net && isNegatedWithin(span, in: text, pattern: pattern)) {
            // Danger said not to be there ("its not a threat, he just misses me") is not a worry about
            // the person's own safety, which is all the gentle check-in asks about (drive-22).
            outcome = rule.ifNegated ?? (outcome == .category(.danger) ? .nothing : outcome.softened)
            reasons.append("negated")
        } else if isSoftened(span, by: softeners, in: text) {
            outcome = rule.ifSoftened ?? outcome.softened
            reasons.append("softened")
        }
        guard case .category(let result) = outcome else { return nil }
        let name = reasons.isEmpty ? rule.id : "\(rule.id) (\(reasons.joined(separator: ", ")))"
        return .init(category: result, rule: name, ifOrdinary: rule.ifOrdinary)
    }

    /// Suicide and self-harm said about someone else (he, she, the ex, a name) are the ex's threat.
    static func defaultForOther(_ category: CrisisCategory) -> SafetyOutcome {
        switch category {
        case .suicide, .selfHarm: .category(.exSelfHarm)
        default: .category(category)
        }
    }

    /// A negation word shortly before the match, in the same clause and before any new subject
    /// ("i'm not going to hurt myself", but not "if you don't reply, i'm ending it").
    func isNegated(_ span: Range<Int>, in text: SafetyText) -> Bool {
        guard let negation = roles.negation else { return false }
        let clause = text.clause[span.lowerBound]
        var position = span.lowerBound - 1
        while position >= 0, position >= span.lowerBound - Self.negationReach, text.clause[position] == clause {
            let word = text.words[position]
            if contains(negation, word) { return true }
            if isSubject(word) { return false }
            position -= 1
        }
        return false
    }

    /// A negation inside the match, in the clause the match ends in (net rules span several
    /// words: "i would never hurt him").
    /// Negation words the pattern itself names ("wont be here") do not count.
    func isNegatedWithin(_ span: Range<Int>, in text: SafetyText, pattern: Pattern?) -> Bool {
        guard let negation = roles.negation, span.count > 1 else { return false }
        let clause = text.clause[span.upperBound - 1]
        for position in span.dropLast() where text.clause[position] == clause {
            let word = text.words[position]
            guard contains(negation, word) else { continue }
            let named = pattern?.items.contains { item in
                if case .set(let set) = item.kind { contains(set, word) || phrases[set].contains { $0.contains(word) } } else { false }
            } ?? false
            if !named { return true }
        }
        return false
    }

    private func isSubject(_ word: Int32) -> Bool {
        if let own = roles.selfWords, contains(own, word) { return true }
        if let other = roles.otherWords, contains(other, word) { return true }
        return false
    }

    func isSoftened(_ span: Range<Int>, by softeners: [Range<Int>], in text: SafetyText) -> Bool {
        guard !softeners.isEmpty else { return false }
        // Softener spans are short; start looking a little before the reach.
        let from = span.lowerBound - Self.softenReach - 32
        var low = 0
        var high = softeners.count
        while low < high {
            let middle = (low + high) / 2
            if softeners[middle].lowerBound < from { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < softeners.count, softeners[index].lowerBound < span.upperBound + Self.softenReach {
            let softener = softeners[index]
            if softener.upperBound > span.lowerBound - Self.softenReach, !isTurnedAway(softener, from: span, in: text) {
                return true
            }
            index += 1
        }
        return false
    }

    /// A softener before the match with a turning clause between them ("lol but i'm going to kill myself
    /// tonight"): the "but" takes the joke back, so it softens nothing after it.
    private func isTurnedAway(_ softener: Range<Int>, from span: Range<Int>, in text: SafetyText) -> Bool {
        guard softener.upperBound <= span.lowerBound, !text.turningClauses.isEmpty else { return false }
        let first = text.clause[softener.upperBound - 1], last = text.clause[span.lowerBound]
        guard first < last else { return false }
        return (first + 1...last).contains { text.turningClauses.contains($0) }
    }

    /// Whose words the match is: a quote's attribution ("he sent me: ..."), a reflexive inside it
    /// ("myself", "herself"), a subject it starts with, or the nearest subject before it in its
    /// sentence ("she said she'll...", "jake threatened to ...").
    func voice(of span: Range<Int>, in text: SafetyText) -> Voice {
        if text.quoted[span.lowerBound], let speaker = attribution(of: span, in: text) { return speaker }
        for position in span {
            let word = text.words[position]
            if let other = roles.reflexiveOther, contains(other, word) { return .other }
            if let own = roles.reflexiveSelf, contains(own, word) { return .own }
        }
        let first = subject(at: span.lowerBound, in: text, allowReport: true)
        if first != .unknown { return first }
        let sentence = text.sentenceBounds(span.lowerBound)
        var position = span.lowerBound - 1
        while position >= sentence.lowerBound, position >= span.lowerBound - Self.subjectReach {
            let found = subject(at: position, in: text, allowReport: true)
            if found != .unknown { return found }
            position -= 1
        }
        return .unknown
    }

    private func subject(at position: Int, in text: SafetyText, allowReport: Bool) -> Voice {
        let word = text.words[position]
        if let other = roles.otherWords, contains(other, word) { return .other }
        if let own = roles.selfWords, contains(own, word) { return .own }
        if allowReport, let report = roles.report, contains(report, word) {
            return reporter(before: position, in: text)
        }
        return .unknown
    }

    /// Who did the saying before a report word: a name or another person unless it is "i".
    private func reporter(before position: Int, in text: SafetyText) -> Voice {
        guard position > 0, text.sentence[position - 1] == text.sentence[position] else { return .unknown }
        let word = text.words[position - 1]
        if word == SafetyText.masked { return .unknown }
        if let own = roles.selfWords, contains(own, word) { return .own }
        return .other
    }

    /// For quoted words: the speaker named by a report word outside the quotes nearby.
    private func attribution(of span: Range<Int>, in text: SafetyText) -> Voice? {
        guard let report = roles.report else { return nil }
        let low = max(0, span.lowerBound - Self.attributionReach)
        let high = min(text.count, span.upperBound + Self.attributionReach)
        var best: (distance: Int, voice: Voice)?
        for position in low..<high where !text.quoted[position] && contains(report, text.words[position]) {
            let voice = reporter(before: position, in: text)
            let distance = abs(position - span.lowerBound)
            if voice != .unknown, distance < (best?.distance ?? .max) { best = (distance, voice) }
        }
        return best?.voice
    }
}

extension SafetyOutcome {
    /// A crisis turned into a gentle check-in; nothing stays nothing.
    var softened: SafetyOutcome {
        switch self {
        case .category: .category(.ambiguous)
        case .nothing: .nothing
        }
    }
}

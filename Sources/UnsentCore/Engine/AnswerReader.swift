import Foundation

/// Reads a typed answer: numbers as digits or words, yes/no in everyday forms,
/// choices by number or by words, dates and durations. Returns nil when the answer
/// does not fit, so the question is asked again.
public struct AnswerReader: Sendable {
    public var normalizer: Normalizer
    public var calendar: Calendar

    public init(normalizer: Normalizer, calendar: Calendar) {
        self.normalizer = normalizer
        self.calendar = calendar
    }

    static let numberWords: [String: Int] = [
        "zero": 0, "none": 0, "nothing": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90, "hundred": 100, "a": 1, "an": 1, "half": -1,
        "once": 1, "twice": 2, "thrice": 3, "nada": 0, "zilch": 0,
        // Spanish, for people who count in it (drive-18: "cinco").
        "cero": 0, "uno": 1, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
        // Portuguese (drive-22: "oito"; "um" is left out, as the English "um" is a pause).
        "dois": 2, "duas": 2, "três": 3, "tres": 3, "quatro": 4, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
        // A rough count (drive-22: "a few" at "How many times…?" was asked again).
        "couple": 2, "few": 3, "several": 4,
    ]
    /// Counts said roughly: answers to "how many times?", never a rating.
    static let roughCounts: Set<String> = ["couple", "few", "several", "once", "twice", "thrice"]
    /// A rating in words, without a number (drive-22: "medium"): a share of the way up the scale.
    static let scaleWords: [String: Double] = [
        "low": 0.25, "mild": 0.25, "weak": 0.25, "lowish": 0.3,
        "medium": 0.5, "mid": 0.5, "moderate": 0.5, "middling": 0.5, "average": 0.5, "halfway": 0.5,
        "high": 0.8, "strong": 0.8, "highish": 0.7,
        "max": 1, "maximum": 1, "extreme": 1, "unbearable": 1,
    ]
    static let intensifiers: Set<String> = ["very", "really", "so", "super", "pretty", "quite", "extremely", "too"]
    static let yesWords: Set<String> = ["y", "yes", "ye", "yee", "yesh", "yus", "yeah", "yea", "yep", "yup", "ya", "yah", "yeh", "yess", "yas", "yeahh", "yh", "yaa", "yaas", "yaaa", "sure", "ok", "okay", "k",
                                        "definitely", "absolutely", "correct", "true", "please", "aye", "affirmative", "mhm", "uhhuh", "totally",
                                        // Other languages' yes, with and without accents (drive-18: "sí").
                                        "si", "sí", "oui", "ja", "sim", "haan",
                                        // Tagalog and French as typed (drive-20: "oo sige"), German and Dutch "jo".
                                        "oo", "opo", "oho", "sige", "ouais", "jo"]
    static let noWords: Set<String> = ["n", "no", "nope", "nah", "na", "never", "negative", "false", "nay", "noo", "nooo",
                                       "non", "nein", "não", "nao", "nahi", "nahin",
                                       // Tagalog ("hindi", "wala naman": drive-20), French "nan", Dutch "nee".
                                       "hindi", "hinde", "wala", "ayoko", "nan", "nee",
                                       // Scots (drive-32: "naw leave it" was asked again, though "aye" was read).
                                       "naw"]

    public func read(_ raw: String, as kind: AnswerKind, choices: [Choice], now: Date) -> Value? {
        let text = raw.trimmed
        switch kind {
        case .text, .lines:
            return text.isEmpty ? nil : .text(raw)
        case .scale(let range):
            let words = normalizer.tokens(text).map(\.normalized)
            if Self.topOfScale.contains(where: { Self.says($0, in: words) }) { return .number(range.upperBound) }
            // A rough count is no rating (drive-36: "a few" at the mood question was saved as 3 out of 10).
            let onlyRoughCounts = words.contains(where: Self.roughCounts.contains) && !words.contains {
                Int($0) != nil || $0.first?.isNumber == true
                    || (Self.numberWords[$0] != nil && !Self.roughCounts.contains($0) && !["a", "an", "half"].contains($0))
            }
            guard !onlyRoughCounts, let number = correctedNumber(words, skippingTimes: true) ?? scaleNumber(text) else {
                if Self.bottomOfScale.contains(where: { Self.says($0, in: words) }) { return .number(range.lowerBound) }
                let rated = words.indices.filter { Self.scaleWords[words[$0]] != nil }
                guard rated.count == 1, let index = rated.first, var share = Self.scaleWords[words[index]] else { return nil }
                // "very strong", "really high": a step further out.
                if index > 0, Self.intensifiers.contains(words[index - 1]) { share = share < 0.5 ? share - 0.1 : min(1, share + 0.1) }
                return .number(range.lowerBound + Int((Double(range.upperBound - range.lowerBound) * share).rounded()))
            }
            // Past the top ("like a 11 lol", "100") is the top; below the bottom, the bottom (drive-22).
            if number > range.upperBound, number <= range.upperBound * 10 { return .number(range.upperBound) }
            guard range.contains(number) else { return number < range.lowerBound && number >= 0 ? .number(range.lowerBound) : nil }
            return .number(number)
        case .number:
            let words = normalizer.tokens(text).map(\.normalized)
            if Self.notOnce.contains(where: { Self.says($0, in: words) }) { return .number(0) }
            return (correctedNumber(words, skippingTimes: false) ?? firstNumber(text)).map(Value.number)
        case .yesNo:
            return (yesNoWords(text, choices) ?? yesNo(text)).map(Value.bool)
        case .choice:
            return choice(text, choices).map { .text($0.key) }
        case .date:
            // The whole answer as a day ("4 days" means four days ago here), else the last day named in it
            // ("since saturday", "6 days ago, no wait, a week ago exactly").
            return (date(text, now: now, bare: true) ?? lastDateSaid(in: text, now: now)).map { .text($0) }
        case .duration:
            return (untilWeekday(text, now: now) ?? untilMorning(text, now: now) ?? duration(text)).map(Value.number)
        case .days:
            return days(text).map(Value.number)
        }
    }

    /// A rating said in passing as one ("9/10", "like 8 out of 10"), on the scale's own top: only then is a number
    /// in earlier words a rating, not a time or an age.
    func ratingSaid(in text: String, range: ClosedRange<Int>) -> Int? {
        let top = String(range.upperBound)
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "/" }.map(String.init)
        var found: [Int] = []
        for (index, word) in words.enumerated() {
            let parts = word.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, parts[1] == Substring(top), let number = Int(parts[0]), range.contains(number) { found.append(number) }
            if index + 3 < words.count, let number = Int(word), range.contains(number), words[index + 1] == "out",
               words[index + 2] == "of", words[index + 3] == top { found.append(number) }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Units that make a length a number of days, not minutes or hours.
    static let dayUnits: Set<String> = ["d", "day", "days", "dyas", "dys", "dayz", "dayss", "w", "week", "weeks", "wk", "wks", "weks",
                                        "weeek", "month", "months", "mo", "mos", "mth", "mths", "mnth", "mnths", "monts", "year",
                                        "years", "yr", "yrs", "yaer", "día", "días", "dia", "dias", "semana", "semanas", "mes",
                                        "meses", "año", "años", "ano", "anos"]

    /// A number of days: a bare number ("40", "about 45"), or a length in days, weeks, months or years
    /// ("six weeks", "a month and a half", "about 1 year and half": drive-30, asked again at the plan's length).
    /// A month is taken as 30 days and a year as 365.
    func days(_ text: String) -> Int? {
        if namesDayUnit(text) {
            guard let seconds = duration(text), seconds >= 86400 / 2 else { return nil }
            return Int((Double(seconds) / 86400).rounded())
        }
        // A number with another unit ("2 hours") is not a number of days.
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        // A longer answer with one number in digits is that number of days ("About 135, I think, which takes me to
        // the end of March.", drive-36).
        let digitWords = words.filter { $0.first?.isNumber == true }
        // "the 31st" is a day of a month, not a number of days.
        guard !digitWords.contains(where: { ["st", "nd", "rd", "th"].contains(String($0.drop { $0.isNumber })) }) else { return nil }
        guard words.count <= 4 || (digitWords.count == 1 && words.count <= 16),
              !words.contains(where: { Self.durationUnits[String($0.drop { $0.isNumber })] != nil }),
              let number = firstNumber(text), number > 0 else { return nil }
        return number
    }

    /// An end date said at a question of days ("until the 31st of March", "till the end of january", drive-36): the
    /// next such day after today, read from a run of words that names a month or a holiday. Not when a number stands outside
    /// that run: in "about 135, which takes me to the end of March" the 135 is the answer.
    public func endDate(in text: String, now: Date) -> Day? {
        let words = normalizer.tokens(text).map(\.normalized)
        let namesMonth = { (word: String) in Self.month(named: word) != nil }
        // A holiday is a date too (drive-37: "until valentines day" was read as one day).
        let holiday = { (run: ArraySlice<String>) in (1...3).contains { length in
            run.indices.contains { start in start + length <= run.endIndex && Self.holidays[run[start..<start + length].joined(separator: " ")] != nil }
        } }
        let namesDay = { (run: ArraySlice<String>) in run.contains(where: namesMonth) || holiday(run) }
        // The date reader gives the latest such day up to its `now`: a year ahead, that is the next one.
        guard namesDay(words[...]), let ahead = calendar.date(byAdding: .day, value: 366, to: now) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let today = Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        for length in stride(from: min(5, words.count), through: 1, by: -1) {
            for start in 0...(words.count - length) where namesDay(words[start..<start + length]) {
                let run = words[start..<start + length]
                let outside = words[..<start] + words[(start + length)...]
                guard !outside.contains(where: { $0.first?.isNumber == true }),
                      let said = date(run.joined(separator: " "), now: ahead, bare: true),
                      var day = Day(said) else { continue }
                // "the end of February" as an end is its last day (a start "at the end of" a month is the 25th).
                if run.contains("end"), !run.contains(where: { $0.first?.isNumber == true }) {
                    day = Day(year: day.month == 12 ? day.year + 1 : day.year, month: day.month % 12 + 1, day: 1).adding(days: -1)
                }
                guard day > today else { continue }
                return day
            }
        }
        return nil
    }

    /// Whether a unit of days, weeks, months or years is named ("6 weeks", "1yr").
    private func namesDayUnit(_ text: String) -> Bool {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.contains { word in
            Self.dayUnits.contains(String(word)) || Self.dayUnits.contains(String(word.drop { $0.isNumber }))
        }
    }

    /// A number of days typed at a menu of `options` options: with a unit ("3 weeks", "21 days"), or a
    /// number that cannot be an option's ("40" at a menu of seven).
    func days(_ text: String, notOptionOf options: Int) -> Int? {
        guard let days = days(text) else { return nil }
        if !namesDayUnit(text), let number = firstNumber(text), number == days, (1...max(1, options)).contains(number) { return nil }
        return days
    }

    /// The first number in the answer: "7", "seven", "a 7", "7/10", "about 8 out of 10".
    func firstNumber(_ text: String) -> Int? {
        // Digits as typed, keeping a minus sign: "-3" is not 3.
        let characters = Array(text)
        if let start = characters.firstIndex(where: { $0.isASCII && $0.isNumber }) {
            var end = start
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            guard let number = Int(String(characters[start..<end])) else { return nil }
            return start > 0 && characters[start - 1] == "-" ? -number : number
        }
        let words = normalizer.tokens(text).map(\.normalized)
        var index = 0
        while index < words.count {
            let word = words[index]
            if let number = Int(word) { return number }
            if let value = Self.numberWords[word], word != "a", word != "an", word != "half", !Self.isPronounOne(words, at: index) {
                // "twenty one"
                if value >= 20, value < 100, index + 1 < words.count, let unit = Self.numberWords[words[index + 1]], unit > 0, unit < 10 {
                    return value + unit
                }
                return value
            }
            index += 1
        }
        return nil
    }

    /// "Off the charts" at a rating: the top of its scale.
    static let topOfScale: [[String]] = [["off", "the", "charts"], ["off", "the", "chart"], ["off", "the", "scale"],
                                         ["through", "the", "roof"], ["maxed", "out"]]
    /// "No urge at all" at a rating, with no number said: the bottom of its scale (drive-31: "I have no urge at all"
    /// was asked for a number).
    static let bottomOfScale: [[String]] = [["no", "urge"], ["no", "pull"], ["no", "craving"], ["not", "at", "all"]]
    /// "Not even once" at a count: none.
    static let notOnce: [[String]] = [["not", "even", "once"], ["not", "once"], ["not", "a", "single", "time"], ["not", "at", "all"]]
    /// Words that take back the number before them: "3 no more like 4", "was 9, now 5", "6 — so 6 i guess".
    static let corrections: [[String]] = [["no"], ["nah"], ["now"], ["actually"], ["wait"], ["more", "like"], ["i", "mean"],
                                          ["so"], ["or", "rather"], ["make", "it"], ["scratch", "that"], ["correction"]]

    /// The number an answer settles on when it names several and takes one back ("was 9 an hour ago, now
    /// more like 5" is 5); nil when it names fewer than two, or no correction stands between the last two,
    /// so the usual reading decides. With `skippingTimes`, numbers of hours, weeks or clock times do not count.
    func correctedNumber(_ words: [String], skippingTimes: Bool) -> Int? {
        var numbers: [(index: Int, value: Int)] = []
        for (index, word) in words.enumerated() {
            let bare = word.hasSuffix("ish") && word.count > 3 ? String(word.dropLast(3)) : word
            let value = Int(bare) ?? (["a", "an", "half"].contains(bare) ? nil : Self.numberWords[bare])
            guard let value, value >= 0, !Self.isPronounOne(words, at: index) else { continue }
            if skippingTimes, index + 1 < words.count, Self.timeWords.contains(words[index + 1]) { continue }
            if skippingTimes, let suffix = word.firstIndex(where: { !$0.isNumber }), suffix != word.startIndex,
               Self.timeWords.contains(String(word[suffix...])) { continue }
            numbers.append((index, value))
        }
        guard numbers.count >= 2 else {
            // "sixish": one number with "ish" on it.
            if let only = numbers.first, words[only.index].hasSuffix("ish") { return only.value }
            return nil
        }
        let between = Array(words[(numbers[numbers.count - 2].index + 1)..<numbers[numbers.count - 1].index])
        return Self.corrections.contains(where: { Self.says($0, in: between) }) ? numbers[numbers.count - 1].value : nil
    }

    /// A rating in words that may also hold times and lengths: "it was 2 weeks. like a 7" is 7,
    /// "2am and im at a 9" is 9; a number of weeks, hours or years, or a clock time, is not a rating.
    func scaleNumber(_ text: String) -> Int? {
        let words = normalizer.tokens(text).map(\.normalized)
        func isTime(_ index: Int) -> Bool {
            let word = words[index]
            if let suffix = word.firstIndex(where: { !$0.isNumber }), suffix != word.startIndex {
                return Self.timeWords.contains(String(word[suffix...]))
            }
            return index + 1 < words.count && (Self.timeWords.contains(words[index + 1]) || Self.countedThings.contains(words[index + 1]))
        }
        guard words.indices.contains(where: { (words[$0].first?.isNumber == true || Self.numberWords[words[$0]] != nil) && isTime($0) }) else {
            return firstNumber(text)
        }
        for index in words.indices where !isTime(index) {
            if let number = Int(words[index]) { return number }
            if let value = Self.numberWords[words[index]], value >= 0, !["a", "an", "half"].contains(words[index]),
               !Self.isPronounOne(words, at: index) { return value }
        }
        return nil
    }

    /// "one" that stands for a thing, not a number: "the glasses one. perhaps a seven" is 7 (drive-23:
    /// it was stored as 1), as are "that one", "the sad one", "one of those days", "one more thing".
    static func isPronounOne(_ words: [String], at index: Int) -> Bool {
        guard words[index] == "one" else { return false }
        let determiners: Set<String> = ["the", "this", "that", "which", "each", "every", "another", "any", "some", "other", "no", "last", "first"]
        if index > 0, determiners.contains(words[index - 1]) { return true }
        if index > 1, ["the", "this", "that", "which"].contains(words[index - 2]) { return true }
        return index + 1 < words.count && ["of", "more", "thing", "day", "night", "time"].contains(words[index + 1])
    }

    /// Things counted in a sentence that are no rating ("ive had like 5 beers and i saw her story" is not a 5,
    /// drive-24), read as `timeWords` are by a rating.
    static let countedThings: Set<String> = ["beers", "beer", "drinks", "drink", "glasses", "shots", "pints", "bottles", "cans",
                                             "texts", "messages", "calls", "kids", "children", "people", "friends", "miles", "km",
                                             "pounds", "dollars", "quid", "bucks", "euros", "percent"]

    static let timeWords: Set<String> = ["am", "pm", "oclock", "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute",
                                         "minutes", "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "w", "wk", "wks", "week",
                                         "weeks", "month", "months", "mo", "y", "yr", "yrs", "year", "years", "times", "x"]

    /// Words that mean yes or no at this question (`- yes: Yes | he yells, scared`): the first
    /// option whose words appear wins, so a question lists its careful answer first.
    func yesNoWords(_ text: String, _ choices: [Choice]) -> Bool? {
        guard !choices.isEmpty else { return nil }
        let words = normalizer.tokens(text).map(\.normalized)
        // A phrase with a "not" just before it is not said ("No, not afraid" is not "afraid", drive-23).
        // Nor one with "no", "not" or "never" straight after it ("no, afraid no. Sad yes, afraid never.", drive-36).
        func saidUnnegated(_ phrase: [String]) -> Bool {
            guard !phrase.isEmpty, phrase.count <= words.count else { return false }
            return (0...(words.count - phrase.count)).contains { start in
                let end = start + phrase.count
                return Array(words[start..<end]) == phrase
                    && !words[max(0, start - 2)..<start].contains(where: Self.choiceNegations.contains)
                    && !(end < words.count && Self.negationsAfter.contains(words[end]))
            }
        }
        for option in choices {
            for phrase in option.synonyms where saidUnnegated(normalizer.words(phrase)) {
                return option.key == "yes"
            }
        }
        return nil
    }

    /// Phrases of an unsure answer, as the normalizer reads them ("idk" is "i dont know", "kinda"
    /// is "kind of").
    static let unsurePhrases: [[String]] = [
        ["i", "dont", "know"], ["dont", "know"], ["dunno"], ["not", "sure"], ["unsure"], ["maybe"], ["perhaps"],
        ["sometimes"], ["kind", "of"], ["sort", "of"], ["i", "guess"], ["possibly"], ["probably"], ["a", "bit"],
        ["a", "little"], ["hard", "to", "say"], ["no", "idea"], ["somewhat"], ["on", "and", "off"], ["now", "and", "then"],
        ["i", "think", "so"], ["not", "really", "sure"], ["might"], ["idek"], ["i", "suppose"], ["ish"], ["at", "times"],
    ]

    /// "I don't know" in Spanish, Portuguese and Tagalog, which open with a word for no.
    static let unsureOpenings: [[String]] = [["no", "sé"], ["no", "se"], ["no", "lo", "sé"], ["no", "lo", "se"], ["não", "sei"],
                                             ["nao", "sei"], ["hindi", "ko", "alam"],
                                             // "no idea" is not a no.
                                             ["no", "idea"], ["no", "clue"]]

    /// Whether the answer says the person isn't sure ("idk", "maybe", "sometimes", "kinda", "i
    /// guess"), and does not open with a plain yes or no.
    public func isUnsure(_ text: String) -> Bool {
        let words = normalizer.tokens(text).map(\.normalized)
        guard let first = words.first else { return false }
        // "I don't know" in the languages people mix in opens with their "no" (drive-30: "no sé. maybe" to "Would
        // you like to seal it?" was taken as a no).
        if Self.unsureOpenings.contains(where: { words.starts(with: $0) }) { return true }
        if Self.yesWords.contains(first) || Self.noWords.contains(first) { return false }
        return Self.unsurePhrases.contains { Self.says($0, in: words) }
    }

    /// Whether the whole answer is "I don't know" and nothing more ("idk", "no idea tbh", "not sure yet"): for a
    /// question that takes free words, where "i guess i deserve better" is an answer, not an unsure one.
    public func isOnlyUnsure(_ text: String) -> Bool {
        guard isUnsure(text) else { return false }
        var words = normalizer.tokens(text).map(\.normalized)
        for phrase in Self.unsurePhrases.sorted(by: { $0.count > $1.count }) {
            var index = 0
            while index + phrase.count <= words.count {
                if Array(words[index..<(index + phrase.count)]) == phrase { words.removeSubrange(index..<(index + phrase.count)) } else { index += 1 }
            }
        }
        return words.allSatisfy { Self.unsureFillers.contains($0) }
    }

    static let unsureFillers: Set<String> = ["i", "am", "im", "its", "it", "is", "yet", "tbh", "honestly", "really", "lol", "rn", "right", "now", "just", "um", "umm",
                                             "uh", "hmm", "haha", "to", "be", "what", "say", "anymore", "atm", "ngl", "fr"]

    /// Whether `phrase` (one or more words) stands in `words` at `from` or later.
    static func says(_ phrase: [String], in words: [String], from: Int = 0) -> Bool {
        guard !phrase.isEmpty, from + phrase.count <= words.count else { return false }
        return (from...(words.count - phrase.count)).contains { Array(words[$0..<($0 + phrase.count)]) == phrase }
    }

    /// Phrases of agreement that hold no yes word, said among the first words of an answer.
    static let agreements: [[String]] = [["go", "on"], ["go", "ahead"], ["carry", "on"], ["lets", "go"], ["lets", "do", "it"],
                                         ["i", "guess", "so"], ["guess", "so"], ["i", "suppose", "so"], ["fine"], ["alright"],
                                         ["all", "right"], ["aight"], ["ight"], ["fair", "enough"],
                                         // drive-28: "i guess yea" at the seal question was asked again.
                                         ["i", "guess", "yes"], ["i", "guess", "yeah"], ["i", "guess", "yea"], ["i", "guess", "yep"],
                                         ["guess", "yeah"], ["guess", "yea"], ["i", "suppose", "yes"], ["i", "suppose", "yeah"]]

    /// A willingness said anywhere in a hedged answer ("Perhaps. Ninety days seems rather arbitrary, but I
    /// shall try it.", drive-27): a yes, when nothing in the answer says no.
    static let willingness: [[String]] = [["i", "shall", "try"], ["i", "will", "try"], ["ill", "try"], ["i", "can", "try"],
                                          ["i", "could", "try"], ["ill", "give", "it", "a"], ["give", "it", "a", "go"],
                                          ["give", "it", "a", "try"], ["worth", "a", "try"], ["lets", "try"], ["ill", "try", "it"]]

    /// Words that take back what came before them ("no. actually wait, ..."): the answer is not
    /// the yes or no it opened with.
    static let changesOfMind: [[String]] = [["actually"], ["wait"], ["on", "second", "thought"], ["changed", "my", "mind"],
                                            ["scratch", "that"], ["hang", "on"], ["hold", "on"]]

    func yesNo(_ text: String) -> Bool? {
        let words = normalizer.tokens(text).map(\.normalized)
        guard let first = words.first else { return nil }
        // "no. actually wait. i want him to feel what i felt" is not a no: ask again.
        // Only near the start: "no i might actually need to send this one" is a no (drive-32).
        if words.count > 2, Self.changesOfMind.contains(where: { phrase in
            (1...2).contains { start in start + phrase.count <= words.count && Array(words[start..<(start + phrase.count)]) == phrase }
        }) { return nil }
        // Slang for yes, alone or after another (drive-37: "ight bet", then "bet", and the seal was skipped); not "i bet".
        if words.count <= 2, words.last == "bet", first != "i" { return true }
        // "why not" is a yes, though it holds a "not".
        if words == ["why", "not"] || words.starts(with: ["why", "not", "i", "guess"]) { return true }
        // "idk" is not a no.
        if words.starts(with: ["i", "dont", "know"]) || words.starts(with: ["i", "dont", "really", "know"]) { return nil }
        // "whatever. go on", "i guess so": a yes, however grudging (drive-24: both were asked again).
        let agrees = Self.agreements.contains { phrase in
            (0..<min(3, words.count)).contains { start in
                start + phrase.count <= words.count && Array(words[start..<(start + phrase.count)]) == phrase
            }
        } || Self.willingness.contains { Self.says($0, in: words) }
        if agrees, !words.contains(where: { Self.noWords.contains($0) || Self.negations.contains($0) || $0 == "cant" || $0 == "wont" }) {
            return true
        }
        // "not sure" holds "sure", and "i am not sure" opens like "i am": unsure is not a yes or a no.
        if isUnsure(text), !words.starts(with: ["i", "think", "so"]) { return nil }
        if words.starts(with: ["not", "really"]) || words.starts(with: ["no", "thanks"]) || words.starts(with: ["i", "dont"]) ||
            words.starts(with: ["not", "now"]) || words.starts(with: ["i", "do", "not"]) { return false }
        // "I am not writing to argue about the house" is not a yes (drive-29: more of a letter, taken as "yes, safe").
        let iAmNot = words.starts(with: ["i", "am"]) && words.count > 2 && ["not", "never", "no"].contains(words[2])
        if words.starts(with: ["of", "course"]) || words.starts(with: ["i", "do"]) || (words.starts(with: ["i", "am"]) && !iAmNot) ||
            words.starts(with: ["i", "think", "so"]) { return true }
        if Self.yesWords.contains(first) { return true }
        if Self.noWords.contains(first) { return false }
        // "what? no im fine", "honestly yes": a plain yes or no among the first three words, when only one kind is there.
        let opening = words.prefix(3)
        let yes = opening.contains { Self.yesWords.contains($0) && $0 != "k" }, no = opening.contains { Self.noWords.contains($0) }
        if yes != no { return yes }
        // A yes or a no that closes a sentence of its own ("That seems sensible, yes.", drive-26), when the answer
        // holds no word of the other kind and no "not".
        if words.count > 2, let last = words.last, last != "k", last != "please" {
            let saysNo = words.contains { Self.noWords.contains($0) || Self.negations.contains($0) }
            let saysYes = words.contains { Self.yesWords.contains($0) && $0 != "k" }
            if Self.yesWords.contains(last), !saysNo { return true }
            if Self.noWords.contains(last), !saysYes { return false }
        }
        return nil
    }

    /// A choice by number ("2", "two", "the second"), by key, or by the words of its label.
    func choice(_ text: String, _ choices: [Choice]) -> Choice? {
        let words = normalizer.tokens(text).map(\.normalized)
        guard !words.isEmpty else { return nil }
        let ordinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10]
        if words.count <= 3 {
            for word in words {
                if let number = Int(word) ?? ordinals[word] ?? (words.count == 1 ? Self.numberWords[word] : nil),
                   number >= 1, number <= choices.count {
                    return choices[number - 1]
                }
            }
        }
        // A longer answer that ends on the number, with only a hedge after it ("idk, they're my kids
        // too. 2 i guess"): the number is the pick, when it is the only number said (drive-19).
        if words.count > 3 {
            let hedges: Set<String> = ["i", "guess", "think", "suppose", "maybe", "probably", "please", "pls", "lol", "tbh", "then", "ig"]
            let core = Array(words.reversed().drop { hedges.contains($0) })
            // A time or an amount is not a pick: "i texted him at 2 i think".
            let beforeNumber: Set<String> = ["at", "by", "around", "about", "till", "until", "til", "for", "after", "before", "past", "to", "from", "of"]
            if core.count < words.count, let last = core.first, let number = Int(last), number >= 1, number <= choices.count,
               !(core.count > 1 && beforeNumber.contains(core[1])), words.filter({ Int($0) != nil }).count == 1 {
                return choices[number - 1]
            }
            // The number as a sentence of its own at the end ("wtf we dont have a pet. 2", drive-34: a word of the
            // sentence before it chose the option it denied).
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let mark = trimmed.lastIndex(where: { ".!?;\n".contains($0) }),
               let number = Int(trimmed[trimmed.index(after: mark)...].trimmingCharacters(in: .whitespaces)),
               number >= 1, number <= choices.count, words.filter({ Int($0) != nil }).count == 1 {
                return choices[number - 1]
            }
        }
        // A longer answer that opens with an option's number ("4 the short one about lucia, not the angry one", "1, no
        // contact. no way im doing low contact with him", drive-27: the words after it chose another option): the
        // number is the pick, unless it counts something ("5 beers and i saw her story", "2 weeks ago").
        if words.count > 3, let number = Int(words[0]), number >= 1, number <= choices.count,
           !Self.timeWords.contains(words[1]), !Self.countedThings.contains(words[1]),
           text.trimmingCharacters(in: .whitespaces).first?.isNumber == true {
            return choices[number - 1]
        }
        let joined = words.joined(separator: " ")
        if let exact = choices.first(where: { normalizer.words($0.key.replacingOccurrences(of: "-", with: " ")).joined(separator: " ") == joined }) {
            return exact
        }
        if let exact = choices.first(where: { normalizer.words($0.label) == words }) { return exact }
        // A synonym phrase said anywhere wins outright (the longest one, if several), unless a "not"
        // comes just before it ("im not gonna send it" is not "gonna send", drive-21).
        if let said = phraseChoice(words, choices, skippingNegated: true, negations: Self.choiceNegations, window: 2) { return said }
        // Score by shared words, ignoring very common ones.
        // Words too common to tell options apart: "i dont even know. i feel empty" shares "dont know" with
        // "They reached out and I don't know what to say", and is no answer to it (drive-18).
        let stop: Set<String> = ["i", "a", "the", "to", "my", "me", "it", "of", "and", "or", "im", "was", "is", "in", "on", "with", "just", "about", "some", "their", "for",
                                 "dont", "know", "what", "even", "feel", "do", "so", "that", "this", "are", "be", "have", "say",
                                 // "its sunday" shares only "its" with "It's late, or I've been drinking" (drive-21).
                                 "its", "ive", "an", "been", "at", "we", "you", "your",
                                 // "i need help now" shares only "now" with "Nothing for now", and is the opposite (drive-23).
                                 "now", "right",
                                 // "u up?" and "can i pick up my stuff" share only "up" with "Set up or change my plan".
                                 "up", "out", "can", "will"]
        // The other person is "them" in an option and "him" or "her" in an answer: "i just miss him"
        // is "I miss them", not a tie with "I miss the pet we shared" (drive-20).
        let person = { (word: String) in Self.otherPerson.contains(word) ? "them" : word }
        let said = Set(words.map(person)).subtracting(stop)
        // A long text is not a menu answer by a word or two it shares with an option: a message from the ex
        // pasted at the home menu shared "want" and "them" with "I want to text my ex" (drive-24). Its
        // phrases (above) and the intents still read it.
        guard !said.isEmpty, said.count <= Self.mostScoredWords else { return nil }
        var best: (choice: Choice, score: Int)?
        var tied = false
        for option in choices {
            let optionWords = Set((normalizer.words(option.label) + normalizer.words(option.key.replacingOccurrences(of: "-", with: " "))).map(person)).subtracting(stop)
            let shared = said.intersection(optionWords)
            // The other person alone is no pick: "she wants friendship" shares only "she" with "They miss you"
            // (drive-34). With the word before it, it is: "at her mostly" is "I'm angry at them".
            guard !shared.subtracting(["them"]).isEmpty
                || !Self.personPhrases(words.map(person)).isDisjoint(with: Self.personPhrases(normalizer.words(option.label).map(person)))
            else { continue }
            let score = shared.count
            if score > (best?.score ?? 0) { best = (option, score); tied = false } else if score == best?.score { tied = true }
        }
        if best == nil { return misspeltChoice(words, choices) }
        return tied ? nil : best?.choice
    }

    /// A one-word answer a letter away from a word of one option only, five letters or longer ("canda" at the
    /// regions, drive-36: asked again on the crisis screen).
    private func misspeltChoice(_ words: [String], _ choices: [Choice]) -> Choice? {
        guard words.count == 1, words[0].count >= 5 else { return nil }
        let typed = Array(words[0])
        let near = choices.filter { option in
            (normalizer.words(option.label) + option.synonyms.flatMap { normalizer.words($0) })
                .contains { $0.count >= 5 && Suggestion.editDistance(typed, Array($0)) == 1 }
        }
        return near.count == 1 ? near[0] : nil
    }

    /// The option whose words were said in passing, inside longer words ("8, i just saw his
    /// insta story" → the option listing "story"; "its 1am and i cant sleep" → the one listing
    /// "cant sleep"): only an option's own phrases count, the longest found wins, and nothing is
    /// taken when two options' phrases of that length are found. A phrase with a negation in the
    /// four words before it does not count ("not because of a post"), and the catch-all option
    /// `other` is never taken from words said in passing.
    public func choiceSaid(in text: String, _ choices: [Choice]) -> Choice? {
        phraseChoice(normalizer.tokens(text).map(\.normalized), choices.filter { $0.key != "other" }, skippingNegated: true)
    }

    /// Every option (but `other`) one of whose phrases is said in passing, without a negation in the four
    /// words before it, in the menu's order.
    public func choicesSaid(in text: String, _ choices: [Choice]) -> [Choice] {
        let words = normalizer.tokens(text).map(\.normalized)
        return choices.filter { $0.key != "other" && phraseChoice(words, [$0], skippingNegated: true) != nil }
    }

    static let negations: Set<String> = ["not", "dont", "didnt", "isnt", "wasnt", "no", "never", "nothing"]

    /// Words after an option's word that deny it ("afraid never").
    static let negationsAfter: Set<String> = ["no", "not", "never"]
    /// Words that turn a menu phrase said right after them around. Not "no": "no, no contact" is the
    /// option "No contact".
    static let choiceNegations: Set<String> = ["not", "dont", "didnt", "isnt", "wasnt", "never", "wont", "cant", "aint"]

    /// Each mention of the other person with the word before it ("at them").
    static func personPhrases(_ words: [String]) -> Set<String> {
        Set(words.indices.dropFirst().filter { words[$0] == "them" }.map { words[$0 - 1] + " them" })
    }

    /// The most words (not counting very common ones) an answer may have to be scored against a menu's
    /// options word by word.
    static let mostScoredWords = 8

    /// Words for the other person, read as one word when answers are scored against options.
    static let otherPerson: Set<String> = ["him", "her", "them", "he", "she", "they", "ex", "hes", "shes", "theyre"]

    /// The option one of whose phrases is in the words (the longest phrase found); nil when
    /// none is, or when two options have phrases of that length in them.
    private func phraseChoice(_ words: [String], _ choices: [Choice], skippingNegated: Bool = false,
                              negations: Set<String> = AnswerReader.negations, window: Int = 4) -> Choice? {
        var best: (choice: Choice, length: Int)?
        var tied = false
        for option in choices {
            for phrase in option.synonyms {
                let phraseWords = normalizer.words(phrase)
                guard !phraseWords.isEmpty, phraseWords.count <= words.count,
                      (0...(words.count - phraseWords.count)).contains(where: { start in
                          Array(words[start..<(start + phraseWords.count)]) == phraseWords
                              && !(skippingNegated && words[max(0, start - window)..<start].contains(where: negations.contains))
                      })
                else { continue }
                if phraseWords.count > (best?.length ?? 0) { best = (option, phraseWords.count); tied = false }
                else if phraseWords.count == best?.length, best?.choice != option { tied = true }
            }
        }
        return tied ? nil : best?.choice
    }

    /// A day named in passing inside longer words ("i texted him yesterday", "we talked 3 days
    /// ago, on nov 2"): runs of up to four words, longest first, left to right.
    public func dateSaid(in text: String, now: Date) -> String? {
        let words = normalizer.tokens(text).map(\.normalized)
        for length in stride(from: min(4, words.count), through: 1, by: -1) {
            for start in 0...(words.count - length) {
                if let day = date(words[start..<start + length].joined(separator: " "), now: now) { return day }
            }
        }
        return nil
    }

    /// The last day named in an answer, reading left to right and taking the longest run of words at
    /// each place: a correction names its day last.
    func lastDateSaid(in text: String, now: Date) -> String? {
        let words = normalizer.tokens(text).map(\.normalized)
        var last: String?
        var start = 0
        while start < words.count {
            var taken = 1
            for length in stride(from: min(4, words.count - start), through: 1, by: -1) {
                if let day = date(words[start..<start + length].joined(separator: " "), now: now) {
                    last = day
                    taken = length
                    break
                }
            }
            start += taken
        }
        return last
    }

    /// The answer with the words the sentence around it already has taken off its start
    /// ("because i deserve peace" → "i deserve peace" after "I'm doing this because").
    public func dropping(_ leading: [String], from answer: String) -> String {
        var rest = Substring(answer)
        var changed = true
        while changed {
            changed = false
            let trimmed = rest.drop { $0.isWhitespace || $0 == "," || $0 == "." || $0 == "-" }
            for phrase in leading {
                let phraseWords = normalizer.words(phrase)
                // Walk the answer's words as typed until the phrase's words are used up.
                var index = trimmed.startIndex
                var matched = 0
                while matched < phraseWords.count, index < trimmed.endIndex {
                    let end = trimmed[index...].firstIndex { $0.isWhitespace || $0 == "," || $0 == "." } ?? trimmed.endIndex
                    let word = normalizer.words(String(trimmed[index..<end]))
                    guard word == [phraseWords[matched]] else { break }
                    matched += 1
                    index = trimmed[end...].firstIndex { !($0.isWhitespace || $0 == "," || $0 == ".") } ?? trimmed.endIndex
                }
                // Only a whole phrase, and never the whole answer.
                if matched == phraseWords.count, !phraseWords.isEmpty, index < trimmed.endIndex {
                    rest = trimmed[index...]
                    changed = true
                    break
                }
            }
        }
        return rest.count == answer.count ? answer : String(rest)
    }

    /// A date as `YYYY-MM-DD`: "today", "yesterday", "day before yesterday", "monday", "3 days ago", "last week",
    /// "2026-11-01", "1 november", "nov 1 2026", "the 20th" (this month, or last month when that is still to
    /// come), "halloween". With `bare`, the whole answer to a question about a day, "4 days" is four days ago.
    func date(_ text: String, now: Date, bare: Bool = false) -> String? {
        let words = normalizer.tokens(text).map(\.normalized)
        let today = calendar.startOfDay(for: now)
        func format(_ date: Date) -> String? {
            guard date <= now else { return nil }
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
            return Day(year: year, month: month, day: day).description
        }
        if words == ["today"] || words == ["now"] || words == ["this", "morning"] || words == ["tonight"] { return format(today) }
        if words == ["yesterday"] || words == ["last", "night"] { return calendar.date(byAdding: .day, value: -1, to: today).flatMap(format) }
        if words == ["day", "before", "yesterday"] || words == ["the", "day", "before", "yesterday"] {
            return calendar.date(byAdding: .day, value: -2, to: today).flatMap(format)
        }
        if let (month, day) = Self.holidays[words.joined(separator: " ")] { return latest(month: month, day: day, now: now).flatMap(format) }
        // "monday", "on friday", "last sunday": the latest such day up to today ("last" means before today).
        if words.count <= 2, let name = words.last, let target = Self.weekdayNames.firstIndex(of: name),
           words.count == 1 || ["last", "on", "this", "past"].contains(words[0]) {
            var back = (calendar.component(.weekday, from: today) - 1 - target + 7) % 7
            if back == 0, words.first == "last" { back = 7 }
            return calendar.date(byAdding: .day, value: -back, to: today).flatMap(format)
        }
        let units: [String: (Calendar.Component, Int)] = ["day": (.day, 1), "days": (.day, 1), "week": (.weekOfYear, 1), "weeks": (.weekOfYear, 1),
                                                          "fortnight": (.day, 14), "fortnights": (.day, 14),
                                                          "month": (.month, 1), "months": (.month, 1), "year": (.year, 1), "years": (.year, 1)]
        let isBareAmount = bare && words.count == 2 && (Int(words[0]) != nil || Self.numberWords[words[0]] != nil) && units[words[1]] != nil
        // "since 3 weeks", as German and French speakers say "seit drei Wochen" (drive-26).
        let isSinceAmount = words.count == 3 && words[0] == "since" && units[words[2]] != nil
        if words.count >= 2, words.last == "ago" || (words.count == 2 && words[0] == "last") || isBareAmount || isSinceAmount {
            let amountWords = words.last == "ago" ? Array(words.dropLast()) : isBareAmount ? words : isSinceAmount ? Array(words.dropFirst()) : ["1", words[1]]
            guard let unitWord = amountWords.last else { return nil }
            let amount = amountWords.count == 1 ? 1 : (firstNumber(amountWords.dropLast().joined(separator: " ")) ?? (amountWords.first == "a" ? 1 : nil))
            guard let amount, let (unit, size) = units[unitWord] else { return nil }
            return calendar.date(byAdding: unit, value: -amount * size, to: today).flatMap(format)
        }
        // 14.11.2026, 14/11/26, 11/14/2026: the day first unless that cannot be, and never a day still to come
        // (drive-26: "14.11.2026" was not read).
        let numbered = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "." || $0 == "/" }).map { Int($0) }
        // Two numbers alone are a day only as the whole answer ("2.5 beers" said in passing is no date).
        if numbered.count == 3 || (numbered.count == 2 && bare), numbered.allSatisfy({ $0 != nil }) {
            let parts = numbered.compactMap { $0 }
            let thisYear = calendar.component(.year, from: now)
            let year = parts.count == 3 ? (parts[2] < 100 ? 2000 + parts[2] : parts[2]) : thisYear
            let readings = [(parts[0], parts[1]), (parts[1], parts[0])].filter { $0.1 <= 12 }
            let days = readings.compactMap { build(year: year, month: $0.1, day: $0.0) }.filter { $0 <= now }
            // Without a year, last year's day when this year's is still to come.
            if days.isEmpty, parts.count == 2, let first = readings.first {
                return build(year: thisYear - 1, month: first.1, day: first.0).flatMap(format)
            }
            return days.first.flatMap(format)
        }
        // 2026-11-01
        let digits = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        if digits.count == 3, let year = Int(digits[0]), let month = Int(digits[1]), let day = Int(digits[2]) {
            return build(year: year, month: month, day: day).flatMap(format)
        }
        var month: Int?, day: Int?, year: Int?
        for (position, word) in words.enumerated() {
            if let named = Self.month(named: word) { month = named }
            else if let number = Int(word.filter(\.isNumber)), !word.isEmpty, word.first?.isNumber == true {
                if number > 31 { year = number } else { day = number }
            }
            // "the fourteenth of October", "the twenty first of october" (drive-27); not "a second time in march".
            else if let number = Self.ordinalDays[word] {
                let before = position > 0 ? words[position - 1] : ""
                let after = position + 1 < words.count ? words[position + 1] : ""
                let tens = number < 10 && before == "twenty" ? 20 : number < 2 && before == "thirty" ? 30 : 0
                let opener = tens > 0 ? (position > 1 ? words[position - 2] : "") : before
                if ["the", "on", "since"].contains(opener) || after == "of" { day = tens + number }
            }
        }
        // "the 20th", "on the 2nd": a day of this month, or of last month when this month's is still to come.
        if month == nil, year == nil, let day, words.count <= 3, let last = words.last, last.first?.isNumber == true,
           ["st", "nd", "rd", "th"].contains(String(last.drop { $0.isNumber })),
           words.dropLast().allSatisfy({ ["the", "on", "since"].contains($0) }) {
            let parts = calendar.dateComponents([.year, .month], from: today)
            guard let thisYear = parts.year, let thisMonth = parts.month else { return nil }
            if let candidate = build(year: thisYear, month: thisMonth, day: day), candidate <= now { return format(candidate) }
            let previous = thisMonth == 1 ? (thisYear - 1, 12) : (thisYear, thisMonth - 1)
            return build(year: previous.0, month: previous.1, day: day).flatMap(format)
        }
        // A month alone as the whole answer ("august", "since august", "mid june 2026", drive-35: "august" was not a
        // date): its first day, or its middle or end when said so, the latest one not still to come.
        if bare, let month, day == nil, words.count <= 4,
           words.allSatisfy({ word in Self.month(named: word) != nil
                   || Self.partOfMonth[word] != nil || (Int(word).map { $0 > 31 } ?? false) }) {
            day = max(1, words.compactMap { Self.partOfMonth[$0] }.max() ?? 1)
        }
        guard let month, let day else { return nil }
        let thisYear = calendar.component(.year, from: now)
        if let year { return build(year: year, month: month, day: day).flatMap(format) }
        if let candidate = build(year: thisYear, month: month, day: day), candidate <= now { return format(candidate) }
        return build(year: thisYear - 1, month: month, day: day).flatMap(format)
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                             "november", "december"]

    /// The month (1 to 12) a word names: its full name, its first three letters, or "sept".
    static func month(named word: String) -> Int? {
        if word == "sept" { return 9 }
        return monthNames.firstIndex { word == $0 || word == $0.prefix(3) }.map { $0 + 1 }
    }

    /// Words said around a month named alone, with the day they stand for (0 for none of its own).
    static let partOfMonth: [String: Int] = ["in": 0, "since": 0, "back": 0, "around": 0, "about": 0, "of": 0, "early": 1,
                                             "start": 1, "beginning": 1, "mid": 15, "middle": 15, "late": 25, "end": 25]

    /// Days of the month said as ordinal words.
    static let ordinalDays: [String: Int] = {
        let ones = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
        let teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                     "eighteenth", "nineteenth", "twentieth"]
        var days: [String: Int] = [:]
        for (index, word) in ones.enumerated() {
            days[word] = index + 1
            days["twenty" + word] = 21 + index
            days["twenty-" + word] = 21 + index
        }
        for (index, word) in teens.enumerated() { days[word] = 10 + index }
        days["thirtieth"] = 30
        days["thirtyfirst"] = 31
        days["thirty-first"] = 31
        return days
    }()

    /// Days people name by their holiday (month, day).
    static let holidays: [String: (Int, Int)] = [
        "halloween": (10, 31), "christmas": (12, 25), "xmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "boxing day": (12, 26), "new years": (1, 1), "new year": (1, 1), "new years day": (1, 1), "new years eve": (12, 31),
        "valentines": (2, 14), "valentines day": (2, 14),
    ]

    /// The latest (month, day) up to now: this year's, or last year's when this year's is still to come.
    private func latest(month: Int, day: Int, now: Date) -> Date? {
        let thisYear = calendar.component(.year, from: now)
        if let candidate = build(year: thisYear, month: month, day: day), candidate <= now { return candidate }
        return build(year: thisYear - 1, month: month, day: day)
    }

    /// Seconds in each unit a length is given in, with the misspellings people type at night.
    static let durationUnits: [String: Int] = [
        "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60, "minuts": 60, "mintues": 60, "minites": 60,
        "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "hors": 3600, "horus": 3600, "hous": 3600, "houres": 3600,
        "d": 86400, "day": 86400, "days": 86400, "dyas": 86400, "dys": 86400, "dayz": 86400, "dayss": 86400,
        "w": 604800, "week": 604800, "weeks": 604800, "wk": 604800, "wks": 604800, "weks": 604800, "weeek": 604800,
        // Spanish, with and without accents, as people who count in it write them (drive-19: "cinco días").
        "minuto": 60, "minutos": 60, "hora": 3600, "horas": 3600, "día": 86400, "días": 86400, "dia": 86400, "dias": 86400,
        "semana": 604800, "semanas": 604800,
        // Months and years, for lengths in days (a plan's): a month is 30 days and a year 365.
        "month": 2_592_000, "months": 2_592_000, "mo": 2_592_000, "mos": 2_592_000, "mth": 2_592_000, "mths": 2_592_000,
        "mnth": 2_592_000, "mnths": 2_592_000, "monts": 2_592_000, "mes": 2_592_000, "meses": 2_592_000,
        "year": 31_536_000, "years": 31_536_000, "yr": 31_536_000, "yrs": 31_536_000, "yaer": 31_536_000,
        "año": 31_536_000, "años": 31_536_000, "ano": 31_536_000, "anos": 31_536_000,
    ]

    private func build(year: Int, month: Int, day: Int) -> Date? {
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month else { return nil }
        return date
    }

    /// A duration in seconds: "10m", "5 minutes", "1h30m", "an hour", "half an hour", "90 s", "2 days".
    func duration(_ text: String) -> Int? {
        // Words and numbers, with "1h30m" split into "1 h 30 m" and decimals kept whole ("1.5").
        var words: [String] = []
        var current = ""
        var currentIsNumber = false
        let characters = Array(text.lowercased())
        for (index, character) in characters.enumerated() {
            let isDigit = character.isASCII && character.isNumber
            let isDecimalPoint = (character == "." || character == ",") && currentIsNumber && !current.contains(".")
                && index + 1 < characters.count && characters[index + 1].isASCII && characters[index + 1].isNumber
            if isDigit || isDecimalPoint {
                if !currentIsNumber, !current.isEmpty { words.append(current); current = "" }
                current.append(isDecimalPoint ? "." : character)
                currentIsNumber = true
            } else if character.isLetter {
                if currentIsNumber, !current.isEmpty { words.append(current); current = "" }
                current.append(character)
                currentIsNumber = false
            } else {
                if !current.isEmpty { words.append(current); current = "" }
                currentIsNumber = false
            }
        }
        if !current.isEmpty { words.append(current) }
        // A correction starts the length again, keeping the unit named before it for a bare number
        // ("two days, maybe three, no two" is two days).
        if let cut = words.lastIndex(where: { ["no", "nah", "wait", "actually", "correction"].contains($0) }), cut > 0,
           cut + 1 < words.count {
            let after = Array(words[(cut + 1)...])
            if let again = duration(after.joined(separator: " ")), after.contains(where: { Self.durationUnits[$0] != nil }) {
                return again
            }
            if after.count == 1, let number = Int(after[0]) ?? Self.numberWords[after[0]], number > 0,
               let unit = words[..<cut].last(where: { Self.durationUnits[$0] != nil }).flatMap({ Self.durationUnits[$0] }) {
                return number * unit
            }
        }
        let units = Self.durationUnits
        var total = 0
        var pending: Double?
        var sawUnit = false
        var lastUnit = 0
        for (index, word) in words.enumerated() {
            if let number = Double(word), word.first?.isNumber == true { pending = number; continue }
            // "a day and a half", "a year and half": half of the unit just named.
            if word == "half", sawUnit, index >= 1,
               words[index - 1] == "and" || (index >= 2 && words[index - 1] == "a" && words[index - 2] == "and") {
                total += lastUnit / 2
                pending = nil
                continue
            }
            if word == "half" { pending = 0.5; continue }
            if word == "a" || word == "an" { if pending == nil { pending = 1 }; continue }
            if word == "and" || word == "of" { continue }
            if let unit = units[word] {
                let seconds = (pending ?? 1) * Double(unit)
                guard seconds.isFinite, seconds < 1e9 else { return nil }
                total += Int(seconds)
                pending = nil
                sawUnit = true
                lastUnit = unit
                continue
            }
            if let number = Self.numberWords[word], number >= 0 { pending = Double(number); continue }
            // Words around the length ("like 8 hours", "give it 24 hours", "5 days pls") are passed
            // over; a number with no unit still has to stand alone, and "ago" is a time, not a length.
            if pending != nil || word == "ago" { return nil }
        }
        if let pending, !sawUnit { // a bare number means minutes
            guard pending * 60 < 1e9 else { return nil }
            total += Int(pending * 60)
        }
        else if pending != nil { return nil }
        if total == 0, let named = words.lazy.compactMap({ Self.namedLengths[$0] }).first { return named }
        return total > 0 ? total : nil
    }

    /// A length said as the day it ends ("till sunday", "until friday morning"): up to nine in the
    /// morning of the next such day, a week ahead when it is that day today (drive-27: "till sunday").
    /// "For the weekend" lasts through it, to Monday morning (drive-30: it was two days from a Monday).
    func untilWeekday(_ text: String, now: Date) -> Int? {
        let words = normalizer.tokens(text).map(\.normalized)
        var named = words.compactMap { word in Self.weekdayNames.firstIndex(of: word) ?? Self.weekdayShort[word] }
        if named.isEmpty, words.contains("weekend"), !words.contains(where: { Int($0) != nil }) { named = [1] }
        guard named.count == 1, let target = named.first, words.count <= 6 else { return nil }
        let today = calendar.component(.weekday, from: now) - 1
        let ahead = (target - today + 7) % 7
        guard let day = calendar.date(byAdding: .day, value: ahead == 0 ? 7 : ahead, to: calendar.startOfDay(for: now)),
              let end = calendar.date(bySettingHour: 9, minute: 0, second: 0, of: day) else { return nil }
        let seconds = Int(end.timeIntervalSince(now))
        return seconds > 0 ? seconds : nil
    }

    /// When something that opens `seconds` from now opens, as a person would say it: "today at 23:40",
    /// "tomorrow at 09:00", "Saturday at 09:00", "14 December at 18:00" (drive-30: "Sealed." did not say until when).
    func whenItOpens(after seconds: Int, now: Date) -> String {
        // To the nearest minute: a seal "till the morning" made at 01:20:35 opens at 09:00, not 08:59 (drive-35).
        let exact = now.addingTimeInterval(TimeInterval(seconds)).timeIntervalSinceReferenceDate
        let end = Date(timeIntervalSinceReferenceDate: (exact / 60).rounded() * 60)
        let hour = calendar.component(.hour, from: end), minute = calendar.component(.minute, from: end)
        let time = "at " + String(format: "%02d:%02d", hour, minute)
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: end)).day ?? 0
        switch days {
        // Before dawn, the coming morning is "this morning" to the person still up, not "today".
        case ...0 where calendar.component(.hour, from: now) < 5 && hour < 12: return "this morning " + time
        case ...0: return "today " + time
        case 1: return "tomorrow " + time
        case 2...6: return Self.weekdayNames[calendar.component(.weekday, from: end) - 1].capitalized + " " + time
        default:
            return "\(calendar.component(.day, from: end)) \(Self.monthNames[calendar.component(.month, from: end) - 1].capitalized) " + time
        }
    }

    /// A length said as "till morning", "tomorrow morning", or Scots "till the morn": up to nine the next morning
    /// by the clock (drive-32: "tomorrow morning" at 2 a.m. was a whole day, and "the morn" was not read). At
    /// five or later, "tomorrow" is the day after today.
    func untilMorning(_ text: String, now: Date) -> Int? {
        let words = normalizer.tokens(text).map(\.normalized)
        guard words.count <= 6, !words.contains(where: { $0.contains(where: \.isNumber) }),
              words.contains("morning") || words.contains("morn") else { return nil }
        guard var end = calendar.date(bySettingHour: 9, minute: 0, second: 0, of: now) else { return nil }
        if end <= now, let next = calendar.date(byAdding: .day, value: 1, to: end) { end = next }
        let tomorrow = words.contains { ["tomorrow", "tmrw", "tmr", "tomoro", "tomorow"].contains($0) }
        if tomorrow, calendar.isDate(end, inSameDayAs: now), calendar.component(.hour, from: now) >= 5,
           let next = calendar.date(byAdding: .day, value: 1, to: end) { end = next }
        let seconds = Int(end.timeIntervalSince(now))
        return seconds > 0 ? seconds : nil
    }

    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    /// Short names as people type them; not "sun" or "wed" ("we'd" folds to it).
    static let weekdayShort = ["mon": 1, "tue": 2, "tues": 2, "weds": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6]

    /// Lengths said by when they end, with no number ("till the morning i guess", "overnight"): a
    /// night is taken as eight hours and tomorrow as a day, near enough for a seal or a pause (drive-18).
    static let namedLengths: [String: Int] = [
        "morning": 8 * 3600, "overnight": 8 * 3600, "tonight": 8 * 3600,
        "tomorrow": 24 * 3600, "tmrw": 24 * 3600, "tmr": 24 * 3600, "weekend": 2 * 24 * 3600,
    ]
}

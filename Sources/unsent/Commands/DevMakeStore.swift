import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent dev make-store`: a large, realistic store for measuring stats, search and export at scale.
struct DevMakeStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-store",
        abstract: "Write a generated store covering some years of daily use, for measuring stats, search and export at scale.",
        discussion: """
            Per year: 365 check-ins, 5,000 urges (two in five talked through in a conversation), 100,000 turns, \
            about 500 drafts, notes, plans for tomorrow, moods and a few contacts. The same seed and end day \
            give the same store.
            """)

    @Option(help: "How many years of use to generate.")
    var years: Int = 10

    @Option(help: ArgumentHelp("The store file to write; it must not exist yet.", valueName: "path"))
    var out: String

    @Option(help: "A number that fixes every random choice, so the same store can be made again.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The last day to fill (YYYY-MM-DD). By default today.", valueName: "day"))
    var end: String?

    func validate() throws {
        guard (1...50).contains(years) else { throw ValidationError("--years takes 1 to 50; \(years) is outside that.") }
        if let end, Day(end) == nil { throw ValidationError("--end takes a day written YYYY-MM-DD; '\(end)' is not one.") }
        if FileManager.default.fileExists(atPath: out) {
            throw ValidationError("\(out) already exists. Name a new file; make-store never writes into an existing store.")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let store = try StoreOpening.open(out)
        let last = end.flatMap(Day.init) ?? DayClock().day(of: Date())
        var generator = StoreGenerator(seed: seed, first: last.adding(days: -365 * years + 1), last: last, years: years)
        try StoreOpening.call { () throws(StoreError) in
            try store.bulkLoad(batchSize: 10_000) { loader in try generator.fill(loader) }
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        print("{\"path\": \(JSONValue.quoted(out)), \"years\": \(years), \"sessions\": \(generator.counts.sessions), "
              + "\"turns\": \(generator.counts.turns), \"events\": \(generator.counts.events), \"drafts\": \(generator.counts.drafts), "
              + "\"seconds\": \(String(format: "%.1f", seconds)), \"megabytes\": \(String(format: "%.1f", Double(bytes) / 1_048_576))}")
    }
}

/// Makes the rows of a generated store, day by day, with a seeded generator.
struct StoreGenerator {
    struct Counts { var sessions = 0, turns = 0, events = 0, drafts = 0 }

    var random: SeededRandom
    let first: Day
    let last: Day
    let turnBudget: Int
    let urgeTarget: Int
    private(set) var counts = Counts()
    private var nextHistoryId: Int64 = 1
    private let words: [String]

    init(seed: UInt64, first: Day, last: Day, years: Int) {
        random = SeededRandom(seed: seed)
        self.first = first
        self.last = last
        turnBudget = 100_000 * years
        urgeTarget = 5_000 * years
        words = Self.vocabulary()
    }

    mutating func fill(_ loader: StoreLoader) throws {
        try loader.insert(.setting, [.text("plan_start"), .text(first.description)])
        try loader.insert(.setting, [.text("plan_length"), .text("0")])
        try loader.insert(.setting, [.text("region"), .text("uk")])
        try loader.insert(.setting, [.text("plan_statement"), .text("I want to feel like myself again.")])
        let days = first.days(to: last) + 1
        let urgeSessionsTotal = urgeTarget * 2 / 5
        let reflectTurns = 12
        var turnsLeft = turnBudget - days * reflectTurns
        var urgeSessionsLeft = urgeSessionsTotal
        var urgesLeft = urgeTarget
        for offset in 0..<days {
            let day = first.adding(days: offset)
            let daysLeft = days - offset
            let urgesToday = Self.share(urgesLeft, over: daysLeft, jitter: &random)
            urgesLeft -= urgesToday
            let sessionsToday = min(urgesToday, Self.share(urgeSessionsLeft, over: daysLeft, jitter: &random))
            urgeSessionsLeft -= sessionsToday
            var strongest = 0
            for urge in 0..<urgesToday {
                let at = urgeMoment(day)
                // Cravings ease over the years, with good and bad days either way.
                let typical = 7.5 - 5 * Double(offset) / Double(days)
                let intensity = min(10, max(0, Int((typical + Double(random.next() % 700) / 100 - 3.5).rounded())))
                strongest = max(strongest, intensity)
                if urge < sessionsToday {
                    let turns = max(4, turnsLeft / max(1, urgeSessionsLeft + sessionsToday - urge))
                    turnsLeft -= turns
                    try urgeSession(loader, at: at, intensity: intensity, turns: turns)
                } else {
                    try event(loader, nil, at: at + 60, kind: .urgeEnded, fields: [
                        .before: String(intensity), .day: day.description, .outcome: pick(["resisted", "resisted", "resisted", "deciding", "sent"]),
                        .source: "log", .trigger: pick(Self.triggers),
                    ])
                }
            }
            try reflection(loader, day: day, strongest: strongest)
            if random.next() % 3 == 0 {
                try event(loader, nil, at: moment(day, hour: 13), kind: .note, fields: [.day: day.description, .text: sentence(8...30)])
            }
            if random.next() % 7 == 0 {
                try event(loader, nil, at: moment(day, hour: 9), kind: .mood, fields: [.day: day.description, .mood: String(1 + random.next() % 10), .source: "log"])
            }
            if random.next() % 120 == 0 {
                try event(loader, nil, at: moment(day, hour: 18), kind: .contact, fields: [.day: day.description, .direction: pick(["me", "they", "they", "planned"])])
            }
            if random.next() % 100 == 0 {
                try event(loader, nil, at: moment(day, hour: 19), kind: .contactReceived, fields: [.category: "miss-you", .decided: "no-reply"])
            }
        }
    }

    private mutating func urgeSession(_ loader: StoreLoader, at: Int64, intensity: Int, turns: Int) throws {
        let session = try beginSession(loader, flow: "urge", at: at, turns: turns)
        try event(loader, session, at: at + 2_000, kind: .urgeStarted, fields: [.intensity: String(intensity)])
        try conversation(loader, session: session, at: at, turns: turns)
        if random.next() % 4 == 0 {
            counts.drafts += 1
            try loader.insert(.draft, [.integer(Int64(counts.drafts)), .integer(session), .text(Self.stamp(at + 30_000)),
                                       .text(sentence(10...60)), .null, .null])
            try event(loader, session, at: at + 30_001, kind: .draftKept, fields: [.id: String(counts.drafts)])
        }
        try event(loader, session, at: at + Int64(turns) * 20_000, kind: .urgeEnded, fields: [
            .after: String(max(0, intensity - Int(random.next() % 5))), .before: String(intensity),
            .card: "closure", .outcome: pick(["resisted", "resisted", "resisted", "deciding", "sent"]),
            .practical: "no", .trigger: pick(Self.triggers), .waited: "600",
        ])
    }

    private mutating func reflection(_ loader: StoreLoader, day: Day, strongest: Int) throws {
        let at = moment(day, hour: 21)
        let session = try beginSession(loader, flow: "reflect", at: at, turns: 12)
        try conversation(loader, session: session, at: at, turns: 12)
        try event(loader, session, at: at + 240_000, kind: .reflection, fields: [
            .contact: "none", .cravings: String(strongest > 5 ? "strong" : "some"), .day: day.description,
            .entry: sentence(15...80), .mood: String(1 + random.next() % 10), .prompt: "grief-1", .strongest: String(strongest),
        ])
        if random.next() % 2 == 0 {
            try event(loader, session, at: at + 250_000, kind: .tomorrow, fields: [.day: day.description, .text: sentence(5...15)])
        }
    }

    private mutating func beginSession(_ loader: StoreLoader, flow: String, at: Int64, turns: Int) throws -> Int64 {
        counts.sessions += 1
        let id = Int64(counts.sessions)
        try loader.insert(.session, [.integer(id), .text(Self.stamp(at)), .text(Self.stamp(at + Int64(turns) * 20_000 + 1_000)),
                                     .text(flow), .text("finished"), .integer(Int64(bitPattern: random.next()))])
        return id
    }

    private mutating func conversation(_ loader: StoreLoader, session: Int64, at: Int64, turns: Int) throws {
        for sequence in 0..<turns {
            counts.turns += 1
            let person = sequence % 2 == 1
            let text = person ? sentence(2...25) : pick(Self.botLines)
            try loader.insert(.turn, [.integer(Int64(counts.turns)), .integer(session), .integer(Int64(sequence + 1)),
                                      .text(Self.stamp(at + Int64(sequence) * 20_000)), .text(person ? "person" : "bot"),
                                      .text("node\(sequence)"), .text(text)])
            if person, random.next() % 50 == 0 {
                try loader.insert(.history, [.integer(nextHistoryId), .text(Self.stamp(at + Int64(sequence) * 20_000)), .text(text)])
                nextHistoryId += 1
            }
        }
    }

    private mutating func event(_ loader: StoreLoader, _ session: Int64?, at: Int64, kind: EventKind, fields: [EventField: String]) throws {
        counts.events += 1
        let json = "{" + fields.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\"\($0.key.rawValue)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
        try loader.insert(.event, [.integer(Int64(counts.events)), session.map { .integer($0) } ?? .null, .text(Self.stamp(at)), .text(kind.rawValue), .text(json)])
    }

    /// Milliseconds since 1970 of a moment on `day` at about `hour` (UTC), a few minutes either way.
    private mutating func moment(_ day: Day, hour: Int) -> Int64 {
        Int64(day.ordinal) * 86_400_000 + Int64(hour) * 3_600_000 + Int64(random.next() % 3_600_000)
    }

    /// Urges cluster in the evening and the small hours.
    private mutating func urgeMoment(_ day: Day) -> Int64 {
        let hours = [7, 8, 12, 13, 17, 18, 19, 20, 20, 21, 21, 22, 22, 22, 23, 23, 23, 24, 24, 25]
        return moment(day, hour: hours[Int(random.next() % UInt64(hours.count))])
    }

    /// About `total / days`, with a little day-to-day variation, never more than is left.
    private static func share(_ total: Int, over days: Int, jitter random: inout SeededRandom) -> Int {
        guard days > 1 else { return total }
        let mean = Double(total) / Double(days)
        let varied = mean * (0.5 + Double(random.next() % 1000) / 1000)
        return min(total, Int(varied.rounded()))
    }

    private mutating func pick(_ choices: [String]) -> String {
        choices[Int(random.next() % UInt64(choices.count))]
    }

    /// Words drawn with a skew toward common ones, like real writing.
    private mutating func sentence(_ length: ClosedRange<Int>) -> String {
        let count = length.lowerBound + Int(random.next() % UInt64(length.count))
        var result = ""
        for index in 0..<count {
            let u = Double(random.next() % 1_000_000) / 1_000_000
            let word = words[min(words.count - 1, Int(u * u * u * Double(words.count)))]
            result += (index == 0 ? "" : " ") + word
        }
        return result
    }

    /// "YYYY-MM-DD HH:MM:SS.SSS" in UTC, as the store keeps dates.
    static func stamp(_ milliseconds: Int64) -> String {
        let day = Day(ordinal: Int(milliseconds / 86_400_000))
        let rest = Int(milliseconds % 86_400_000)
        return day.description + String(format: " %02d:%02d:%02d.%03d", rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000)
    }

    static let triggers = ["lonely", "night", "saw-post", "date", "memory", "friends", "bored", "fight", "other"]

    static let botLines = [
        "How strong is the urge right now, from 0 to 10?", "Write the whole message out. It stays here, unsent.",
        "What do you hope would happen if you sent it?", "That makes sense. Wanting closure is human.",
        "Let's wait the wave out together.", "You said you'd text a friend instead. Who could that be?",
        "How is it now, from 0 to 10?", "You did something hard just now.", "How was today, from 1 to 10?",
        "Did you have any contact today?", "Write a few lines about today, if you like.", "Thank you for checking in.",
    ]

    /// Everyday words first (the most frequent), then made-up words for the long tail of a real vocabulary.
    static func vocabulary() -> [String] {
        let common = """
            i the to and you a it my me that miss want him her them just feel so not know think of in is was be have \
            about text call closure why still love sorry again today tonight alone lonely night sleep cant dont wanted \
            remember photo saw posted friends said would could should need talk tell back over hurt angry sad tired \
            better worse day week month time message phone number blocked unblock weekend coffee walk work home song \
            car birthday holiday dog cat keys money apartment sister brother mum dad therapist run gym cooked rain \
            morning evening instagram story seen read reply answer wait urge strong weak proud okay fine breathe
            """.split(whereSeparator: \.isWhitespace).map(String.init)
        let syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "bel", "dra", "fen", "gor", "hul", "jin", "pre", "quo", "sil", "tor", "ume", "wex"]
        var rare: [String] = []
        for a in syllables { for b in syllables { for c in ["", "n", "s", "ly", "ed"] { rare.append(a + b + c) } } }
        return common + rare
    }
}

import Foundation
import Testing
@testable import UnsentCore

/// The trained readers: their file format, training, the snapshot, the words layer under them,
/// and how they do on lines nothing was trained on.
@Suite struct ReaderModelTests {
    static let normalizer = Normalizer(spellings: ["wanna": ["want", "to"], "u": ["you"]])

    /// Two classes that share no words, written here for the format and training tests only.
    static let tiny: [TextReaderTrainer.Example] = [
        "i miss you so much", "missing you tonight", "i miss us", "miss you like crazy", "i really miss him",
        "cant stop missing her", "i miss your laugh", "miss u", "missing him badly", "i miss the way we were",
    ].map { .init(label: "miss-them", text: $0) } + [
        "when can i get my stuff back", "you still have my keys", "the rent is due friday", "my stuff is at your flat",
        "can i collect my things", "need my keys back", "who pays the rent", "my things are still there",
        "collect my stuff saturday", "the keys and the rent",
    ].map { .init(label: "logistics", text: $0) }

    static func trainTiny(seed: UInt64 = 1) -> TextReaderTrainer.Result {
        var options = TextReaderTrainer.Options()
        options.seed = seed
        options.folds = 3
        options.minimumCount = 1
        return TextReaderTrainer(options: options).train(name: "reframes", classes: ["miss-them", "logistics"],
                                                         examples: tiny, normalizer: normalizer)
    }

    @Test func trainingIsReproducibleAndReadsBack() throws {
        let first = Self.trainTiny(), again = Self.trainTiny()
        #expect(first.fileText == again.fileText)
        #expect(Self.trainTiny(seed: 2).fileText != first.fileText)
        let read = try TextReaderModel.read(file: "tiny.model", text: first.fileText)
        #expect(read.classes == ["miss-them", "logistics"])
        #expect(read.featureCount == first.model.featureCount)
        for text in ["i miss her", "where are my keys"] {
            let written = first.model.probabilities(of: text, normalizer: Self.normalizer)
            let reread = read.probabilities(of: text, normalizer: Self.normalizer)
            for (a, b) in zip(written, reread) { #expect(abs(a - b) < 0.01) }
        }
    }

    @Test func aTrainedReaderGeneralisesBeyondItsLines() throws {
        let model = Self.trainTiny().model
        // Unseen lines, with a misspelling and a stretched word.
        #expect(model.ranked("i misss himmm", normalizer: Self.normalizer).first?.id == "miss-them")
        #expect(model.ranked("he still has my keyz and the rent money", normalizer: Self.normalizer).first?.id == "logistics")
    }

    @Test func decisionsActAskOrOfferNothing() {
        let model = TextReaderModel(name: "r", classes: ["a", "b", "c", "d"], act: 0.6, ask: 0.2, offer: 0.3,
                                    bias: [0, 0, 0, 0], weights: [])
        let sure = model.decide(ranked: [.init(id: "a", confidence: 0.7), .init(id: "b", confidence: 0.2)])
        #expect(sure == .sure(.init(id: "a", confidence: 0.7)))
        let unsure = model.decide(ranked: [.init(id: "a", confidence: 0.4), .init(id: "b", confidence: 0.3),
                                           .init(id: "c", confidence: 0.2), .init(id: "d", confidence: 0.1)])
        #expect(unsure.offered.map(\.id) == ["a", "b", "c"])
        let two = model.decide(ranked: [.init(id: "a", confidence: 0.5), .init(id: "b", confidence: 0.4),
                                        .init(id: "c", confidence: 0.05), .init(id: "d", confidence: 0.05)])
        #expect(two.offered.map(\.id) == ["a", "b"])
        #expect(model.decide(ranked: [.init(id: "a", confidence: 0.1)]) == .nothing)
    }

    /// A rule set's '-' lines train a class `none` (`dev train-reader --no-card`): reading it is reading no card,
    /// and it is never offered beside one.
    @Test func aNoneReadingIsNoReading() {
        let model = TextReaderModel(name: "asked", classes: ["a", "b", TextReaderModel.noCard], act: 0.6, ask: 0.2, offer: 0.3,
                                    bias: [0, 0, 0], weights: [])
        #expect(model.decide(ranked: [.init(id: "none", confidence: 0.9), .init(id: "a", confidence: 0.1)]) == .nothing)
        let unsure = model.decide(ranked: [.init(id: "a", confidence: 0.5), .init(id: "none", confidence: 0.3), .init(id: "b", confidence: 0.2)])
        #expect(unsure.offered.map(\.id) == ["a", "b"])
        #expect(model.decide(ranked: [.init(id: "b", confidence: 0.7), .init(id: "none", confidence: 0.3)]) == .sure(.init(id: "b", confidence: 0.7)))
    }

    /// Cross-validation picks the act threshold from the cards' readings only: a line read as none is left alone,
    /// which is no act, right or wrong.
    @Test func aNoneClassIsLearnedAndLeftAlone() throws {
        var options = TextReaderTrainer.Options()
        options.folds = 3
        options.minimumCount = 1
        let none = ["the weather is grey today", "i went to work and came home", "made pasta for dinner", "the bus was late again",
                    "watched a film with my sister", "cleaned the kitchen", "walked the dog in the rain", "slept badly",
                    "my boss was in a mood", "bought new shoes"].map { TextReaderTrainer.Example(label: "none", text: $0) }
        let result = TextReaderTrainer(options: options).train(name: "asked", classes: ["miss-them", "logistics", "none"],
                                                                examples: Self.tiny + none, normalizer: Self.normalizer)
        #expect(result.model.decide("cooked pasta and walked the dog", normalizer: Self.normalizer) == .nothing)
        #expect(result.model.decide("i miss him so much", normalizer: Self.normalizer).offered.first?.id == "miss-them")
    }

    @Test(arguments: [
        ("reader: r\nformat: 1\nclasses: a, b\nact: 0.5\nask: 0.2\noffer: 0.3\nbias: 0 0\nw:x\t0:1 5:2\n", 8, 9,
         "'5:2' is not a class number and a weight"),
        ("reader: r\nformat: 2\nclasses: a\nact: 0.5\nask: 0.2\noffer: 0.3\nbias: 0\n", 2, 9, "model format '2'"),
        ("reader: r\nformat: 1\nclasses: a, b\nact: 1.5\nask: 0.2\noffer: 0.3\nbias: 0 0\n", 4, 6, "'1.5' is not a number from 0 to 1"),
        ("w:x\t0:1\n", 1, 1, "a feature line before the 'classes:' line"),
        ("reader: r\nformat: 1\nclasses: a, b\nact: 0.5\nask: 0.2\noffer: 0.3\nbias: 0\n", 7, 7, "1 bias numbers for 2 classes"),
    ])
    func brokenModelFilesNameTheLineAndColumn(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try TextReaderModel.read(file: "x.model", text: text)
            Issue.record("read a broken model file")
        } catch {
            let diagnostic = error.diagnostics[0]
            #expect(diagnostic.location == SourceLocation(file: "x.model", line: line, column: column))
            #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        }
    }

    @Test func theBundledReadersSurviveTheSnapshot() throws {
        let content = try Repository.loadContent()
        let reframes = try #require(content.readers["reframes"])
        let replies = try #require(content.readers["replies"])
        #expect(Set(reframes.classes) == Set(try #require(content.ruleSets["reframes"]).rules.map(\.id)))
        // The reader knows every card of the ex's messages but `pet`, which only its rule chooses (a vet or the dog
        // is a practical matter, drive-36; the reader offers its own reading beside it): a card added without
        // retraining the reader fails here until it is named.
        let replyCards = Set(try #require(content.ruleSets["replies"]).rules.map(\.id))
        #expect(Set(replies.classes).isSubset(of: replyCards))
        #expect(replyCards.subtracting(replies.classes) == ["pet"])
        // The questions put back to us: every card with lines, and none; reach-them is its rule's alone.
        let asked = try #require(content.readers["asked"])
        let askedCards = Set(try #require(content.ruleSets["asked"]).rules.map(\.id))
        #expect(Set(asked.classes) == askedCards.subtracting(["reach-them"]).union([TextReaderModel.noCard]))
        let bytes = try ContentSnapshot.make(content, key: "k")
        let read = try #require(ContentSnapshot.read(bytes, key: "k", resources: content.resources))
        let text = "i just want to know why she left without a word"
        #expect(read.readers["reframes"]?.ranked(text, normalizer: read.normalizer) == reframes.ranked(text, normalizer: content.normalizer))
    }

    @Test func theWordsLayerReadsHowPeopleType() {
        let normalizer = Normalizer()
        #expect(normalizer.tokens("sooo sorryyy pleeease").map(\.normalized) == ["so", "sorry", "please"])
        #expect(normalizer.tokens("miss you 😭😭 ❤️").map(\.normalized) == ["miss", "you", "😭", "😭", "❤"])
        #expect(normalizer.tokens("👍🏽 ok").map(\.normalized) == ["👍", "ok"])
        #expect(normalizer.tokens("I’m   DONE!!! 100").map(\.normalized) == ["im", "done", "100"])
        #expect(normalizer.tokens("bookkeeper").map(\.normalized) == ["bookkeeper"])
    }

    @Test func saidBackTurnsTheWordsAround() throws {
        let content = try Repository.loadContent()
        let said = SaidBack.phrase("ugh. i just need to know why you left me", normalizer: content.normalizer, reflector: content.reflector)
        #expect(said == "you just need to know why they left you")
    }
}

/// The bundled readers on lines nothing was trained or tuned on: blind batch 4, written by a
/// helper who never saw the rules or the training lines, in voices no earlier batch used, and
/// measured only after the way rules and readers share the work was settled on the earlier
/// batches (blind 1–3 and the real people's half B were looked at while choosing it, so no
/// figure is asserted on them here). Lines that an independent writer happened to write word for
/// word in a training file too ("u up?", "k") are left out. The floors sit a few points under
/// what the readers of this change measured on it (reframes 91.5%, replies 91.4% top-1), so
/// they catch a reader that got worse, not noise.
@Suite struct ReaderBlindTests {
    static func examples(_ fixture: String) throws -> [(label: String, text: String)] {
        TextReaderTrainer.Example.read(file: fixture, text: try Repository.fixture(fixture)).examples.map { ($0.label, $0.text) }
    }

    /// Every text the reader of a rule set was trained on.
    /// (The asked reader learns the reframe lines too, as lines no card answers; Scripts/train leaves out any that
    /// an asked batch measures with.)
    static func trained(_ rules: String) throws -> Set<String> {
        var texts = rules == "asked" ? [] : Set(try examples("\(rules)/labelled.tsv").map(\.text))
        let folder = Repository.testsFolder.appendingPathComponent("Fixtures/\(rules)/train")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".tsv") {
            texts.formUnion(try examples("\(rules)/train/\(name)").map(\.text))
        }
        return texts
    }

    static func figures(_ fixture: String, rules: String) throws -> (top1: Double, offered: Double, count: Int) {
        let content = try Repository.loadContent()
        let trained = try trained(rules)
        let examples = try examples(fixture).filter { !trained.contains($0.text) }
        var top1 = 0, offered = 0
        for example in examples {
            let ids = content.read(example.text, in: rules).decision.offered.map(\.id)
            if ids.first == example.label { top1 += 1 }
            if ids.contains(example.label) { offered += 1 }
        }
        let count = Double(max(1, examples.count))
        print("\(fixture): top-1 \(Double(top1) / count), offered \(Double(offered) / count), \(examples.count) unseen lines")
        return (Double(top1) / count, Double(offered) / count, examples.count)
    }

    @Test(arguments: [("reframes/blind/blind-4.tsv", "reframes", 0.86), ("replies/blind/blind-4.tsv", "replies", 0.85),
                      ("reframes/blind/blind-5.tsv", "reframes", 0.84), ("replies/blind/blind-5.tsv", "replies", 0.87),
                      // Blind batch 6 (stop 17), measured once before anything was trained or tuned on it:
                      // reframes 87.5% top-1 / 93.8% offered, replies 88.0% / 93.3%.
                      ("reframes/blind/blind-6.tsv", "reframes", 0.85), ("replies/blind/blind-6.tsv", "replies", 0.85),
                      // Blind batch 7 (stop 17), first: reframes 91.5% / 94.0%, replies 94.2% / 95.8%.
                      ("reframes/blind/blind-7.tsv", "reframes", 0.88), ("replies/blind/blind-7.tsv", "replies", 0.90),
                      // Blind batch 8 (stop 18; 17 voices none of the earlier batches had), first: reframes 75.5% /
                      // 83.5%, replies 85.0% / 89.2%. Nothing is trained or tuned on it.
                      ("reframes/blind/blind-8.tsv", "reframes", 0.72), ("replies/blind/blind-8.tsv", "replies", 0.82)])
    func readersHoldOnLinesNothingWasTrainedOn(fixture: String, rules: String, floor: Double) throws {
        let (top1, offered, count) = try Self.figures(fixture, rules: rules)
        #expect(count >= 90)
        #expect(top1 >= floor)
        #expect(offered >= top1)
    }

    /// The reader of questions put back to us (asked.rules), on batches nothing was trained on. An act is a card's
    /// answer given; '-' lines are questions no card should answer. First measured, before the figures were
    /// written here (stop 35): blind-3 (a helper with her own persona, 140 lines) 59 of 90 answered right, 2 wrong
    /// answers (recall 65.6%, precision 96.7%); real-1 (109 real people's lines from public pages) 8 of 44, no wrong
    /// answer. And it stays quiet on thoughts under an urge (the reframe blind batches, 1,816 lines, written for
    /// another reader): 21 answered, 1.2%, the rules' own among them.
    @Test(arguments: [("asked/blind/blind-3.tsv", 0.62, 0.88), ("asked/real/real-1.tsv", 0.15, 0.85)])
    func theAskedReaderAnswersQuestionsNobodyHereWrote(fixture: String, recallFloor: Double, precisionFloor: Double) throws {
        let content = try Repository.loadContent()
        let examples = try Self.examples(fixture)
        var right = 0, wrong = 0
        for example in examples {
            guard let card = content.read(example.text, in: "asked").match?.ruleID else { continue }
            if card == example.label { right += 1 } else { wrong += 1 }
        }
        let cards = examples.filter { $0.label != "-" }.count
        print("\(fixture): \(right) of \(cards) answered right, \(wrong) wrong answers")
        #expect(cards >= 40)
        #expect(Double(right) / Double(cards) >= recallFloor)
        #expect(Double(right) / Double(max(1, right + wrong)) >= precisionFloor)
    }

    @Test func theAskedReaderStaysQuietOnThoughtsUnderAnUrge() throws {
        let content = try Repository.loadContent()
        let trained = try Self.trained("asked").union(Self.trained("reframes"))
        var lines = 0, answered = 0
        for batch in 1...8 {
            for example in try Self.examples("reframes/blind/blind-\(batch).tsv") where !trained.contains(example.text) {
                lines += 1
                if content.read(example.text, in: "asked").match != nil { answered += 1 }
            }
        }
        #expect(lines >= 1_500)
        #expect(Double(answered) / Double(lines) <= 0.025, "\(answered) of \(lines)")
    }

    /// No measured line of four words or more is in a training file (shorter ones, like "hey",
    /// are bound to be written by more than one writer, and the figures above leave them out).
    /// Blind batch 3 of the ex's messages is left out here: its writer happened to write 17
    /// common messages ("happy new year x") word for word as earlier writers did; its figures
    /// in the closing note leave those lines out.
    @Test(arguments: ["reframes", "replies", "asked"])
    func noMeasurementLineIsTrainedOn(rules: String) throws {
        let trained = try Self.trained(rules)
        let batches = switch rules {
        case "asked": ["blind/blind-2", "blind/blind-3", "real/real-1"]
        case "replies": ["blind/blind-2", "blind/blind-4", "blind/blind-5", "blind/blind-6", "real/real-b", "real/real-j"]
        default: ["blind/blind-2", "blind/blind-3", "real/real-f", "blind/blind-4", "blind/blind-5", "blind/blind-6", "real/real-b", "real/real-j"]
        }
        for batch in batches {
            let fixture = "\(rules)/\(batch).tsv"
            let leaked = try Self.examples(fixture).map(\.text).filter { trained.contains($0) && $0.split(separator: " ").count >= 4 }
            #expect(leaked.isEmpty, "\(fixture) lines in training: \(leaked.prefix(3))")
        }
    }
}

/// A card chosen by a reader, or picked by the person, has no captured words.
@Suite struct ChosenCardTests {
    @Test func linesThatWouldShowMissingWordsAreLeftOut() throws {
        let template = try TemplateParser.parse("You miss {2}.", at: SourceLocation(file: "t", line: 1, column: 1))
        let plain = try TemplateParser.parse("Of course you miss them.", at: SourceLocation(file: "t", line: 1, column: 1))
        let words = [Token(normalized: "i", original: "i")], them = [Token(normalized: "you", original: "you")]
        #expect(Engine.needsMissingCapture(template, []))
        #expect(Engine.needsMissingCapture(template, [words, []]))
        #expect(!Engine.needsMissingCapture(template, [words, them]))
        #expect(!Engine.needsMissingCapture(plain, []))
    }
}

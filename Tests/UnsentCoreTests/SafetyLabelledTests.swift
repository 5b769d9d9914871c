import Foundation
import Testing
@testable import UnsentCore

/// The crisis check against the labelled sets in `Fixtures/safety`.
@Suite struct SafetyLabelledTests {
    @Test func bundledRulesLoad() throws {
        let rules = try SafetySupport.rules()
        #expect(rules.ruleCount > 20)
    }

    @Test func labelledSetHasFullRecallAndFewFalseAlarms() throws {
        let rules = try SafetySupport.rules()
        let scores = SafetySupport.score(try SafetySupport.examples("labelled.tsv"), with: rules)
        print("labelled.tsv: \(scores)")
        for miss in scores.misses { print("  \(miss)") }
        #expect(scores.crisisTotal > 200)
        #expect(scores.recall == 1.0, "every crisis line must be found")
        #expect(scores.falseAlarmRate <= 0.02)
        #expect(scores.ambiguousMissed == 0, "ambiguous lines must never come out as nothing")
    }

    @Test func extraLinesAreAllFound() throws {
        let rules = try SafetySupport.rules()
        let scores = SafetySupport.score(try SafetySupport.examples("extra.tsv"), with: rules)
        print("extra.tsv: \(scores)")
        for miss in scores.misses { print("  \(miss)") }
        #expect(scores.recall >= 0.95)
        #expect(scores.falseAlarms == 0)
    }

    @Test func heldOutSetIsASanityCheck() throws {
        let rules = try SafetySupport.rules()
        let scores = SafetySupport.score(try SafetySupport.examples("heldout.tsv"), with: rules)
        print("heldout.tsv: \(scores)")
        if ProcessInfo.processInfo.environment["SAFETY_SHOW_HELDOUT"] != nil {
            for miss in scores.misses { print("  \(miss)") }
        }
        // Loose: a sanity check on sentences the rules were not written from.
        #expect(scores.recall >= 0.7)
    }

    @Test func rulesPassTheirOwnSamples() throws {
        let rules = try SafetySupport.rules()
        let problems = rules.lint().filter { $0.severity == .error }
        for problem in problems { print(problem) }
        #expect(problems.isEmpty)
    }
}

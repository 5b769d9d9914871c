import Foundation
import Testing
import UnsentContent
@testable import UnsentCore

/// The linter: problems that load fine but a writer wants to hear about, rendered in full.
struct LinterTests {
    static func lint(_ source: String) throws -> [String] {
        Linter.check(try TestScript.load(source)).map(\.description)
    }

    @Test func anUnreachableNodeIsAWarning() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as yesno: Go on?",
            "    if x: goto fine",
            "    goto fine",
            "  node fine",
            "    say: fine",
            "    end",
            "  node orphan",
            "    say: nobody comes here",
            "    end"))
        #expect(problems == ["""
            test.unsent:9:8: warning: the node 'main.orphan' is never reached
              node orphan
                   ^
            note: no goto or call leads here
            """])
    }

    @Test func aNodeReachedOnlyFromARuleIsReached() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as text: Say?",
            "    match x with talk",
            "    end",
            "  node special",
            "    say: special",
            "    end",
            "rules talk",
            "  rule hi",
            "    when: hi",
            "    goto main.special",
            "  fallback",
            "    say: hm"))
        #expect(problems == [])
    }

    @Test func aNodeThatCanRunOffItsEndIsADeadEnd() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    say: hello",
            "    say: and then nothing"))
        #expect(problems == ["""
            test.unsent:4:5: error: the node 'main.start' is a dead end: it can run off its end
                say: and then nothing
                ^
            note: finish it with 'goto NODE', 'end' or 'return'
            """])
    }

    @Test func aBranchThatFallsThroughIsADeadEnd() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as yesno: Stop?",
            "    if x: end"))
        #expect(problems == ["""
            test.unsent:4:5: error: the node 'main.start' is a dead end: it can run off its end
                if x: end
                ^
            note: finish it with 'goto NODE', 'end' or 'return'
            """])
    }

    @Test func everyBranchEndingIsNotADeadEnd() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as yesno: Stop?",
            "      else: end",
            "    if x:",
            "      end",
            "    else:",
            "      goto start"))
        #expect(problems == [])
    }

    @Test func anEmptyNodeIsAnError() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    goto empty",
            "  node empty"))
        #expect(problems == ["""
            test.unsent:4:8: error: the node 'main.empty' is empty
              node empty
                   ^
            note: give it something to say or do, or remove it
            """])
    }

    @Test func aNodeLoopingToItselfWithoutAskingIsAnError() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node spin",
            "    set n = 1",
            "    goto spin"))
        #expect(problems == ["""
            test.unsent:2:8: error: the node 'main.spin' jumps to itself without asking anything: it would loop forever
              node spin
                   ^
            """])
    }

    @Test func aNodeLoopingToItselfAfterAskingIsFine() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node spin",
            "    ask x as text: Again?",
            "    goto spin"))
        #expect(problems == [])
    }

    @Test func aRuleWithTheSamePatternAsAnEarlierOneIsShadowed() throws {
        let problems = try Self.lint(TestScript.lines(
            "rules talk",
            "  rule a",
            "    when: * miss *",
            "    say: a",
            "  rule b",
            "    when: * [long for|ache for] *",
            "    when: * miss *",
            "    say: b",
            "  fallback",
            "    say: hm"))
        #expect(problems == ["""
            test.unsent:7:11: warning: this pattern of 'b' is shadowed by the same pattern in 'a', which is tried first
                when: * miss *
                      ^
            """])
    }

    @Test func aHigherRankedLaterRuleShadowsAnEarlierOne() throws {
        let problems = try Self.lint(TestScript.lines(
            "rules talk",
            "  rule a",
            "    when: * miss *",
            "    say: a",
            "  rule b",
            "    rank: 1",
            "    when: * miss *",
            "    say: b",
            "  fallback",
            "    say: hm"))
        #expect(problems == ["""
            test.unsent:3:11: warning: this pattern of 'a' is shadowed by the same pattern in 'b', which is tried first
                when: * miss *
                      ^
            """])
    }

    @Test func aRuleWhoseSamplesAreAllTakenIsAnError() throws {
        let problems = try Self.lint(TestScript.lines(
            "rules talk",
            "  rule general",
            "    rank: 2",
            "    when: * miss *",
            "    sample: I miss him",
            "    say: a",
            "  rule specific",
            "    when: * miss him *",
            "    sample: I miss him so much",
            "    sample: i miss him",
            "    say: b",
            "  fallback",
            "    say: hm"))
        #expect(problems == [
            """
            test.unsent:7:8: error: the rule 'specific' is shadowed: every sample is taken by an earlier rule (general)
              rule specific
                   ^
            """,
            """
            test.unsent:9:13: warning: this sample of 'specific' is taken by the rule 'general', which is tried first
                sample: I miss him so much
                        ^
            note: raise the rank of 'specific' or narrow 'general'
            """,
            """
            test.unsent:10:13: warning: this sample of 'specific' is taken by the rule 'general', which is tried first
                sample: i miss him
                        ^
            note: raise the rank of 'specific' or narrow 'general'
            """,
        ])
    }

    @Test func aRuleWithOneSampleOfItsOwnIsOnlyWarned() throws {
        let problems = try Self.lint(TestScript.lines(
            "rules talk",
            "  rule general",
            "    rank: 2",
            "    when: * miss *",
            "    say: a",
            "  rule specific",
            "    when: * him *",
            "    sample: I miss him",
            "    sample: I love him",
            "    say: b",
            "  fallback",
            "    say: hm"))
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("test.unsent:8:13: warning: this sample of 'specific' is taken by the rule 'general'") == true)
    }

    @Test func aSampleThatDoesNotMatchItsRuleIsAnError() throws {
        let problems = try Self.lint(TestScript.lines(
            "rules talk",
            "  rule hello",
            "    when: hello *",
            "    sample: hello there",
            "    sample: goodbye",
            "    say: hi",
            "  fallback",
            "    say: hm"))
        #expect(problems == ["""
            test.unsent:5:13: error: this sample does not match any 'when:' of the rule 'hello'
                sample: goodbye
                        ^
            """])
    }

    @Test func aContextRuleSampleIsCheckedInItsContext() throws {
        let problems = try Self.lint(TestScript.lines(
            "flow main",
            "  node start",
            "    ask x as text: Say?",
            "    match x with talk",
            "    end",
            "rules talk",
            "  rule general",
            "    rank: 1",
            "    when: * tired *",
            "    sample: so tired",
            "    say: a",
            "  rule here",
            "    rank: 5",
            "    after: main.start",
            "    when: * tired *",
            "    sample: so tired",
            "    say: b",
            "  fallback",
            "    say: hm"))
        #expect(problems == [])
    }

    @Test func problemsComeInFileOrder() throws {
        let content = try TestScript.load(TestScript.lines(
            "flow main",
            "  node start",
            "    goto b",
            "  node a",
            "    say: unreachable and a dead end",
            "  node b",
            "    say: b",
            "  node c"))
        let problems = Linter.check(content)
        #expect(problems.map { "\($0.location.line) \($0.severity)" } == ["4 warning", "5 error", "7 error", "8 error"])
    }

    // MARK: The bundled content

    @Test func theBundledContentLoadsAndLintsWithoutErrors() throws {
        let scripts = try Repository.scriptFiles()
        #expect(scripts.contains { $0.path == "Content/flows/urge.flow" })
        #expect(scripts.allSatisfy { $0.path.hasPrefix("Content/") })
        #expect(!scripts.contains { $0.path.hasSuffix(".transcript") || $0.path.hasSuffix(".md") })
        let content: Content
        do {
            content = try Repository.loadContent()
        } catch {
            Issue.record("the bundled content does not load:\n\(error)")
            return
        }
        let errors = Linter.check(content).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        #expect(Set(content.files).isSuperset(of: scripts.map(\.path)))
        for flow in ContentLinker.safetyFlows { #expect(content.flows[flow] != nil, "no '\(flow)' flow") }
        #expect(content.flows["home"] != nil)
    }

    @Test func theBundledContentSurvivesRandomWalks() throws {
        let report = Explorer(engine: Engine(content: try Repository.loadContent())).explore(walks: 25, maximumSteps: 60, seed: 7)
        #expect(report.walks > 0)
        #expect(report.findings.map(\.description) == [])
        #expect(report.endings["loop"] == nil)
    }

    @Test func theBundledContentMatchesTheEmbeddedCopy() throws {
        // The embedded copy is what the binary runs; the tests read the folder. They must agree
        // on which scripts there are (a new file needs `touch Package.swift` to be embedded).
        let onDisk = try Repository.scriptFiles().map(\.path)
        let embedded = BundledContent.files.map { "Content/" + $0.path }.filter(ContentLoader.isScript)
        #expect(embedded == onDisk)
    }
}

/// A question for the person's region offers exactly the regions with help lines, and "other".
struct RegionLintTests {
    static func lint(_ options: [String]) throws -> [String] {
        let resources = try Repository.read("Content/safety/resources")
        let flow = ["flow main", "  node start", "    ask region as choice: Where are you?"] + options.map { "      - \($0)" }
            + ["    end"]
        let content = try TestScript.load(flow.joined(separator: "\n") + "\n", more: [("safety/resources", resources)])
        return Linter.check(content).filter { $0.severity == .error }.map(\.message)
    }

    static let bundled = ["us: United States", "uk: United Kingdom", "ca: Canada", "au: Australia", "ie: Ireland",
                          "nz: New Zealand", "other: Somewhere else"]

    @Test func everyRegionWithHelpLinesAndOtherIsFine() throws {
        #expect(try Self.lint(Self.bundled) == [])
    }

    @Test func aMisspelledRegionAndTheOneItHidesAreBothNamed() throws {
        let options = Self.bundled.map { $0.hasPrefix("nz") ? "nx: New Zealand" : $0 }
        #expect(try Self.lint(options) == [
            "the region 'nx' has no help lines in safety/resources",
            "this question does not offer the region 'nz', which has help lines",
        ])
    }

    @Test func withoutOtherSomeoneElsewhereHasNoAnswer() throws {
        #expect(try Self.lint(Self.bundled.filter { !$0.hasPrefix("other") }) == ["this question has no 'other' option for everywhere else"])
    }
}

/// The event kinds the code reads back (`EventKind`) are declared by content that declares events,
/// with every field the code reads: a renamed event or field fails the lint, not the stats page.
struct EventLintTests {
    /// A declaration line for each kind the flows record, with the fields the code reads,
    /// changed by `edit` (nil leaves a kind out).
    static func declarations(_ edit: (EventKind, [String]) -> (name: String, fields: [String])? = { ($0.rawValue, $1) }) -> [String] {
        EventKind.allCases.filter(\.isRecordedByFlows).compactMap { kind in
            edit(kind, kind.fieldsRead.map(\.rawValue)).map { "event \($0.name)" + ($0.fields.isEmpty ? "" : ": " + $0.fields.joined(separator: ", ")) }
        }
    }

    static func errors(_ declarations: [String]) throws -> [String] {
        let source = (declarations + ["flow main", "  node start", "    say: hello", "    end"]).joined(separator: "\n") + "\n"
        return Linter.check(try TestScript.load(source)).filter { $0.severity == .error }.map(\.description)
    }

    @Test func everyKindDeclaredWithItsFieldsIsFine() throws {
        #expect(try Self.errors(Self.declarations()) == [])
    }

    @Test func contentWithoutEventsIsNotHeldToThem() throws {
        #expect(try Self.errors([]) == [])
    }

    @Test func aRenamedEventIsNamedWithTheDeclarationItMayBe() throws {
        let errors = try Self.errors(Self.declarations { kind, fields in kind == .reflection ? ("reflections", fields) : (kind.rawValue, fields) })
        #expect(errors.count == 1)
        #expect(errors.first?.contains("error: the event 'reflection' is not declared, and unsent reads it back") == true)
        #expect(errors.first?.contains("'reflections' is declared: if it is this event, name it 'reflection'") == true)
    }

    @Test func aMissingEventSaysHowToDeclareIt() throws {
        let errors = try Self.errors(Self.declarations { kind, fields in kind == .urgeEnded ? nil : (kind.rawValue, fields) })
        #expect(errors.count == 1)
        #expect(errors.first?.contains("declare it in the flow that records it: 'event urge-ended: before, after, trigger, outcome, practical'") == true)
    }

    @Test func aMissingFieldIsNamedAtItsDeclaration() throws {
        let errors = try Self.errors(Self.declarations { kind, fields in (kind.rawValue, kind == .reflection ? fields.filter { $0 != "entry" } : fields) })
        #expect(errors.count == 1)
        let line = Self.declarations().firstIndex { $0.hasPrefix("event reflection:") }.map { $0 + 1 }
        #expect(errors.first?.hasPrefix("\(TestScript.file):\(line ?? 0):") == true)
        #expect(errors.first?.contains("the event 'reflection' does not declare the field 'entry', which unsent reads back") == true)
        #expect(errors.first?.contains("add it: 'event reflection: day, mood, strongest, contact, prompt, entry'") == true)
    }
}

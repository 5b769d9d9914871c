import Foundation
import Testing
@testable import UnsentCore

/// Content that must not load, with the full error a writer sees: place, message, the source
/// line, a caret under the column, and the note.
struct ParserErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a tab in the indentation", source: TestScript.lines(
            "flow main",
            "  node start",
            "  \tsay: hi",
            "    end"),
             expected: """
            test.unsent:3:3: error: indentation uses a tab; use spaces
               say: hi
              ^
            """),
        Case(name: "a tab as the whole indentation", source: "flow main\n\tnode start\n",
             expected: """
            test.unsent:2:1: error: indentation uses a tab; use spaces
             node start
            ^
            """),
        Case(name: "a dedent to a level never opened", source: TestScript.lines(
            "flow main",
            "    node start",
            "      say: hi",
            "  node other",
            "      end"),
             expected: """
            test.unsent:4:3: error: this line's indentation (2 spaces) matches no enclosing block
              node other
              ^
            note: indent it like the line it belongs with
            """),
        Case(name: "an unknown top-level block, misspelt", source: TestScript.lines(
            "flwo main",
            "  node start",
            "    end"),
             expected: """
            test.unsent:1:1: error: unknown block 'flwo'
            flwo main
            ^
            note: did you mean 'flow'?
            """),
        Case(name: "an unknown top-level block, nothing close", source: TestScript.lines(
            "banana split"),
             expected: """
            test.unsent:1:1: error: unknown block 'banana'
            banana split
            ^
            note: a file holds: include, concept, spellings, reflections, var, event, texts, flow, rules
            """),
        Case(name: "an unknown statement", source: TestScript.lines(
            "flow main",
            "  node start",
            "    sya: hello",
            "    end"),
             expected: """
            test.unsent:3:5: error: unknown statement 'sya'
                sya: hello
                ^
            note: did you mean 'say'?
            """),
        Case(name: "an unknown answer kind", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask mood as slider: How are you?",
            "    end"),
             expected: """
            test.unsent:3:17: error: unknown answer kind 'slider'
                ask mood as slider: How are you?
                            ^
            note: kinds: choice, scale, yesno, text, lines, date, duration, number
            """),
        Case(name: "a misspelt answer kind", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask pick as choise: Which one?",
            "      - a: Apples",
            "      - b: Bananas",
            "    end"),
             expected: """
            test.unsent:3:17: error: unknown answer kind 'choise'
                ask pick as choise: Which one?
                            ^
            note: did you mean 'choice'?
            """),
        Case(name: "a choice with one option", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask pick as choice: Which one?",
            "      - a: Apples",
            "    end"),
             expected: """
            test.unsent:3:5: error: a choice question needs at least two '- key: label' options
                ask pick as choice: Which one?
                ^
            """),
        Case(name: "an option under a question that is not a choice", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask mood as scale: How are you?",
            "      - a: Fine",
            "    end"),
             expected: """
            test.unsent:4:7: error: only 'choice' and 'yesno' questions have '- ' options
                  - a: Fine
                  ^
            """),
        Case(name: "retries out of range", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask mood as scale: How are you?",
            "      retries: 12",
            "    end"),
             expected: """
            test.unsent:4:16: error: retries must be a whole number from 0 to 9
                  retries: 12
                           ^
            """),
        Case(name: "an unknown question field", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask mood as scale: How are you?",
            "      hnt: a number",
            "    end"),
             expected: """
            test.unsent:4:7: error: unknown question field 'hnt'
                  hnt: a number
                  ^
            note: did you mean 'hint'?
            """),
        Case(name: "an unclosed brace in say", source: TestScript.lines(
            "flow main",
            "  node start",
            "    say: Hello {name",
            "    end"),
             expected: """
            test.unsent:3:16: error: this '{' is never closed
                say: Hello {name
                           ^
            note: write '{{' for a brace
            """),
        Case(name: "a closing brace without its opening one", source: TestScript.lines(
            "flow main",
            "  node start",
            "    say: Hello name}",
            "    end"),
             expected: """
            test.unsent:3:20: error: a '}' without its '{'
                say: Hello name}
                               ^
            note: write '}}' for a brace
            """),
        Case(name: "an unknown variation", source: TestScript.lines(
            "flow main",
            "  node start",
            "    say shufle:",
            "      - one",
            "      - two",
            "    end"),
             expected: """
            test.unsent:3:9: error: unknown variation 'shufle'
                say shufle:
                    ^
            note: did you mean 'shuffle'?
            """),
        Case(name: "a variation line without its dash", source: TestScript.lines(
            "flow main",
            "  node start",
            "    say cycle:",
            "      - one",
            "      two",
            "    end"),
             expected: """
            test.unsent:5:7: error: each line of a variation starts with '- '
                  two
                  ^
            """),
        Case(name: "an unclosed bracket in a pattern", source: TestScript.lines(
            "rules talk",
            "  rule family",
            "    when: * [mother|father *",
            "    say: ok",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:3:13: error: this '[' is never closed
                when: * [mother|father *
                        ^
            """),
        Case(name: "an empty alternative in a pattern", source: TestScript.lines(
            "rules talk",
            "  rule family",
            "    when: * [mother||father] *",
            "    say: ok",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:3:13: error: an alternative inside '[...]' is empty
                when: * [mother||father] *
                        ^
            """),
        Case(name: "two wildcards in a row", source: TestScript.lines(
            "rules talk",
            "  rule hello",
            "    when: * * hello",
            "    say: hi",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:3:13: error: two wildcards in a row match the same words
                when: * * hello
                        ^
            note: keep one '*'
            """),
        Case(name: "a rule without a pattern", source: TestScript.lines(
            "rules talk",
            "  rule hello",
            "    say: hi",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:2:8: error: the rule 'hello' has no 'when:' pattern
              rule hello
                   ^
            note: add a 'when:' line, or 'read by: reader' for a card only the set's trained reader chooses
            """),
        Case(name: "an end date counted at a question that takes no days", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask mood as scale: How are you?",
            "      counted from: today",
            "    end"),
             expected: """
            test.unsent:4:7: error: 'counted from:' reads an end date as a number of days; this question takes scale
                  counted from: today
                  ^
            """),
        Case(name: "a rule that reads something other than the whole text", source: TestScript.lines(
            "rules talk",
            "  rule hello",
            "    reads: sentences",
            "    when: hello",
            "    say: hi",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:3:12: error: 'reads:' takes 'whole text'
                reads: sentences
                       ^
            """),
        Case(name: "an unknown goto target", source: TestScript.lines(
            "flow main",
            "  node start",
            "    say: hi",
            "    goto finsh",
            "  node finish",
            "    end"),
             expected: """
            test.unsent:4:10: error: unknown node or flow 'finsh'
                goto finsh
                     ^
            note: did you mean 'finish'?
            """),
        Case(name: "an unknown call target", source: TestScript.lines(
            "flow main",
            "  node start",
            "    call breathe",
            "    end"),
             expected: """
            test.unsent:3:10: error: unknown node or flow 'breathe'
                call breathe
                     ^
            """),
        Case(name: "an unknown variable in a condition", source: TestScript.lines(
            "var mood = 5",
            "flow main",
            "  node start",
            "    if moood > 3: say: high",
            "    end"),
             expected: """
            test.unsent:4:8: error: unknown variable 'moood'
                if moood > 3: say: high
                   ^
            note: did you mean 'mood'?
            """),
        Case(name: "an unknown variable in a set", source: TestScript.lines(
            "flow main",
            "  node start",
            "    set total = count + 1",
            "    end"),
             expected: """
            test.unsent:3:17: error: unknown variable 'count'
                set total = count + 1
                            ^
            note: declare it with 'var count = VALUE', or set it with 'ask' or 'set'
            """),
        Case(name: "an unknown event", source: TestScript.lines(
            "event urge: level",
            "flow main",
            "  node start",
            "    record urg level = 3",
            "    end"),
             expected: """
            test.unsent:4:12: error: unknown event 'urg'
                record urg level = 3
                       ^
            note: did you mean 'urge'?
            """),
        Case(name: "an unknown event field", source: TestScript.lines(
            "event urge: level, mood",
            "flow main",
            "  node start",
            "    record urge levle = 3",
            "    end"),
             expected: """
            test.unsent:4:17: error: the event 'urge' has no field 'levle'
                record urge levle = 3
                            ^
            note: did you mean 'level'?
            """),
        Case(name: "a duplicate node", source: TestScript.lines(
            "flow main",
            "  node start",
            "    end",
            "  node start",
            "    end"),
             expected: """
            test.unsent:4:8: error: the node 'start' is defined twice in flow 'main'
              node start
                   ^
            note: the first is at test.unsent:2:8
            """),
        Case(name: "a duplicate flow", source: TestScript.lines(
            "flow main",
            "  node start",
            "    end",
            "flow main",
            "  node again",
            "    end"),
             expected: """
            test.unsent:4:6: error: the flow 'main' is defined twice
            flow main
                 ^
            note: the first is at test.unsent:1:6
            """),
        Case(name: "a duplicate rule", source: TestScript.lines(
            "rules talk",
            "  rule hi",
            "    when: hello",
            "    say: hi",
            "  rule hi",
            "    when: hey",
            "    say: hey",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:5:8: error: the rule 'hi' is defined twice in 'talk'
              rule hi
                   ^
            note: the first is at test.unsent:2:8
            """),
        Case(name: "a rule set without a fallback", source: TestScript.lines(
            "rules talk",
            "  rule hi",
            "    when: hello",
            "    say: hi"),
             expected: """
            test.unsent:1:7: error: the rule set 'talk' has no fallback
            rules talk
                  ^
            note: add a 'fallback' block: it answers when no rule matches
            """),
        Case(name: "a capture beyond the wildcards", source: TestScript.lines(
            "rules talk",
            "  rule feel",
            "    when: i feel *",
            "    say: You feel {2}.",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:3:11: error: the rule 'feel' uses {2} but this pattern has 1 wildcard(s)
                when: i feel *
                      ^
            """),
        Case(name: "a text defined twice", source: TestScript.lines(
            "texts",
            "  help: Ask me anything."),
             expected: """
            test.unsent:2:3: error: the text 'help' is defined twice
              help: Ask me anything.
              ^
            note: the first is at prelude.texts:2:3
            """),
        Case(name: "else without if", source: TestScript.lines(
            "flow main",
            "  node start",
            "    else: end"),
             expected: """
            test.unsent:3:5: error: 'else' must follow an 'if' block at the same indentation
                else: end
                ^
            """),
        Case(name: "a concept that includes itself", source: TestScript.lines(
            "concept a: x, ~b",
            "concept b: y, ~a"),
             expected: """
            test.unsent:1:9: error: the concept 'a' includes itself through a → b
            concept a: x, ~b
                    ^
            """),
        Case(name: "an unknown concept in a pattern", source: TestScript.lines(
            "concept ex: him, her",
            "rules talk",
            "  rule miss",
            "    when: * i miss ~exx *",
            "    say: ok",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:4:20: error: unknown concept '~exx'
                when: * i miss ~exx *
                               ^
            note: did you mean 'ex'?
            """),
        Case(name: "an include of a missing file", source: TestScript.lines(
            "include extra/more.flow"),
             expected: """
            test.unsent:1:9: error: cannot read the included file 'extra/more.flow'
            include extra/more.flow
                    ^
            note: include paths are relative to the file that includes them
            """),
        Case(name: "an 'after:' naming no node", source: TestScript.lines(
            "flow main",
            "  node start",
            "    end",
            "rules talk",
            "  rule hi",
            "    when: hello",
            "    after: main.strat",
            "    say: hi",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:7:12: error: 'after: main.strat' names no node
                after: main.strat
                       ^
            note: did you mean 'main.start'?
            """),
        Case(name: "a match with an unknown rule set", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask line as text: Tell me.",
            "    match line with talks",
            "    end",
            "rules talk",
            "  rule hi",
            "    when: hello",
            "    say: hi",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:4:21: error: unknown rule set 'talks'
                match line with talks
                                ^
            note: did you mean 'talk'?
            """),
        Case(name: "a string without its closing quote", source: TestScript.lines(
            "flow main",
            "  node start",
            "    set feeling = \"low",
            "    end"),
             expected: """
            test.unsent:3:19: error: this string has no closing quote
                set feeling = "low
                              ^
            """),
        Case(name: "a flow holding something other than nodes", source: TestScript.lines(
            "flow main",
            "  nod start",
            "    end"),
             expected: """
            test.unsent:2:3: error: a flow holds 'title:' and 'node NAME' blocks, not 'nod'
              nod start
              ^
            note: did you mean 'node'?
            """),
        Case(name: "a duplicate concept", source: TestScript.lines(
            "concept ex: him",
            "concept ex: her"),
             expected: """
            test.unsent:2:9: error: the concept 'ex' is defined twice
            concept ex: her
                    ^
            note: the first is at test.unsent:1:9
            """),
        Case(name: "a duplicate variable", source: TestScript.lines(
            "var mood = 1",
            "var mood = 2"),
             expected: """
            test.unsent:2:5: error: the variable 'mood' is declared twice
            var mood = 2
                ^
            note: the first is at test.unsent:1:5
            """),
        Case(name: "a duplicate event", source: TestScript.lines(
            "event urge: level",
            "event urge: mood"),
             expected: """
            test.unsent:2:7: error: the event 'urge' is declared twice
            event urge: mood
                  ^
            note: the first is at test.unsent:1:7
            """),
        Case(name: "a duplicate rule set", source: TestScript.lines(
            "rules talk",
            "  fallback",
            "    say: a",
            "rules talk",
            "  fallback",
            "    say: b"),
             expected: """
            test.unsent:4:7: error: the rule set 'talk' is defined twice
            rules talk
                  ^
            note: the first is at test.unsent:1:7
            """),
        Case(name: "two fallbacks", source: TestScript.lines(
            "rules talk",
            "  fallback",
            "    say: a",
            "  fallback",
            "    say: b"),
             expected: """
            test.unsent:4:3: error: 'talk' has two fallbacks
              fallback
              ^
            note: the first is at test.unsent:2:3
            """),
        Case(name: "an option written twice", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask pick as choice: Which?",
            "      - a: Apples",
            "      - a: Avocados",
            "    end"),
             expected: """
            test.unsent:5:9: error: the option 'a' appears twice
                  - a: Avocados
                    ^
            """),
        Case(name: "a node without a name", source: TestScript.lines(
            "flow main",
            "  node",
            "    end"),
             expected: """
            test.unsent:2:7: error: the node needs a name
              node
                  ^
            note: names use letters, digits, '-' and '_'
            """),
        Case(name: "say with nothing to say", source: TestScript.lines(
            "flow main",
            "  node start",
            "    say:",
            "    end"),
             expected: """
            test.unsent:3:5: error: 'say:' needs something to say after the colon
                say:
                ^
            """),
        Case(name: "ask without its question", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask mood as scale",
            "    end"),
             expected: """
            test.unsent:3:5: error: write 'ask NAME as KIND: the question'
                ask mood as scale
                ^
            """),
        Case(name: "set without a value", source: TestScript.lines(
            "flow main",
            "  node start",
            "    set mood",
            "    end"),
             expected: """
            test.unsent:3:9: error: write 'set NAME = VALUE'
                set mood
                    ^
            """),
        Case(name: "return with words after it", source: TestScript.lines(
            "flow main",
            "  node start",
            "    return home",
            "    end"),
             expected: """
            test.unsent:3:12: error: 'return' takes nothing after it
                return home
                       ^
            """),
        Case(name: "go without to", source: TestScript.lines(
            "flow main",
            "  node start",
            "    go start",
            "    end"),
             expected: """
            test.unsent:3:5: error: write 'goto NODE' or 'go to NODE'
                go start
                ^
            """),
        Case(name: "a stray character in a condition", source: TestScript.lines(
            "var a = 1",
            "flow main",
            "  node start",
            "    if a & a: say: hi",
            "    end"),
             expected: """
            test.unsent:4:10: error: unexpected character '&' in expression
                if a & a: say: hi
                     ^
            """),
        Case(name: "an if without its condition", source: TestScript.lines(
            "flow main",
            "  node start",
            "    if: say: hi",
            "    end"),
             expected: """
            test.unsent:3:5: error: the condition is missing
                if: say: hi
                ^
            """),
        Case(name: "an empty branch", source: TestScript.lines(
            "var a = 1",
            "flow main",
            "  node start",
            "    if a > 0:",
            "    end"),
             expected: """
            test.unsent:4:5: error: this branch is empty
                if a > 0:
                ^
            """),
        Case(name: "a statement both after the colon and below", source: TestScript.lines(
            "var a = 1",
            "flow main",
            "  node start",
            "    if a > 0: say: one",
            "      say: two",
            "    end"),
             expected: """
            test.unsent:5:7: error: put the statement after the colon or indented below, not both
                  say: two
                  ^
            """),
        Case(name: "something indented under a goto", source: TestScript.lines(
            "flow main",
            "  node start",
            "    goto start",
            "      say: hi"),
             expected: """
            test.unsent:4:7: error: nothing may be indented under 'goto'
                  say: hi
                  ^
            """),
        Case(name: "a rank that is not a number", source: TestScript.lines(
            "rules talk",
            "  rule hi",
            "    rank: high",
            "    when: hi",
            "    say: hi",
            "  fallback",
            "    say: hm"),
             expected: """
            test.unsent:3:11: error: the rank must be a whole number
                rank: high
                      ^
            """),
        Case(name: "two errors in one file, in line order", source: TestScript.lines(
            "flow main",
            "  node start",
            "    goto nowhere",
            "  node other",
            "    sya: hi",
            "    end"),
             expected: """
            test.unsent:3:10: error: unknown node or flow 'nowhere'
                goto nowhere
                     ^
            test.unsent:5:5: error: unknown statement 'sya'
                sya: hi
                ^
            note: did you mean 'say'?
            """),
    ]

    @Test(arguments: cases)
    func rendersTheFullError(_ example: Case) {
        #expect(TestScript.error(example.source) == example.expected)
    }

    @Test func aMissingEngineTextIsNamed() {
        let texts = TestScript.texts.split(separator: "\n").filter { !$0.contains("retry-limit") }.joined(separator: "\n")
        do throws(ContentError) {
            _ = try ContentLoader.load(files: [("prelude.texts", texts), ("safety-stubs.flow", TestScript.safetyFlows)])
            Issue.record("content without 'retry-limit' loaded")
        } catch {
            #expect(error.description == """
                prelude.texts:1:1: error: the engine's text 'retry-limit' is not defined
                texts
                ^
                note: add 'retry-limit: ...' to a 'texts' block
                """)
        }
    }

    @Test func aMissingSafetyFlowIsNamed() {
        let stubs = TestScript.safetyFlows.replacingOccurrences(of: "flow sos", with: "flow sos-stub")
        do throws(ContentError) {
            _ = try ContentLoader.load(files: [("prelude.texts", TestScript.texts), ("safety-stubs.flow", stubs)])
            Issue.record("content without the 'sos' flow loaded")
        } catch {
            #expect(error.description == """
                prelude.texts:1:1: error: the safety flow 'sos' is not defined
                texts
                ^
                note: the engine starts it by itself; every content folder needs it
                """)
        }
    }

    @Test func anErrorInAnIncludedFilePointsIntoThatFile() {
        let main = TestScript.lines("include parts/extra.flow")
        let extra = TestScript.lines(
            "flow extra",
            "  node start",
            "    goto nowehre",
            "  node nowhere",
            "    end")
        do throws(ContentError) {
            _ = try TestScript.load(main, file: "flows/main.flow", more: [("flows/parts/extra.flow", extra)])
            Issue.record("the misspelt goto loaded")
        } catch {
            #expect(error.description == """
                flows/parts/extra.flow:3:10: error: unknown node or flow 'nowehre'
                    goto nowehre
                         ^
                note: did you mean 'nowhere'?
                """)
        }
    }

    @Test func anIncludeIsReadThroughTheCallback() throws {
        let main = TestScript.lines("include ../shared/breathe.flow", "flow main", "  node start", "    call breathe", "    end")
        let breathe = TestScript.lines("flow breathe", "  node start", "    say: in, out", "    return")
        var asked: [String] = []
        let content = try ContentLoader.load(files: TestScript.files(main, file: "flows/main.flow")) { path in
            asked.append(path)
            return path == "shared/breathe.flow" ? breathe : nil
        }
        #expect(asked == ["shared/breathe.flow"])
        #expect(content.flows["breathe"] != nil)
        #expect(content.files.last == "shared/breathe.flow")
    }

    @Test func everyErrorInTheLoadIsReported() {
        let source = TestScript.lines(
            "flow main",
            "  node start",
            "    goto a",
            "  node other",
            "    goto b",
            "rules r",
            "  rule x",
            "    when: x",
            "    say: x")
        do throws(ContentError) {
            _ = try TestScript.load(source)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.location.line) == [3, 5, 6])
            #expect(error.diagnostics.allSatisfy { $0.severity == .error })
            #expect(error.diagnostics.count == 3)
        }
    }

    /// The caret of a name problem inside a line of dialogue points at the braces, not at the
    /// start of the line, so a long line with several holes shows which one is wrong.
    @Test(arguments: [
        Case(name: "an unknown variable", source: "    say: Hello {nmae}, how are you?", expected: """
            test.unsent:3:16: error: unknown variable 'nmae'
                say: Hello {nmae}, how are you?
                           ^
            note: did you mean 'name'?
            """),
        Case(name: "a capture", source: "    say: You said {1}.", expected: """
            test.unsent:3:19: error: {1} is a rule capture, but this line is not in a rule
                say: You said {1}.
                              ^
            """),
    ])
    func aProblemInsideALineOfDialoguePointsAtItsBraces(_ example: Case) {
        let source = TestScript.lines("flow main", "  node start", example.source, "    end", "var name = \"Sam\"")
        #expect(TestScript.error(source) == example.expected)
    }

    @Test func aVariableDefaultWithoutASpaceAfterEqualsPointsAtTheValue() {
        let error = TestScript.error(TestScript.lines("var total =count"))
        #expect(error == """
            test.unsent:1:12: error: unknown variable 'count'
            var total =count
                       ^
            note: declare it with 'var count = VALUE', or set it with 'ask' or 'set'
            """)
    }

    @Test func eachAfterTargetIsPointedAtOnItsOwn() {
        let error = TestScript.error(TestScript.lines(
            "flow main",
            "  node start",
            "    end",
            "rules talk",
            "  rule hi",
            "    when: hello",
            "    after: main.start, main.strat",
            "    say: hi",
            "  fallback",
            "    say: hm"))
        #expect(error == """
            test.unsent:7:24: error: 'after: main.strat' names no node
                after: main.start, main.strat
                                   ^
            note: did you mean 'main.start'?
            """)
    }

    /// "Did you mean" must not depend on the order a dictionary happens to hold names in:
    /// the same mistake in the same content gives the same note on every run.
    @Test func didYouMeanIsTheSameWhateverElseIsLoaded() {
        var notes = Set<String>()
        for fillers in 0..<16 {
            var source = TestScript.lines(
                "flow main",
                "  node start",
                "    goto tset",
                "flow test",
                "  node start",
                "    end",
                "flow teat",
                "  node start",
                "    end")
            for index in 0..<fillers { source += TestScript.lines("flow filler\(index)", "  node start", "    end") }
            let note = TestScript.error(source)?.split(separator: "\n").last.map(String.init) ?? "(loaded)"
            notes.insert(note)
        }
        #expect(notes.count == 1, "\(notes.sorted())")
    }

    @Test func includesThatIncludeEachOtherLoadOnce() throws {
        let a = TestScript.lines("include b.flow", "flow a", "  node start", "    goto b")
        let b = TestScript.lines("include a.flow", "flow b", "  node start", "    end")
        let content = try ContentLoader.load(files: TestScript.files(a, file: "a.flow")) { path in
            path == "b.flow" ? b : nil
        }
        #expect(content.flowOrder.filter { $0 == "a" || $0 == "b" } == ["a", "b"])
        #expect(content.files.filter { $0.hasSuffix(".flow") && !$0.hasPrefix("safety") } == ["a.flow", "b.flow"])
    }

    @Test func crlfFilesReadLikeLfFiles() throws {
        let lf = TestScript.lines("flow main", "  node start", "    say: hi", "    end")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let content = try TestScript.load(crlf)
        #expect(content.nodes["main.start"]?.code == (try TestScript.load(lf)).nodes["main.start"]?.code)
    }

    // MARK: Valid content

    struct Valid: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var testDescription: String { name }
    }

    static let valid: [Valid] = [
        Valid(name: "comments and blank lines", source: TestScript.lines(
            "# a comment at the top",
            "",
            "flow main",
            "  # a comment inside",
            "  node start",
            "",
            "    say: hi # not a comment: part of the line",
            "    end")),
        Valid(name: "Windows line endings", source: "flow main\r\n  node start\r\n    say: hi\r\n    end\r\n"),
        Valid(name: "a choice with synonyms, hint, retries, default and else", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask pick as choice: Which?",
            "      - tea: A cup of tea | brew, cuppa",
            "      - walk: A short walk",
            "      hint: Say tea or walk.",
            "      retries: 0",
            "      default: \"tea\"",
            "      else: goto done",
            "    goto done",
            "  node done",
            "    end")),
        Valid(name: "every answer kind", source: TestScript.lines(
            "flow main",
            "  node start",
            "    ask a as scale: A?",
            "    ask b as scale 1 to 5: B?",
            "    ask c as yesno: C?",
            "    ask d as text: D?",
            "    ask e as lines: E?",
            "    ask f as date: F?",
            "    ask g as duration: G?",
            "    ask h as number: H?",
            "    ask i as optional text: I?",
            "    ask j as optional lines: J?",
            "    end")),
        Valid(name: "if, else if and else, inline and as blocks", source: TestScript.lines(
            "var x = 1",
            "flow main",
            "  node start",
            "    if x > 3 and not (x is 5): say: big",
            "    else if x is 1 or x == 2:",
            "      say: small",
            "      set x = x + 1",
            "    else: say: other",
            "    end")),
        Valid(name: "concepts over several lines, nested", source: TestScript.lines(
            "concept family: mother, father",
            "  my mum, my dad",
            "concept people: ~family, friend",
            "rules talk",
            "  rule people",
            "    when: * ~people *",
            "    say: ok",
            "  fallback",
            "    say: hm")),
        Valid(name: "spellings and reflections", source: TestScript.lines(
            "spellings",
            "  wanna, wana > want to",
            "  u > you",
            "reflections",
            "  i > you",
            "  my > your")),
        Valid(name: "braces written twice", source: TestScript.lines(
            "flow main",
            "  node start",
            "    say: a {{literal}} brace",
            "    end")),
        Valid(name: "events, records, drafts, waits and matches", source: TestScript.lines(
            "event urge: level, note",
            "event ping",
            "flow main",
            "  node start",
            "    ask level as scale: How strong?",
            "    record urge level = level, note = \"hi\"",
            "    record ping",
            "    save draft \"a draft\"",
            "    wait 10",
            "    match \"hello\" with talk",
            "    go to finish",
            "  node finish",
            "    end",
            "rules talk",
            "  card hi",
            "    thought: someone says hello",
            "    rank: -2",
            "    when: hello *",
            "    when: [hi|hey there] *",
            "    sample: hello",
            "    after: main.start, main.finish",
            "    say: {raw 1}",
            "  fallback",
            "    say: hm")),
        Valid(name: "a comma inside a quoted record field", source: TestScript.lines(
            "event note: text, mood",
            "flow main",
            "  node start",
            "    record note text = \"well, fine\", mood = 3",
            "    end")),
        Valid(name: "an include of a file in the set", source: TestScript.lines(
            "include test.unsent",
            "flow main",
            "  node start",
            "    end")),
        Valid(name: "a flow title", source: TestScript.lines(
            "flow main",
            "  title: The main flow",
            "  node start",
            "    end")),
    ]

    @Test(arguments: valid)
    func validContentLoads(_ example: Valid) {
        #expect(TestScript.error(example.source) == nil)
    }
}

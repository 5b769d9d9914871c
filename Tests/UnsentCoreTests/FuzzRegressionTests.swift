import Foundation
import Testing
@testable import UnsentCore

/// Faults the fuzz test found, each replayed by hand on the bundled urge flow: a gentle safety check-in
/// that interrupts a message being written over several lines.
@Suite("Fuzz findings: a check-in in the middle of a draft")
struct FuzzRegressionTests {
    /// Up to the draft question of `unsent urge --seed 1`, one draft line typed, then words that call for
    /// a gentle check-in ("whats the point anymore").
    private func chatInterruptedInTheDraft() throws -> Chat {
        var chat = Chat(content: try FuzzEngineTests.content.get(), flow: "urge", seed: 1, variables: ["wait_seconds": .number(0)])
        chat.send("7")
        chat.send("1")
        chat.send("")
        try #require(chat.state.prompt?.kind == .lines, "the urge flow should now ask for the draft")
        chat.send("I miss you")
        chat.send("so much")
        chat.send("whats the point anymore")
        try #require(chat.events.contains { if case .event(kind: "check-in", fields: _) = $0 { true } else { false } },
                     "the line should start the gentle check-in")
        return chat
    }

    @Test func theDraftLinesTypedBeforeACheckInAreKept() throws {
        var chat = try chatInterruptedInTheDraft()

        chat.send("no")
        chat.send("and I want you back")
        chat.send("")

        let draft = try #require(chat.drafts.last)
        #expect(draft.contains("I miss you") && draft.contains("so much"), "the saved draft lost its first lines: \(draft.debugDescription)")
        #expect(draft.contains("and I want you back"))
    }

    @Test func afterACheckInTheDraftQuestionIsShownAgain() throws {
        var chat = try chatInterruptedInTheDraft()

        chat.send("no")

        #expect(chat.state.prompt?.kind == .lines, "the draft is still being collected, but no question is showing")
        #expect(chat.outputs.contains { if case .ask = $0 { true } else { false } },
                "after the check-in, nothing tells the person they are still writing the draft: \(chat.lines)")
    }

    @Test func sosAtTheCheckInWorksWhileADraftIsUnderWay() throws {
        var chat = try chatInterruptedInTheDraft()

        chat.send("sos")

        #expect(chat.outputs.contains { if case .at(let node) = $0 { node.hasPrefix("sos.") } else { false } },
                "sos at the check-in question was not taken as sos: \(chat.lines)")
    }
}

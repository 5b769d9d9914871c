import Foundation
import Testing
@testable import UnsentCore

/// Faults the fuzz test found, each replayed by hand on the bundled urge flow: a gentle safety check-in
/// called for by a line of a message being written over several lines. Since stop 19 (drive-18: the
/// empty line that ends the draft was taken as the check-in's answer) the check-in waits until the
/// message is finished, and the finished message then answers the draft question.
@Suite("Fuzz findings: a check-in in the middle of a draft")
struct FuzzRegressionTests {
    /// Up to the draft question of `unsent urge --seed 1`, one draft line typed, then words that call for
    /// a gentle check-in ("whats the point anymore"), then the empty line that ends the draft.
    private func chatInterruptedInTheDraft() throws -> Chat {
        var chat = Chat(content: try FuzzEngineTests.content.get(), flow: "urge", seed: 1, variables: ["wait_seconds": .number(0)])
        chat.send("7")
        chat.send("1")
        chat.send("")
        try #require(chat.state.prompt?.kind == .lines, "the urge flow should now ask for the draft")
        chat.send("I miss you")
        chat.send("so much")
        chat.send("whats the point anymore")
        #expect(!chat.events.contains { if case .event(kind: "check-in", fields: _) = $0 { true } else { false } },
                "the check-in should wait until the message is finished")
        chat.send("and I want you back")
        chat.send("")
        try #require(chat.events.contains { if case .event(kind: "check-in", fields: _) = $0 { true } else { false } },
                     "the line should start the gentle check-in")
        return chat
    }

    @Test func theDraftLinesTypedBeforeACheckInAreKept() throws {
        var chat = try chatInterruptedInTheDraft()

        chat.send("no")

        let draft = try #require(chat.drafts.last)
        #expect(draft.contains("I miss you") && draft.contains("so much"), "the saved draft lost its first lines: \(draft.debugDescription)")
        #expect(draft.contains("whats the point anymore") && draft.contains("and I want you back"))
    }

    @Test func afterACheckInTheConversationGoesOnFromTheFinishedDraft() throws {
        var chat = try chatInterruptedInTheDraft()

        chat.send("no")

        #expect(chat.drafts.count == 1, "the finished draft is saved once")
        #expect(chat.state.prompt?.kind == .yesNo, "the next question (the seal) is asked: \(chat.lines)")
    }

    @Test func sosAtTheCheckInWorksWhileADraftIsUnderWay() throws {
        var chat = try chatInterruptedInTheDraft()

        chat.send("sos")

        #expect(chat.outputs.contains { if case .at(let node) = $0 { node.hasPrefix("sos.") } else { false } },
                "sos at the check-in question was not taken as sos: \(chat.lines)")
    }
}

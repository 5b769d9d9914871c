import Testing
@testable import UnsentStore
@Test func scratchNul() throws {
    let store = try Store.inMemory()
    let s = try store.beginSession(flow: "a\u{0}b", at: TestDates.at(0), seed: nil)
    try store.appendTurn(sessionId: s, at: TestDates.at(0), speaker: .bot, node: nil, text: "x\u{0}y💔\"\n")
    print("FLOW", Array(try store.sessions(limit: 1)[0].flow.utf8), "TEXT", Array(try store.turns(sessionId: s)[0].text.utf8))
}

import Foundation
import Testing
@testable import UnsentStore

/// A seal set while the clock ran ahead never stays closed for longer than the longest seal (issue 17, item 13).
@Suite("Seal clock")
struct SealClockTests {
    static let now = TestDates.at(0)
    static let day: TimeInterval = 86_400

    @Test func aSealSetWithTheClockYearsAheadOpensWithinItsLengthOfBeingSeen() throws {
        let test = try TestStore(.inMemory)
        let store = test.store
        // Written and sealed for a day in the same conversation, with the clock 1,275 days ahead.
        let ahead = Self.now.addingTimeInterval(1_275 * Self.day)
        let id = try store.saveDraft(sessionId: nil, at: ahead, text: "from the future", sealedUntil: ahead.addingTimeInterval(Self.day))

        #expect(try store.settleSeals(at: Self.now) == 1)

        let draft = try #require(try store.drafts().first { $0.id == id })
        // The seal keeps its length (a day), counted from when it was first seen.
        #expect(draft.sealedUntil == Self.now.addingTimeInterval(Self.day))
        #expect(try store.openedDrafts(at: Self.now.addingTimeInterval(Self.day)).map(\.id) == [id])
    }

    @Test func aSealLongerThanTheLimitFromItsDraftGetsTheLimit() throws {
        let test = try TestStore(.inMemory)
        let store = test.store
        // Written with a right clock, sealed later ('drafts seal') with the clock three years ahead.
        let id = try store.saveDraft(sessionId: nil, at: Self.now.addingTimeInterval(-Self.day), text: "sealed late",
                                     sealedUntil: Self.now.addingTimeInterval(3 * 365 * Self.day))

        #expect(try store.settleSeals(at: Self.now) == 1)

        #expect(try store.openedDrafts(at: Self.now.addingTimeInterval(DraftRecord.longestSeal - 1)).isEmpty)
        #expect(try store.openedDrafts(at: Self.now.addingTimeInterval(DraftRecord.longestSeal)).map(\.id) == [id])
    }

    @Test func sealsWithinTheLimitAreLeftAsTheyAreAndSettlingTwiceChangesNothing() throws {
        let test = try TestStore(.onDisk)
        defer { test.remove() }
        let store = test.store
        let ordinary = Self.now.addingTimeInterval(3 * Self.day)
        try store.saveDraft(sessionId: nil, at: Self.now, text: "ordinary", sealedUntil: ordinary)
        let ahead = Self.now.addingTimeInterval(400 * Self.day)
        try store.saveDraft(sessionId: nil, at: ahead, text: "ahead", sealedUntil: ahead.addingTimeInterval(7 * Self.day))

        #expect(try store.settleSeals(at: Self.now) == 1)
        let settled = try store.drafts().map(\.sealedUntil)
        #expect(settled == [ordinary, Self.now.addingTimeInterval(7 * Self.day)])
        // A later look (even a day on) finds nothing more to settle: the seal opens, it is not pushed on.
        #expect(try store.settleSeals(at: Self.now.addingTimeInterval(Self.day)) == 0)
        #expect(try store.drafts().map(\.sealedUntil) == settled)
    }
}

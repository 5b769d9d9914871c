import Foundation
import GRDB
import Testing
import UnsentCore
@testable import UnsentStore

@Suite("Dates as the store writes them")
struct DateStorableTests {
    /// GRDB's own text for a date (what rows written before `Date.storable` hold).
    private func grdbText(_ date: Date) -> String? {
        String.fromDatabaseValue(date.databaseValue)
    }

    @Test(arguments: [
        0.0, -0.001, -1, 86_399.999, 951_782_400, 951_868_799.5, 1_700_000_000, 1_700_000_000.123,
        1_700_000_000.9995, 4_102_444_800, -2_208_988_800, -12_219_292_800, 253_402_300_799.999,
    ])
    func theTextIsGRDBsOwn(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(date.storable == grdbText(date))
    }

    @Test func tenThousandSeededDatesFrom1900To2100MatchGRDB() {
        var generator = SeededRandom(seed: 42)
        var mismatches: [String] = []
        for _ in 0..<10_000 {
            // Whole milliseconds plus a little, as clocks give them; spread over two centuries.
            let milliseconds = Double(Int64(generator.next() % 6_311_390_400_000)) - 2_208_988_800_000
            let date = Date(timeIntervalSince1970: (milliseconds + Double(generator.next() % 900) / 1000) / 1000)
            if date.storable != grdbText(date) { mismatches.append("\(date.timeIntervalSince1970): \(date.storable) vs \(grdbText(date) ?? "nil")") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func aDateWrittenAsTextReadsBackAsTheSameMillisecond() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_123.456)
        let read = try #require(Date.fromDatabaseValue(date.storable.databaseValue))
        #expect(abs(read.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.0005)
    }
}

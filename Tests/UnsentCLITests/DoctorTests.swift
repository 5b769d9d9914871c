import Foundation
import Testing

/// `unsent doctor`: where everything is, with sizes, and the store's full integrity check.
@Suite("Doctor")
struct DoctorTests {
    @Test func aSoundStoreIsListedCheckedAndTheCheckRecorded() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let logged = try BinaryRun.run(["log", "note", "a quiet day"], environment: sandbox.environment())
        #expect(logged.status == 0, "stderr: \(logged.errors)")
        let store = sandbox.defaultStoreFolder + "/unsent.sqlite"

        let run = try BinaryRun.run(["doctor"], environment: sandbox.environment())

        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.lines.first == "Store: \(store)")
        #expect(run.output.contains("  store "))
        #expect(run.output.contains("  write-ahead log "))
        #expect(run.output.contains("Content cache: \(sandbox.file("xdg-cache"))/unsent ("))
        #expect(run.output.contains("Check: sound"))
        let recorded = try StoreQuery.column("SELECT lastRunAt FROM maintenance WHERE task = 'quick_check'", in: store)
        #expect(recorded.count == 1)
    }

    @Test func aDamagedStoreExitsThreeAndSaysSo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let store = sandbox.store
        for index in 0..<20 {
            let run = try BinaryRun.run(["log", "note", String(repeating: "note \(index) ", count: 200), "--store", store],
                                        environment: sandbox.environment())
            #expect(run.status == 0, "stderr: \(run.errors)")
        }
        // A check at the first start after this records the store as sound for a week: doctor must
        // still read every page. Bring the log into the file, then damage pages past the schema.
        _ = try BinaryRun.run(["doctor", "--store", store], environment: sandbox.environment())
        _ = try StoreQuery.rows("PRAGMA wal_checkpoint(TRUNCATE)", in: store, readOnly: false)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        #expect(bytes.count >= 12 * 4096)
        bytes.replaceSubrange((bytes.count - 4 * 4096)..<(bytes.count - 2 * 4096), with: Data(repeating: 0x5A, count: 2 * 4096))
        try bytes.write(to: URL(fileURLWithPath: store))

        let run = try BinaryRun.run(["doctor", "--store", store], environment: sandbox.environment())

        #expect(run.status == 3)
        #expect(run.errors.contains("is damaged"), "stderr: \(run.errors)")
        #expect(run.output.contains("Store: \(store)"))
    }

    @Test func noStoreYetIsSaidAndNothingIsMade() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let run = try BinaryRun.run(["doctor"], environment: sandbox.environment())

        #expect(run.status == 0, "stderr: \(run.errors)")
        #expect(run.output.contains("no store here yet"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.defaultStoreFolder))
    }
}

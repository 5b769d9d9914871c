import Foundation
import Testing
@testable import UnsentStore

/// Where a round-trip test keeps its store.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case inMemory
    case onDisk

    var testDescription: String { rawValue }
}

/// A store for one test: in memory, or in a fresh folder that `remove()` deletes.
struct TestStore {
    let store: Store
    let directory: TemporaryDirectory?

    init(_ kind: StoreKind) throws {
        switch kind {
        case .inMemory:
            store = try Store.inMemory()
            directory = nil
        case .onDisk:
            let directory = try TemporaryDirectory()
            self.directory = directory
            store = try Store(path: directory.file("unsent.sqlite"))
        }
    }

    func remove() {
        directory?.remove()
    }
}

/// Dates with whole seconds (or binary fractions), which survive GRDB's millisecond text format exactly.
enum TestDates {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func at(_ seconds: Double) -> Date {
        start.addingTimeInterval(seconds)
    }
}

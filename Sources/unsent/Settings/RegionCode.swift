import Foundation
import UnsentCore

/// The regions with help lines of their own, as `--region`, `plan set region` and `settings set region` take them.
enum RegionCode {
    /// The codes, in the order help lists them; "other" shows the international directory.
    static let all = ["us", "uk", "ca", "au", "ie", "nz", "other"]

    /// The code a value names ("UK" and "gb" are "uk"), or nil when it names none.
    static func code(_ value: String) -> String? {
        let lowered = value.trimmingCharacters(in: .whitespaces).lowercased()
        if lowered == "gb" { return "uk" }
        return all.contains(lowered) ? lowered : nil
    }

    /// The message for a value that names no region.
    static func problem(_ value: String) -> String {
        let hint = (value.count < 3 ? nil : Suggestion.note(for: value, in: all)).map { " " + $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
        return "'\(value)' is not a region here.\(hint) Regions: \(all.joined(separator: ", ")) ('other' shows the international help lines)."
    }
}

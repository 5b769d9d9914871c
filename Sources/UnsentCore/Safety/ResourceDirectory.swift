/// Help lines by region, from `Content/safety/resources`.
///
/// The file is an outline: `region CODE: Name` (or `international: Name`), under it optional
/// `also: code, code` and entries `KIND: Name` (emergency, crisis, abuse, directory), each with
/// `organisation:`, `call:`, `text:`, `web:`, `note:`, `checked: YYYY-MM-DD` and `source:`.
/// `link()` insists on an emergency, a crisis and an abuse entry per region, and on `checked:`
/// and `source:` for every entry, so no region ever shows half the help.
public struct ResourceDirectory: Sendable, Codable {
    private(set) var regions: [RegionResources] = []
    public private(set) var international: RegionResources?
    private var byCode: [String: Int] = [:]
    /// Problems found while reading that `link()` reports (missing fields are only known at the end).
    private var missing: [Diagnostic] = []

    public init() {}

    /// Region codes in file order (without aliases).
    public var regionCodes: [String] { regions.map(\.code) }

    /// The resources of a region by code or alias, ignoring case ("GB" finds the UK).
    public func region(_ code: String) -> RegionResources? {
        byCode[code.lowercased()].map { regions[$0] }
    }

    public mutating func add(file: String, lines: [OutlineLine]) throws(ContentError) {
        var problems: [Diagnostic] = []
        for line in lines {
            if let region = Self.readRegion(line, problems: &problems, missing: &missing) {
                if region.code == "international" {
                    if let earlier = international {
                        problems.append(.error(at: line.location, "the international entry is already defined at \(earlier.location)"))
                    } else {
                        international = region
                    }
                    continue
                }
                for code in [region.code] + region.aliases {
                    if let earlier = byCode[code] {
                        problems.append(.error(at: line.location, "the region code '\(code)' is already used at \(regions[earlier].location)"))
                    }
                }
                regions.append(region)
                for code in [region.code] + region.aliases where byCode[code] == nil { byCode[code] = regions.count - 1 }
            }
        }
        if !problems.isEmpty { throw ContentError(problems) }
    }

    /// Checks that every region has the three kinds of help and every entry its `checked:` and `source:`.
    public mutating func link() -> [Diagnostic] {
        var problems = missing
        for region in regions {
            let kinds = Set(region.entries.map(\.kind))
            for kind in [Resource.Kind.emergency, .crisis, .abuse] where !kinds.contains(kind) {
                problems.append(.error(at: region.location, "the region '\(region.code)' (\(region.name)) has no '\(kind.rawValue)' entry",
                                       note: "every region needs an emergency number, a crisis line and an abuse line"))
            }
        }
        if let international, !international.entries.contains(where: { $0.kind == .directory }) {
            problems.append(.error(at: international.location, "the international entry has no 'directory' entry",
                                   note: "add a directory of help lines worldwide, such as findahelpline.com"))
        }
        return problems.sorted { $0.location < $1.location }
    }

    // MARK: reading

    static let fieldKeys = ["organisation", "call", "text", "web", "note", "checked", "source"]

    private static func readRegion(_ line: OutlineLine, problems: inout [Diagnostic],
                                   missing: inout [Diagnostic]) -> RegionResources? {
        guard let (key, value, _) = line.keyValue else {
            problems.append(.error(at: line.location, "a resources line is 'region CODE: Name' or 'international: Name'",
                                   note: "write it as 'region us: United States'"))
            return nil
        }
        var code: String
        if key == "international" {
            code = "international"
        } else if key.hasPrefix("region ") {
            code = String(key.dropFirst("region ".count)).trimmingSpaces().lowercased()
            guard !code.isEmpty, code.allSatisfy({ $0.isLetter }) else {
                problems.append(.error(at: line.location(at: "region ".count), "the region code '\(code)' must be letters only, such as 'us'"))
                return nil
            }
        } else {
            let word = String(key.prefix { $0 != " " })
            problems.append(.error(at: line.location, "'\(word)' does not start a resources line; use 'region CODE: Name' or 'international: Name'",
                                   note: Suggestion.note(for: word, in: ["region", "international"])))
            return nil
        }
        if value.isEmpty {
            problems.append(.error(at: line.location, "the region '\(code)' needs a name after the colon"))
        }
        var region = RegionResources(code: code, name: value, location: line.location)
        for child in line.children {
            guard let (childKey, childValue, offset) = child.keyValue else {
                problems.append(.error(at: child.location, "a line under a region is 'KIND: Name' or 'also: codes'",
                                       note: "kinds are emergency, crisis, abuse and directory"))
                continue
            }
            if childKey == "also" {
                region.aliases += childValue.split(separator: ",").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
                continue
            }
            guard let kind = Resource.Kind(rawValue: childKey) else {
                problems.append(.error(at: child.location, "'\(childKey)' is not a kind of help; use emergency, crisis, abuse or directory",
                                       note: Suggestion.note(for: childKey, in: Resource.Kind.allCases.map(\.rawValue) + ["also"])))
                continue
            }
            if childValue.isEmpty {
                problems.append(.error(at: child.location(at: offset), "the \(kind.rawValue) entry needs a name after the colon"))
            }
            if let entry = readEntry(kind, name: childValue, child, problems: &problems, missing: &missing) {
                region.entries.append(entry)
            }
        }
        return region
    }

    private static func readEntry(_ kind: Resource.Kind, name: String, _ line: OutlineLine,
                                  problems: inout [Diagnostic], missing: inout [Diagnostic]) -> Resource? {
        var fields: [String: String] = [:]
        for child in line.children {
            guard let (key, value, offset) = child.keyValue, fieldKeys.contains(key) else {
                let key = child.keyValue?.key ?? child.text
                problems.append(.error(at: child.location, "'\(key)' is not a field of a resource; use \(fieldKeys.joined(separator: ", "))",
                                       note: Suggestion.note(for: key, in: fieldKeys)))
                continue
            }
            if fields[key] != nil {
                problems.append(.error(at: child.location, "the field '\(key)' is given twice"))
            }
            if value.isEmpty {
                problems.append(.error(at: child.location(at: offset), "the field '\(key)' is empty"))
            }
            if key == "checked", !isDate(value) {
                problems.append(.error(at: child.location(at: offset), "the date '\(value)' is not written as YYYY-MM-DD",
                                       note: "write it as 'checked: 2026-11-23'"))
            }
            fields[key] = value
        }
        for key in ["checked", "source"] where fields[key] == nil {
            missing.append(.error(at: line.location, "the \(kind.rawValue) entry '\(name)' has no '\(key):' line",
                                  note: key == "checked" ? "add 'checked: YYYY-MM-DD', the day the facts were last checked"
                                                         : "add 'source:', the site the facts come from"))
        }
        if fields["call"] == nil && fields["text"] == nil && fields["web"] == nil && fields["note"] == nil {
            missing.append(.error(at: line.location, "the \(kind.rawValue) entry '\(name)' gives no way to reach it",
                                  note: "add 'call:', 'text:', 'web:' or 'note:'"))
        }
        return Resource(kind: kind, name: name, organisation: fields["organisation"] ?? "", call: fields["call"],
                        text: fields["text"], web: fields["web"], note: fields["note"],
                        checked: fields["checked"] ?? "", source: fields["source"] ?? "", location: line.location)
    }

    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

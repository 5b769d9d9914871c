import Foundation
import UnsentStore

/// The few settings `unsent settings` lists and changes, each kept in the store's settings under its key.
enum UserSetting: String, CaseIterable {
    case dayStart = "day-start"
    case checkIn = "check-in"
    case wait
    case region
    case color

    /// Its key in the store (day-start and region are the keys conversations have always used).
    var key: String {
        switch self {
        case .dayStart: "day_start_hour"
        case .checkIn: "checkin_hour"
        case .wait: "default_wait"
        case .region: "region"
        case .color: "color"
        }
    }

    /// The value in force when none is set, as the list shows it.
    var defaultValue: String {
        switch self {
        case .dayStart: "4"
        case .checkIn: "19"
        case .wait: "10m"
        case .region: "not set"
        case .color: "auto"
        }
    }

    /// What it does, for the list and the help.
    var summary: String {
        switch self {
        case .dayStart: "the hour (0-23) a new day begins: a sleepless 01:30 still counts as the day before"
        case .checkIn: "the hour (0-23) after which the shell hook reminds you of a check-in not yet done"
        case .wait: "how long `unsent urge` waits the wave out with you on a terminal when --wait isn't given"
        case .region: "where you are, for help lines: us, uk, ca, au, ie, nz or other (the international directory)"
        case .color: "colour in conversations on a terminal: auto (not with NO_COLOR or TERM=dumb), always or never"
        }
    }

    /// The value to store for what the person typed, or a sentence saying what it takes.
    func normalized(_ raw: String) -> Result<String, SettingProblem> {
        let value = raw.trimmingCharacters(in: .whitespaces)
        switch self {
        case .dayStart, .checkIn:
            guard let hour = Self.hour(value) else {
                return .failure(SettingProblem("\(rawValue) takes an hour from 0 to 23, such as 4 or 19:00; '\(value)' is not one."))
            }
            return .success(String(hour))
        case .wait:
            guard SessionSettings.seconds(of: value) != nil else {
                return .failure(SettingProblem("wait takes a length up to 4 hours, such as 5m, 90s or 10 minutes; '\(value)' is not one."))
            }
            return .success(value)
        case .region:
            guard let code = RegionCode.code(value) else { return .failure(SettingProblem(RegionCode.problem(value))) }
            return .success(code)
        case .color:
            let lowered = value.lowercased()
            let known = ["auto", "always", "never"]
            guard let word = known.first(where: { $0 == lowered }) else {
                return .failure(SettingProblem("color is auto, always or never; '\(value)' is not one of them."))
            }
            return .success(word)
        }
    }

    /// The value as the list shows it: hours as 04:00.
    func shown(_ stored: String) -> String {
        switch self {
        case .dayStart, .checkIn: Int(stored).map { String(format: "%02d:00", $0) } ?? stored
        default: stored
        }
    }

    /// An hour of the day: "4", "04", "4:00", "19:00"; nil for anything else.
    static func hour(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.hasSuffix(":00") { digits = digits.dropLast(3) }
        guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCII), let hour = Int(digits), (0...23).contains(hour) else { return nil }
        return hour
    }

    /// The setting a name means, or nil.
    static func named(_ name: String) -> UserSetting? {
        let lowered = name.lowercased()
        if lowered == "colour" { return .color }
        return UserSetting(rawValue: lowered)
    }

    /// The value in force in `store`: the stored one, else the default.
    func value(in store: Store) throws(StoreError) -> (value: String, isDefault: Bool) {
        if let stored = try store.setting(key) { return (stored, false) }
        return (defaultValue, true)
    }
}

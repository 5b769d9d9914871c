import Foundation
import UnsentCore
import UnsentStore

/// The check behind `unsent shell-hook`'s snippet: one gentle sentence in the first new shell after the
/// check-in hour when today's check-in isn't done, never more than once a day.
///
/// It keeps one small file, `$XDG_CACHE_HOME/unsent/next-nudge` (mode 0600): the moment (seconds since
/// 1970) before which there is nothing to say, then the day it was written for. The snippet compares the
/// clock with that number in the shell itself, so most new shells never start unsent at all; when unsent
/// does start, it looks at the store and moves the moment on: to today's check-in hour when it is not yet
/// there, else to tomorrow's, whether it spoke or not. It speaks only when that file could be written, so a
/// cache it can't write never makes it speak in every shell.
struct ShellNudge {
    var environment: [String: String]
    var now: Date

    /// The sentence, said once a day at most.
    static let sentence = "unsent: today's check-in is still open, whenever you're ready: unsent reflect"

    /// The file the snippet reads, or nil without a cache folder (no absolute XDG_CACHE_HOME or HOME).
    static func stampPath(_ environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/unsent/next-nudge" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/unsent/next-nudge" }
        return nil
    }

    /// Runs the check; prints the sentence when it is due.
    func run(store explicit: String?) throws {
        guard let stampPath = Self.stampPath(environment) else { return }
        if let next = Self.readStamp(stampPath), now.timeIntervalSince1970 < next { return }
        let storePath = try StoreOpening.call { () throws(StoreError) in
            try StoreLocation.resolve(explicitPath: explicit, environment: environment)
        }
        // No store yet: nothing to check in to. Look again tomorrow, without making one.
        guard access(storePath, F_OK) == 0 else {
            let clock = DayClock()
            _ = Self.writeStamp(stampPath, moment: moment(clock.day(of: now).adding(days: 1), hour: 19, clock: clock), day: clock.day(of: now))
            return
        }
        // A new shell never waits long on a store another program holds, nor shows its problems: it
        // looks again in an hour (`unsent status` or `unsent doctor` say what is wrong).
        let looked = { () throws(StoreError) in
            let store = try Store(path: storePath, busyTimeout: 0.25, durable: StoreOpening.durableByDefault)
            return (try PlanFacts.dayClock(store), try store.setting(UserSetting.checkIn.key).flatMap(Int.init) ?? 19,
                    try PlanFacts.load(store, now: now))
        }
        guard let found = try? looked() else {
            _ = Self.writeStamp(stampPath, moment: now.addingTimeInterval(3600), day: DayClock().day(of: now))
            return
        }
        let (clock, hour, facts) = found
        let today = facts.today
        let opens = moment(today, hour: hour, clock: clock)
        if now < opens {
            _ = Self.writeStamp(stampPath, moment: opens, day: today)
            return
        }
        let tomorrow = moment(today.adding(days: 1), hour: hour, clock: clock)
        let due = !facts.reflectedDays.contains(today)
        if Self.writeStamp(stampPath, moment: tomorrow, day: today), due {
            try StandardStream.writeOutput(Self.sentence + "\n")
        }
    }

    /// When the check-in hour comes in the person's day `day`: that date at `hour`, or the next date's
    /// when the hour comes before the day starts (a check-in hour of 2 with days starting at 4).
    func moment(_ day: Day, hour: Int, clock: DayClock) -> Date {
        let date = hour >= clock.dayStartHour ? day : day.adding(days: 1)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = clock.timeZone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour))
            ?? date.date(in: clock.timeZone).addingTimeInterval(TimeInterval(hour * 3600))
    }

    /// The moment in the file, or nil when there is none or it can't be read as one.
    static func readStamp(_ path: String) -> TimeInterval? {
        guard let data = FileManager.default.contents(atPath: path),
              let first = String(decoding: data.prefix(64), as: UTF8.self).split(separator: " ").first,
              let seconds = Int64(first.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return TimeInterval(seconds)
    }

    /// Writes "SECONDS DAY\n" whole (a new file renamed into place), mode 0600, its folder made 0700.
    /// - Returns: whether it was written.
    static func writeStamp(_ path: String, moment: Date, day: Day) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        var missing: [String] = []
        var walk = folder
        while !walk.isEmpty, walk != "/", access(walk, F_OK) != 0 {
            missing.append(walk)
            walk = (walk as NSString).deletingLastPathComponent
        }
        for made in missing.reversed() {
            guard mkdir(made, 0o700) == 0 || errno == EEXIST else { return false }
            chmod(made, 0o700)
        }
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        fchmod(descriptor, 0o600)
        let text = "\(Int64(moment.timeIntervalSince1970)) \(day)\n"
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}

import ArgumentParser
import Foundation
import UnsentCore
import UnsentStore

/// `unsent stats`: progress at a glance, drawn in the terminal.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show your progress: streaks, a calendar of the last 26 weeks, cravings and mood, what sets urges off and when they come.",
        discussion: CommandHelp.discussion("""
            The calendar has a column per week and a row per weekday; each day is shaded by its strongest craving \
            and marked when you contacted your ex. "This week" is the last seven days, "last week" the seven \
            before. Charts use block characters and, on a terminal, colour (never with NO_COLOR); --ascii draws \
            them with plain characters. With --json the same figures are printed as a JSON object whose \
            "version" is 1: version, today, plan, streaks, they_reached_out, window, days, cravings, mood, \
            triggers, urges_by_hour, busiest_hours and week, every key always present (null when unknown).
            """,
            examples: [("unsent stats", "the page, fitted to the terminal"),
                       ("unsent stats --json | jq .streaks", "your streaks, for a script")],
            exits: CommandHelp.readingExits))

    @Flag(help: "Print the figures as JSON (version 1) instead of drawing them.")
    var json = false

    @Flag(help: "Draw the charts with plain ASCII characters instead of block characters.")
    var ascii = false

    @Option(help: ArgumentHelp("How many columns the charts may use. By default the terminal's width, or 80 in a pipe.", valueName: "columns"))
    var width: Int?

    @Option(help: ArgumentHelp("Show the figures as of this day (YYYY-MM-DD), for tests.", visibility: .hidden))
    var today: String?

    @OptionGroup var options: StoreOptions
    @OptionGroup var colorOption: ColorOption
    @OptionGroup var pagerOption: PagerOption

    func validate() throws {
        if let today, Day(today) == nil {
            throw ValidationError("--today takes a day written YYYY-MM-DD, such as 2026-03-01; '\(today)' is not one.")
        }
        if let width, width < 20 {
            throw ValidationError("--width takes at least 20 columns; \(width) is too narrow to draw in.")
        }
    }

    func run() throws {
        let store = try StoreOpening.open(options)
        let report = try StoreOpening.call { () throws(StoreError) -> ProgressReport in
            let clock = try PlanFacts.dayClock(store)
            let day = today.flatMap(Day.init) ?? clock.day(of: Date())
            let records = try store.progressRecords(since: ProgressReport.windowStart(today: day))
            return ProgressReport(records: records, today: day, clock: clock)
        }
        let style = ChartStyle(unicode: !ascii, colour: colorOption.style.colour)
        let columns = width ?? (TerminalChoice.stdoutIsTTY ? Style.terminalWidth() : nil) ?? 80
        let titles = ChoiceTitles.load().labels["trigger"] ?? [:]
        let pager = pagerOption.start()
        defer { pager?.finish() }
        if json {
            print(StatsJSON.document(report, triggerTitles: titles).text(pretty: true))
            return
        }
        print(StatsPage.render(report, width: columns, style: style, triggerTitles: titles).joined(separator: "\n"))
    }
}

import ArgumentParser
import Foundation
import UnsentCore

/// The weekly review: the week's figures, then two questions, saved like a reflection.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Look back on your week: your figures and charts, then two questions about what you notice, saved with your reflections.",
        discussion: CommandHelp.discussion(
            examples: [("unsent review", "this week's review"), ("unsent review --ascii", "with plain characters in the charts")],
            exits: CommandHelp.conversationExits))

    @Flag(help: "Draw the charts with plain ASCII characters instead of block characters.")
    var ascii = false

    @OptionGroup var options: SessionOptions

    func run() throws {
        // The charts come before a conversation: never through a pager.
        var arguments = (ascii ? ["--ascii"] : []) + ["--no-pager", "--color", options.color.rawValue]
        if let store = options.store { arguments += ["--store", store] }
        try Stats.parse(arguments).run()
        print("")
        // The charts go through stdio's buffer, the conversation straight to the file: keep them in order.
        fflush(nil)
        try Conversation.run(flow: "review", options: options)
    }
}

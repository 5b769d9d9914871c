import ArgumentParser
import UnsentCore

struct Home: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "Open the home menu: talk through an urge, practise a reply, or do your daily check-in.",
        discussion: CommandHelp.discussion(
            "This is what 'unsent' alone opens. At any question you can type help, back, menu, quit or sos.",
            examples: [("unsent", "the home menu"), ("unsent --region uk", "the same, with help lines for the UK from now on")],
            exits: CommandHelp.conversationExits))

    @OptionGroup var options: SessionOptions

    func run() throws { try Conversation.run(flow: "home", options: options) }
}

struct Urge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "urge",
        abstract: "Talk through an urge to text your ex: rate it, write the message out (it stays unsent), and wait the wave out.",
        discussion: CommandHelp.discussion(
            examples: [("unsent urge", "talk it through, with a 10 minute wait on a terminal"),
                       ("unsent urge --wait 5m", "the same, with a 5 minute wait")],
            exits: CommandHelp.conversationExits))

    @OptionGroup var options: SessionOptions

    func run() throws { try Conversation.run(flow: "urge", options: options) }
}

struct Reply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Your ex reached out: decide whether to answer at all, and practise a calm reply if you do.",
        discussion: CommandHelp.discussion(
            examples: [("unsent reply", "paste their message, decide, and practise an answer"),
                       ("unsent reply --practice", "practise on made-up messages")],
            exits: CommandHelp.conversationExits))

    @Flag(help: "Practise on made-up messages like the ones an ex might send, with the tone check and a model reply.")
    var practice = false

    @OptionGroup var options: SessionOptions

    func run() throws { try Conversation.run(flow: "reply", options: options, extra: ["practice": .bool(practice)]) }
}

struct Reflect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reflect",
        abstract: "Do your daily check-in: mood, cravings, and a few lines about today.",
        discussion: CommandHelp.discussion(
            "Yesterday's check-in can still be filled in the next day.",
            examples: [("unsent reflect", "today's check-in")],
            exits: CommandHelp.conversationExits))

    @OptionGroup var options: SessionOptions

    func run() throws { try Conversation.run(flow: "reflect", options: options) }
}

struct Sos: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sos",
        abstract: "Show crisis and support lines for your region right away. You can also type sos at any question.",
        discussion: CommandHelp.discussion(
            examples: [("unsent sos", "the help lines for your region"), ("unsent sos --region au", "the help lines for Australia")],
            exits: CommandHelp.conversationExits))

    @OptionGroup var options: SessionOptions

    func run() throws { try Conversation.run(flow: "sos", options: options, extra: ["from_command": .bool(true)]) }
}

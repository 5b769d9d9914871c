import ArgumentParser
import UnsentCore

struct Home: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "Open the home menu: talk through an urge, practise a reply, or do your daily check-in.")

    @OptionGroup var options: SessionOptions

    func run() throws { try Launcher.converse(flow: "home", options: options) }
}

struct Urge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "urge",
        abstract: "Talk through an urge to text your ex: rate it, write the message out (it stays unsent), and wait the wave out.")

    @OptionGroup var options: SessionOptions

    func run() throws { try Launcher.converse(flow: "urge", options: options) }
}

struct Reply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Your ex reached out: decide whether to answer at all, and practise a calm reply if you do.")

    @Flag(help: "Practise on made-up messages like the ones an ex might send, with the tone check and a model reply.")
    var practice = false

    @OptionGroup var options: SessionOptions

    func run() throws { try Launcher.converse(flow: "reply", options: options, extra: ["practice": .bool(practice)]) }
}

struct Reflect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reflect",
        abstract: "Do your daily check-in: mood, cravings, and a few lines about today.")

    @OptionGroup var options: SessionOptions

    func run() throws { try Launcher.converse(flow: "reflect", options: options) }
}

struct Sos: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sos",
        abstract: "Show crisis and support lines for your region right away. You can also type sos at any question.")

    @OptionGroup var options: SessionOptions

    func run() throws { try Launcher.converse(flow: "sos", options: options, extra: ["from_command": .bool(true)]) }
}

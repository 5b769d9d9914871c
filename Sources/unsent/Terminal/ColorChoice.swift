import ArgumentParser

/// `--color=auto|always|never`: whether output is coloured.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    case auto
    /// Always, even in a pipe or with NO_COLOR.
    case always
    /// Never.
    case never
}

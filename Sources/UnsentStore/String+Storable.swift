extension String {
    /// The string as the store keeps it in a TEXT column: NUL characters become U+FFFD.
    ///
    /// GRDB reads TEXT through C strings, so a NUL would silently cut the rest of the text off when read
    /// back. Terminal text has no use for NUL; a visible replacement is better than a silent loss. (Event
    /// fields are JSON, where NUL is escaped, and keep it.)
    var storable: String {
        contains("\u{0}") ? replacingNUL() : self
    }

    private func replacingNUL() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}

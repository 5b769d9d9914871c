import Foundation

/// Makes readline read what is typed as UTF-8 whatever the locale says.
///
/// Readline decodes keys by the C library's character type locale (LC_CTYPE). Under `LANG=C`, or with
/// no locale at all, it works byte by byte: Chinese input was taken for Meta keys and lost, and a
/// backspace removed one byte of a character, leaving half of it to be stored as U+FFFD. Unsent writes
/// and stores UTF-8 only, so when the locale's character set is not UTF-8 the character type becomes
/// C.UTF-8. Readline reads LC_ALL, LC_CTYPE and LANG again before every line it reads, so the variable
/// that decides it says the same.
enum InputLocale {
    /// The locales tried, in order, when the environment's is not UTF-8.
    static let utf8Candidates = ["C.UTF-8", "C.utf8", "en_US.UTF-8"]

    /// Sets LC_CTYPE from the environment, and to a UTF-8 locale when that one is not; returns the
    /// locale chosen instead, or nil when the environment's was UTF-8 already (or none could be set).
    @discardableResult
    static func useUTF8() -> String? {
        setlocale(LC_CTYPE, "")
        guard !isUTF8 else { return nil }
        guard let chosen = utf8Candidates.first(where: { setlocale(LC_CTYPE, $0) != nil }) else { return nil }
        let deciding = (getenv("LC_ALL").map { String(cString: $0) } ?? "").isEmpty ? "LC_CTYPE" : "LC_ALL"
        setenv(deciding, chosen, 1)
        return chosen
    }

    /// Whether the current character type locale is UTF-8.
    static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

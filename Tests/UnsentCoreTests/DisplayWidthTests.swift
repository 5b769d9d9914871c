import Testing
@testable import UnsentCore

/// Terminal columns by utf8proc's Unicode width table, per grapheme cluster (issue 19, "Text in
/// every language"): the strings that the old count got wrong, and wrapping and cutting by them.
struct DisplayWidthTests {
    @Test(arguments: [
        ("plain", 5),
        ("👍🏽", 2),                          // thumbs up with a skin tone: one cluster, not 4 columns
        ("☕", 2),                            // hot beverage: East Asian wide
        ("a\u{200B}b", 2),                   // zero-width space takes no column
        ("e\u{301}", 1),                     // e with a combining acute accent
        ("Zoe\u{308}\u{323}", 3),            // two combining marks on one letter
        ("我真的很想你", 12),                  // CJK: two columns each
        ("こんにちは", 10),                    // kana
        ("한국어", 6),                         // Hangul syllables
        ("\u{1100}\u{1161}\u{11A8}", 2),     // Hangul jamo forming one syllable
        ("👩‍👩‍👧‍👦", 2),                       // a family joined by zero-width joiners
        ("🇫🇷🇯🇵", 4),                        // two flags (regional indicator pairs)
        ("❤️", 2),                           // a text symbol with the emoji selector U+FE0F
        ("❤", 1),                            // the same symbol without it
        ("ｆｕｌｌ", 8),                       // full-width Latin
        ("a\tb", 3),                         // a tab is shown as a space (Sanitizer.clean)
        ("a\u{7}b", 3),                      // another control character is shown as one mark
        ("\u{AD}", 1),                       // soft hyphen, as wcwidth counts it
        ("", 0),
    ])
    func columns(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected, "\(text.debugDescription)")
    }

    @Test func cuttingNeverSplitsACharacterAndCountsColumns() {
        #expect(DisplayWidth.truncated("我真的很想你", to: 7) == "我真的…")
        #expect(DisplayWidth.truncated("我真的很想你", to: 12) == "我真的很想你")
        #expect(DisplayWidth.truncated("👍🏽👍🏽👍🏽", to: 4) == "👍🏽…")
        #expect(DisplayWidth.truncated("e\u{301}e\u{301}e\u{301}e\u{301}", to: 3) == "e\u{301}e\u{301}…")
        #expect(DisplayWidth.prefix("ab我", columns: 3) == "ab")
    }

    @Test func paddingFillsColumnsNotCharacters() {
        #expect(DisplayWidth.padded("想你", to: 6) == "想你  ")
        #expect(DisplayWidth.padded("e\u{301}", to: 3) == "e\u{301}  ")
        #expect(DisplayWidth.padded(leading: "7", to: 3) == "  7")
        #expect(DisplayWidth.padded("toolong", to: 3) == "toolong")
    }

    @Test(arguments: [
        "I keep wanting to text him even though I know it would not help at all",
        "我真的很想你，可是我知道现在不应该给你发消息。我会再等一等，明天再想想。",
        "今日はとても寂しい。でも、メッセージは送らない。",
        "ok 👍🏽👍🏽👍🏽 then 🇫🇷🇫🇷🇫🇷🇫🇷 and café\u{301} crème brûlée once more 👩‍👩‍👧‍👦👩‍👩‍👧‍👦",
        "supercalifragilisticexpialidocious-and-then-some-more-letters",
        "mixed English and 中文混在一起的句子没有空格也要好好换行 and back again",
    ])
    func wrappedLinesFitAndKeepEveryCharacter(text: String) {
        for columns in [12, 19, 39] {
            let lines = DisplayWidth.wrapped(text, columns: columns, indent: "  ")
            let wide = lines.filter { DisplayWidth.of($0) > columns }
            #expect(wide.isEmpty, "at \(columns): \(wide)")
            let kept = lines.joined().filter { $0 != " " }
            #expect(kept == text.filter { $0 != " " }, "at \(columns): \(lines)")
        }
    }

    @Test func wrappingBreaksAtSpacesAndChineseAnywhere() {
        #expect(DisplayWidth.wrapped("one two three four", columns: 9) == ["one two", "three", "four"])
        #expect(DisplayWidth.wrapped("one two three", columns: 9, indent: "  ") == ["one two", "  three"])
        #expect(DisplayWidth.wrapped("我真的很想你我真的很想你", columns: 10) == ["我真的很想", "你我真的很", "想你"])
        #expect(DisplayWidth.wrapped("I said 我真的很想你", columns: 12) == ["I said 我真", "的很想你"])
        // An emoji is wide but belongs to its word: the word moves whole.
        #expect(DisplayWidth.wrapped("see you 👋🏽bye", columns: 10) == ["see you", "👋🏽bye"])
        #expect(DisplayWidth.wrapped("a\n\nb", columns: 10) == ["a", "", "b"])
    }

    /// A help line's number moves whole to the next line, never split between its groups (stop 19: "call
    /// 0808 2000 / 247" at 60 columns); numbers in words are left alone, and one longer than a line is split.
    @Test func aNumberWrittenInGroupsStaysTogether() {
        #expect(DisplayWidth.wrapped("Helpline: call 0808 2000 247", columns: 24) == ["Helpline: call", "0808 2000 247"])
        #expect(DisplayWidth.wrapped("Samaritans: call 116 123 now", columns: 20) == ["Samaritans: call", "116 123 now"])
        #expect(DisplayWidth.wrapped("I have 2 kids and 3 cats", columns: 12) == ["I have 2", "kids and 3", "cats"])
        #expect(DisplayWidth.wrapped("0808 2000 247", columns: 8) == ["0808 200", "0 247"])
    }
}

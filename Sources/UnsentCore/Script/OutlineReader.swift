import Foundation

/// Reads a content file into outline lines, checking indentation.
///
/// Rules: blank lines and lines whose first non-space character is `#` are ignored;
/// indentation is spaces only; a line indented deeper than the one before it is its child;
/// a dedent must return to a level already in use.
public enum OutlineReader {
    public static func read(file: String, text: String) throws(ContentError) -> [OutlineLine] {
        var diagnostics: [Diagnostic] = []
        // Stack of (indent, line) for open blocks.
        var roots: [OutlineLine] = []
        var stack: [(indent: Int, line: OutlineLine)] = []

        func close(downTo indent: Int) {
            while let top = stack.last, top.indent >= indent {
                stack.removeLast()
                if var parent = stack.popLast() {
                    parent.line.children.append(top.line)
                    stack.append(parent)
                } else {
                    roots.append(top.line)
                }
            }
        }

        // Lines are found on the UTF-8 bytes: it is several times faster than walking Characters,
        // and content is read at every start. Strings are made only for the text kept.
        let bytes = Array(text.utf8)
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            lineNumber += 1
            let lineEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
            var bodyStart = start
            var sawTab = false
            while bodyStart < lineEnd, bytes[bodyStart] == 0x20 { bodyStart += 1 }
            let indent = bodyStart - start
            var contentStart = bodyStart
            while contentStart < lineEnd, bytes[contentStart] == 0x20 || bytes[contentStart] == 0x09 {
                if bytes[contentStart] == 0x09 { sawTab = true }
                contentStart += 1
            }
            var bodyEnd = lineEnd
            while bodyEnd > contentStart, bytes[bodyEnd - 1] == 0x20 || bytes[bodyEnd - 1] == 0x09 { bodyEnd -= 1 }
            if contentStart >= bodyEnd || (bodyStart < lineEnd && bytes[bodyStart] == 0x23) { continue }
            let source = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
            if sawTab {
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: file, line: lineNumber, column: indent + 1),
                    "indentation uses a tab; use spaces", sourceLine: source))
                continue
            }
            if Self.containsReplacementCharacter(bytes[start..<lineEnd]) {
                let column = (source.firstIndex(of: "\u{FFFD}").map { source.distance(from: source.startIndex, to: $0) } ?? 0) + 1
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: file, line: lineNumber, column: column),
                    "this line is not valid UTF-8; save the file as UTF-8", sourceLine: source))
                continue
            }
            if let top = stack.last, indent <= top.indent {
                // A sibling or a dedent: it must match an open level.
                if !stack.contains(where: { $0.indent == indent }) && indent != 0 {
                    diagnostics.append(Diagnostic(
                        .error, at: SourceLocation(file: file, line: lineNumber, column: indent + 1),
                        "this line's indentation (\(indent) spaces) matches no enclosing block",
                        sourceLine: source,
                        note: "indent it like the line it belongs with"))
                    continue
                }
                close(downTo: indent)
            }
            let line = OutlineLine(
                text: String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self),
                location: SourceLocation(file: file, line: lineNumber, column: indent + 1),
                source: source, children: [])
            stack.append((indent, line))
        }
        close(downTo: 0)
        if !diagnostics.isEmpty { throw ContentError(diagnostics) }
        return roots
    }

    /// U+FFFD (EF BF BD) marks bytes that were not valid UTF-8 when the file was read.
    static func containsReplacementCharacter(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index + 2 < bytes.endIndex {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD { return true }
            index += 1
        }
        return false
    }
}

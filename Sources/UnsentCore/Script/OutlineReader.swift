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

        var lineNumber = 0
        // "\r\n" is one Character in Swift, so Windows line ends are made plain first.
        let text = text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let source = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            var indent = 0
            var sawTab = false
            for character in source {
                if character == " " { indent += 1 } else if character == "\t" { sawTab = true; break } else { break }
            }
            let body = source.dropFirst(indent)
            if body.trimmingSpaces().isEmpty || body.hasPrefix("#") { continue }
            if sawTab {
                diagnostics.append(Diagnostic(
                    .error, at: SourceLocation(file: file, line: lineNumber, column: indent + 1),
                    "indentation uses a tab; use spaces", sourceLine: source))
                continue
            }
            if source.contains("\u{FFFD}") {
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
                text: body.trimmingSpaces(),
                location: SourceLocation(file: file, line: lineNumber, column: indent + 1),
                source: source, children: [])
            stack.append((indent, line))
        }
        close(downTo: 0)
        if !diagnostics.isEmpty { throw ContentError(diagnostics) }
        return roots
    }
}

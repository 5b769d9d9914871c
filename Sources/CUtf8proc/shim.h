// utf8proc, the Unicode character width table behind DisplayWidth (Debian: libutf8proc-dev).
// No `link` line: Package.swift links the static library on Linux, so the binary needs no
// libutf8proc at run time.
#include <utf8proc.h>

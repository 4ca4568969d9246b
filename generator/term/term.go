// Package term makes text from files safe to print to a terminal.
package term

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s with everything a terminal would obey instead of show
// written out as an escape: control characters (ESC starts a colour or
// cursor sequence, a carriage return rewrites the line, NUL and BEL do
// their own things), format characters (a right-to-left override turns
// the rest of the line around, a zero-width space hides) and bytes that
// are not UTF-8. Tabs and line breaks are kept. Names, titles and file
// names from a site reach the terminal in messages; whoever wrote them
// must not be able to write to the terminal.
func Escape(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case needsEscape(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r))
}

// EscapeLine is Escape for text that must stay on one line, such as a
// name in a one-line summary: line breaks and tabs are escaped too.
func EscapeLine(s string) string {
	return strings.NewReplacer("\n", `\n`, "\r", `\x0d`, "\t", `\t`).Replace(Escape(s))
}

// Package slug makes URL path segments from names: tags, muscles and
// equipment on the site, athletes' names for their programs. One function
// for both, so a name gives the same segment everywhere.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make lowercases s, drops accents ("José" becomes "jose"), keeps letters
// and digits of any script, and joins runs of anything else with one
// hyphen: "José Peña" becomes "jose-pena", "Gluteus medius" becomes
// "gluteus-medius", "日本" stays "日本". It returns "" when s has no letter
// or digit.
func Make(s string) string {
	var b strings.Builder
	dash := false
	// Decomposing first splits "é" into "e" and a combining accent, which
	// is then dropped: names keep their letters, URLs stay readable.
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// Is reports whether s is already a slug, as Make would write it.
func Is(s string) bool { return s != "" && Make(s) == s }

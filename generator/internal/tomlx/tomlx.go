// Package tomlx decodes TOML strictly: unknown keys and type mismatches are
// diag errors that carry the line (and column, when the parser knows it)
// and the key, so a typo in site.toml, front matter or a profile never
// passes silently.
package tomlx

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/stance-ssg/stance/generator/diag"
)

// Decode decodes src into v. Unknown keys are reported, all of them, each
// with its line. Syntax and type errors are reported with line and column.
func Decode(src string, v any) (toml.MetaData, error) {
	md, err := toml.Decode(src, v)
	if err != nil {
		return md, diag.List{fromDecodeError(err)}
	}
	undecoded := md.Undecoded()
	if len(undecoded) == 0 {
		return md, nil
	}
	var es diag.List
	seen := map[string]bool{}
	for _, k := range undecoded {
		// Report a whole unknown table once, not each key below it.
		if parentSeen(seen, k) {
			continue
		}
		seen[k.String()] = true
		es = append(es, &diag.Error{Line: KeyLine(src, k), Key: k.String(), Msg: "unknown key"})
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].Line < es[j].Line })
	return md, es
}

func parentSeen(seen map[string]bool, k toml.Key) bool {
	for i := 1; i < len(k); i++ {
		if seen[k[:i].String()] {
			return true
		}
	}
	return false
}

func fromDecodeError(err error) *diag.Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if msg == "" {
			msg = pe.Error()
		}
		return &diag.Error{Line: pe.Position.Line, Column: pe.Position.Col, Key: pe.LastKey, Msg: cleanMessage(msg)}
	}
	// Type mismatches come back as plain errors shaped like
	// `toml: line 2 (last key "weight"): incompatible types: ...`.
	msg := cleanMessage(err.Error())
	if m := typeErrorPattern.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &diag.Error{Line: line, Key: m[2], Msg: m[3]}
	}
	return &diag.Error{Msg: msg}
}

var typeErrorPattern = regexp.MustCompile(`^line (\d+) \(last key "([^"]*)"\): (.*)$`)

// cleanMessage drops the library's "toml: " prefix; the caller adds context.
func cleanMessage(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "toml: "))
	// A quoted date reaches time.Time as a string and fails with Go's
	// layout jargon; say what to write instead.
	if m := quotedDatePattern.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf("%q is not a date: write a TOML date such as 2026-11-02, without quotes", m[1])
	}
	return s
}

var quotedDatePattern = regexp.MustCompile(`^parsing time "((?:[^"\\]|\\.)*)" as `)

// KeyLine finds the line that defines key k: a `key =` assignment inside the
// right table, or a `[table]` header. It falls back to the first line that
// mentions the last part of the key, and to 1.
func KeyLine(src string, k toml.Key) int {
	last := k[len(k)-1]
	table := k[:len(k)-1].String()
	current := ""
	fallback := 0
	for i, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "[") {
			name := strings.Trim(line, "[] \t")
			if j := strings.Index(name, "]"); j >= 0 {
				name = name[:j]
			}
			current = normalizeKey(name)
			if current == k.String() {
				return i + 1
			}
			continue
		}
		eq := strings.Index(line, "=")
		if eq < 0 {
			continue
		}
		lhs := normalizeKey(line[:eq])
		full := lhs
		if current != "" {
			full = current + "." + lhs
		}
		if full == k.String() || (current == table && lhs == last) {
			return i + 1
		}
		if fallback == 0 && (lhs == last || strings.HasSuffix(lhs, "."+last)) {
			fallback = i + 1
		}
		// Inline tables: `tuesday = { typ = "x" }` defines tuesday.typ here.
		if fallback == 0 && strings.Contains(line[eq:], last) && strings.HasPrefix(k.String(), full+".") {
			fallback = i + 1
		}
	}
	if fallback > 0 {
		return fallback
	}
	return 1
}

func normalizeKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

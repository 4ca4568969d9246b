package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/stance-ssg/stance/generator/diag"
)

// YAML front matter (between `---` lines) is decoded into the same
// FrontMatter as TOML, as strictly. The YAML library parses the text into
// a tree of nodes, each with its line and column; the tree is then walked
// here against FrontMatter's fields (their toml tags are the key names in
// both formats), so every problem is a diag.Error with a position and a
// key, and all of them are reported at once.
//
// What YAML does differently, and how Stance treats it:
//   - Only true and false are booleans (YAML 1.2, as the library reads
//     it): yes, no, on and off are text. Text where true or false is
//     expected is an error that says so; true or false where text is
//     expected is an error that suggests quotes.
//   - Numbers, dates and booleans where text is expected are errors that
//     suggest quotes (title: 1984 is a number in YAML).
//   - Aliases (*name) are refused: they are the way to expand a small
//     file into a huge value ("billion laughs"), and front matter has no
//     need to repeat itself. Anchors alone (&name) are harmless.
//   - Tabs that indent a line are a YAML syntax error, reported on the
//     line that has the tab.
//   - A key given twice is an error naming both lines.
//   - Keys are case-sensitive: Title is not title, and is an unknown key.
//   - An empty value (key: with nothing after it, ~ or null) is the same
//     as leaving the key out.
//   - Front matter is one YAML document with keys and values at the top;
//     a second document (after a `...` line), a list or a single value
//     is an error.
//   - Dates are written as in TOML, without quotes: 2026-11-02, or
//     2026-11-02T07:30:00 with an optional offset (-08:00 or Z).

// posFunc gives the line and column of a front matter key (a dotted path
// split into parts) in the front matter text: line 1 is the first line
// after the opening delimiter. The column is 0 where unknown.
type posFunc func(key []string) (line, col int)

// yamlPos is where a key of YAML front matter is written.
type yamlPos struct{ line, col int }

// decodeYAML decodes YAML front matter. Errors carry lines of the front
// matter text, as decodeTOML's do (a message that names another line
// names the file's line: frontOffset lines come before the text).
func decodeYAML(src []byte) (FrontMatter, posFunc, error) {
	var fm FrontMatter
	d := &yamlDecoder{pos: map[string]yamlPos{}}
	lookup := d.lookup
	if e := controlCharacter(src); e != nil {
		// The library refuses these without saying where.
		return fm, lookup, diag.List{e}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return fm, lookup, nil // empty: only the title will be missing
		}
		return fm, lookup, diag.List{yamlSyntaxError(src, err)}
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return fm, lookup, diag.List{yamlSyntaxError(src, err)}
	default:
		return fm, lookup, diag.List{{Line: second.Line, Column: second.Column,
			Msg: "a second YAML document starts here: front matter is one document; remove it, or move its keys into the first"}}
	}
	top := &doc
	if top.Kind == yaml.DocumentNode && len(top.Content) == 1 {
		top = top.Content[0]
	}
	switch {
	case top.Kind == 0 || (top.Kind == yaml.ScalarNode && top.Tag == "!!null"):
		return fm, lookup, nil
	case top.Kind == yaml.AliasNode:
		d.refuseAlias(top, "")
	case top.Kind != yaml.MappingNode:
		d.fail(top, "", "front matter must be keys and values (title: ...), not %s", describe(top))
	default:
		d.mapping(top, reflect.ValueOf(&fm).Elem(), "")
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return fm, lookup, d.errs
	}
	return fm, lookup, nil
}

type yamlDecoder struct {
	errs diag.List
	pos  map[string]yamlPos // dotted key -> where it is written
}

// lookup finds a key, or the nearest key above it that is written (a
// check on reps.stability.min when min is left out points at
// reps.stability), or line 1.
func (d *yamlDecoder) lookup(key []string) (int, int) {
	for n := len(key); n > 0; n-- {
		if p, ok := d.pos[joinKey(key[:n])]; ok {
			return p.line, p.col
		}
	}
	return 1, 0
}

func (d *yamlDecoder) fail(n *yaml.Node, key, format string, args ...any) {
	d.errs = append(d.errs, &diag.Error{Line: n.Line, Column: n.Column, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (d *yamlDecoder) refuseAlias(n *yaml.Node, key string) {
	d.fail(n, key, "*%s repeats another value (a YAML alias): aliases are not allowed in front matter; write the value out", n.Value)
}

// mapping decodes the keys of a mapping node into the struct v.
func (d *yamlDecoder) mapping(n *yaml.Node, v reflect.Value, prefix string) {
	fields := structFields(v.Type())
	d.eachKey(n, prefix, func(k *yaml.Node, full string, val *yaml.Node) {
		i, ok := fields[k.Value]
		if !ok {
			d.fail(k, full, "%s", unknownKeyMessage(k.Value, fields))
			return
		}
		d.value(val, v.Field(i), full)
	})
}

// eachKey walks the key/value pairs of a mapping node, refusing keys
// that are not names, merge keys and keys given twice, and records where
// each key is written.
func (d *yamlDecoder) eachKey(n *yaml.Node, prefix string, f func(k *yaml.Node, full string, val *yaml.Node)) {
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind == yaml.AliasNode:
			d.refuseAlias(k, prefix)
			continue
		case k.Kind == yaml.ScalarNode && k.Tag == "!!merge":
			d.fail(k, prefix, "<< merges other keys in (a YAML merge key): it is not allowed in front matter; write the keys out")
			continue
		case k.Kind != yaml.ScalarNode || k.Tag != "!!str":
			d.fail(k, prefix, "a key must be a name, such as title; this is %s (put it in quotes if it is meant as a name)", describe(k))
			continue
		}
		full := k.Value
		if prefix != "" {
			full = prefix + "." + k.Value
		}
		if first, ok := seen[k.Value]; ok {
			if first.Line == k.Line {
				d.fail(k, full, "given twice on this line, in columns %d and %d: keep one", first.Column, k.Column)
			} else {
				d.fail(k, full, "given twice, on lines %d and %d: keep one", first.Line+frontOffset, k.Line+frontOffset)
			}
			continue
		}
		seen[k.Value] = k
		d.pos[full] = yamlPos{k.Line, k.Column}
		f(k, full, val)
	}
}

func unknownKeyMessage(name string, fields map[string]int) string {
	for known := range fields {
		if strings.EqualFold(known, name) {
			return fmt.Sprintf("unknown key: keys are case-sensitive; did you mean %q?", known)
		}
	}
	return "unknown key"
}

var timeType = reflect.TypeOf(time.Time{})

// value decodes one value node into v, by v's type.
func (d *yamlDecoder) value(n *yaml.Node, v reflect.Value, key string) {
	switch {
	case n.Kind == yaml.AliasNode:
		d.refuseAlias(n, key)
		return
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return // an empty value is the key left out
	case !knownTag(n.Tag):
		d.fail(n, key, "the YAML tag %s is not supported: leave it out", n.Tag)
		return
	}
	switch {
	case v.Type() == timeType:
		if t, ok := d.date(n, key); ok {
			v.Set(reflect.ValueOf(t))
		}
	case v.Kind() == reflect.String:
		if s, ok := d.text(n, key); ok {
			v.SetString(s)
		}
	case v.Kind() == reflect.Bool:
		d.boolean(n, v, key)
	case v.Kind() == reflect.Int:
		d.integer(n, v, key)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		d.list(n, v, key)
	case v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String && v.Type().Elem().Kind() == reflect.Struct:
		d.table(n, v, key)
	case v.Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.fail(n, key, "must be keys and values, not %s", describe(n))
			return
		}
		d.mapping(n, v, key)
	default:
		panic(fmt.Sprintf("content: front matter field %s of type %s has no YAML decoding", key, v.Type()))
	}
}

// knownTag reports the tags the library gives plain values, and the
// standard ones an author may write explicitly (!!str 2026).
func knownTag(tag string) bool {
	switch tag {
	case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!map", "!!seq":
		return true
	}
	return false
}

// text reads a value that must be text.
func (d *yamlDecoder) text(n *yaml.Node, key string) (string, bool) {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str":
		return n.Value, true
	case n.Kind == yaml.ScalarNode && n.Tag == "!!bool":
		d.fail(n, key, "%s is a YAML boolean (true or false), not text: put it in quotes, \"%s\", if it is meant as text", n.Value, n.Value)
	case n.Kind == yaml.ScalarNode:
		d.fail(n, key, "%s is %s, not text: put it in quotes, \"%s\"", n.Value, describe(n), n.Value)
	default:
		d.fail(n, key, "must be text, not %s", describe(n))
	}
	return "", false
}

// yaml11Booleans are the words YAML 1.1 read as booleans. YAML 1.2, and
// so Stance, reads them as text; where true or false is expected they get
// an error that says so.
var yaml11Booleans = map[string]bool{"yes": true, "no": true, "on": true, "off": true, "y": true, "n": true}

func (d *yamlDecoder) boolean(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			v.SetBool(b)
			return
		}
	}
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str" && yaml11Booleans[strings.ToLower(n.Value)]:
		d.fail(n, key, "%q is text in YAML 1.2, not a boolean: write true or false", n.Value)
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str":
		d.fail(n, key, "%q is text, not a boolean: write true or false, without quotes", n.Value)
	default:
		d.fail(n, key, "must be true or false, not %s", describe(n))
	}
}

func (d *yamlDecoder) integer(n *yaml.Node, v reflect.Value, key string) {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!int":
		var i int64
		if err := n.Decode(&i); err != nil || int64(int(i)) != i {
			d.fail(n, key, "%s is too large a number", n.Value)
			return
		}
		v.SetInt(i)
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str":
		d.fail(n, key, "%q is text, not a whole number: write the number without quotes", n.Value)
	case n.Kind == yaml.ScalarNode && n.Tag == "!!float" && wholeNumber.MatchString(n.Value):
		d.fail(n, key, "%s is too large a number", n.Value) // the library reads it as a float
	case n.Kind == yaml.ScalarNode && n.Tag == "!!float":
		d.fail(n, key, "%s is not a whole number", n.Value)
	default:
		d.fail(n, key, "must be a whole number, not %s", describe(n))
	}
}

var wholeNumber = regexp.MustCompile(`^[-+]?[0-9_]+$`)

func (d *yamlDecoder) list(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.SequenceNode {
		example := "glutes"
		if n.Kind == yaml.ScalarNode {
			example = n.Value
		}
		d.fail(n, key, "must be a list, not %s: write [%s], or each value on a line of its own after `- `", describe(n), example)
		return
	}
	out := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	ok := true
	for _, item := range n.Content {
		switch {
		case item.Kind == yaml.AliasNode:
			d.refuseAlias(item, key)
			ok = false
		case item.Kind == yaml.ScalarNode && item.Tag == "!!null":
			d.fail(item, key, "a list value is empty: remove it, or write it out")
			ok = false
		default:
			s, good := d.text(item, key)
			ok = ok && good
			out = reflect.Append(out, reflect.ValueOf(s))
		}
	}
	if ok {
		v.Set(out)
	}
}

// table decodes a mapping of names to structs (reps: {stability: {...}}).
func (d *yamlDecoder) table(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, key, "must be keys and values, not %s", describe(n))
		return
	}
	m := reflect.MakeMap(v.Type())
	d.eachKey(n, key, func(k *yaml.Node, full string, val *yaml.Node) {
		elem := reflect.New(v.Type().Elem()).Elem()
		switch {
		case val.Kind == yaml.AliasNode:
			d.refuseAlias(val, full)
			return
		case val.Kind == yaml.ScalarNode && val.Tag == "!!null":
		case val.Kind != yaml.MappingNode:
			d.fail(val, full, "must be keys and values, not %s", describe(val))
			return
		default:
			d.mapping(val, elem, full)
		}
		m.SetMapIndex(reflect.ValueOf(k.Value), elem)
	})
	v.Set(m)
}

// date reads a date as TOML does: unquoted, a date (2026-11-02) or a
// date and time (2026-11-02T07:30:00 or with a space), with an optional
// offset (-08:00, Z) that is kept; a time without a date is refused.
func (d *yamlDecoder) date(n *yaml.Node, key string) (time.Time, bool) {
	const example = "write a date such as 2026-11-02, or a date and time such as 2026-11-02T07:30:00 (an offset such as -08:00 may follow)"
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	switch {
	case n.Kind != yaml.ScalarNode:
		d.fail(n, key, "must be a date, not %s: %s", describe(n), example)
	case quoted && n.Tag != "!!timestamp":
		d.fail(n, key, "%q is not a date: write a date such as 2026-11-02, without quotes", n.Value)
	case n.Tag != "!!str" && n.Tag != "!!timestamp":
		d.fail(n, key, "%s is %s, not a date: %s", n.Value, describe(n), example)
	default:
		t, err := parseDate(n.Value)
		if err != nil {
			d.fail(n, key, "%s", err)
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}

// dateText is what a TOML date or time may be made of; other text is not
// handed to the TOML parser at all.
var dateText = regexp.MustCompile(`^[0-9]{2}[0-9:.+\-TtZz ]*$`)

// parseDate reads a date written as TOML writes one, with TOML's parser
// and frontDate, so a date means the same in either format.
func parseDate(s string) (time.Time, error) {
	const example = "write a date such as 2026-11-02, or a date and time such as 2026-11-02T07:30:00 (an offset such as -08:00 may follow)"
	invalid := fmt.Errorf("%s is not a valid date: %s", s, example)
	if !dateText.MatchString(s) {
		return time.Time{}, invalid
	}
	var v struct {
		Date any `toml:"date"`
	}
	if _, err := toml.Decode("date = "+s, &v); err != nil {
		return time.Time{}, invalid
	}
	if _, ok := v.Date.(time.Time); !ok {
		return time.Time{}, invalid
	}
	var fd frontDate
	if err := fd.UnmarshalTOML(v.Date); err != nil {
		return time.Time{}, err
	}
	return fd.t, nil
}

// describe names what a node is, for messages: "a list", "the number 3".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "keys and values"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!timestamp":
		return "a date"
	case "!!null":
		return "empty"
	case "!!str":
		return fmt.Sprintf("the text %q", n.Value)
	}
	return "a value tagged " + n.Tag
}

// structFields maps the key names of a struct's fields (their toml tags)
// to the fields' indexes.
func structFields(t reflect.Type) map[string]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	fieldCache.Store(t, m)
	return m
}

var fieldCache sync.Map // reflect.Type -> map[string]int

// yamlLinePattern reads the line out of the library's syntax errors,
// "yaml: line 3: found unexpected end of stream".
var yamlLinePattern = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlSyntaxError turns the library's error into a positioned one. A tab
// that indents a line is the most common cause and the library does not
// always say so, or says so a line early: when a line up to the one after
// the error is indented with a tab, that line is reported.
func yamlSyntaxError(src []byte, err error) *diag.Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLinePattern.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if tabLine, tabCol := indentingTab(src, line+1); tabLine > 0 {
		return &diag.Error{Line: tabLine, Column: tabCol, Msg: "a tab indents this line: YAML indents with spaces only; replace the tab with spaces"}
	}
	if strings.Contains(msg, "<document start>") {
		// Text after a "..." line, the end of a document.
		return &diag.Error{Line: line, Msg: "front matter is one YAML document: nothing may follow a `...` line (the end of a document); remove it"}
	}
	return &diag.Error{Line: line, Msg: "invalid YAML: " + msg}
}

// indentingTab finds the first line, up to line last, whose indentation
// holds a tab, and the tab's column.
func indentingTab(src []byte, last int) (line, col int) {
	for i := 1; len(src) > 0 && i <= last; i++ {
		l, rest, _ := cutLine(src)
		src = rest
		for j, c := range l {
			if c == '\t' {
				return i, j + 1
			}
			if c != ' ' {
				break
			}
		}
	}
	return 0, 0
}

// controlCharacter finds a character YAML does not allow in a document
// (control characters other than tab and line breaks, U+FFFE and U+FFFF,
// a byte order mark inside the text), with its line and column. It also
// refuses the characters the library reads as line breaks where a text
// editor (and the rest of Stance) does not: a carriage return without a
// line feed, U+0085, U+2028 and U+2029. With them, the library's line
// numbers would not be the file's.
func controlCharacter(src []byte) *diag.Error {
	line, col := 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		src = src[size:]
		var msg string
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r == '\r' && (len(src) == 0 || src[0] != '\n'):
			msg = "a carriage return without a line feed: YAML reads it as a line break; save the file with LF or CRLF line endings"
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			msg = fmt.Sprintf("the character %U is a line break in YAML: replace it with a real line break, or a space", r)
		case r == '\t' || r == '\r':
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0xfeff || r == 0xfffe || r == 0xffff:
			msg = fmt.Sprintf("the character %U is not allowed in YAML: remove it", r)
		}
		if msg != "" {
			return &diag.Error{Line: line, Column: col, Msg: msg}
		}
		col++
	}
	return nil
}

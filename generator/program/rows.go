package program

import (
	"html/template"
	"strconv"
	"strings"
)

// The table rows of a program page are built here in Go rather than with
// one template action per cell. A 16-week program has about a thousand
// cells, and html/template escapes each action through reflection: that
// was two thirds of the time to produce a program. The rows are the part
// that repeats; the page structure (sections, headings, captions, table
// heads) stays in templates/program.html.
//
// Every piece of text goes through escapeText, which matches html/template
// byte for byte in element content and quoted attributes, and every href
// through escapeURL, which matches its URL filter and normalizer, so the
// page is the same as when the template rendered each cell.
// rows_test.go checks both against html/template.

// failsafeURL replaces a URL that must not reach an href, as html/template
// does, so a filtered link is recognisable in the output.
const failsafeURL = "#ZgotmplZ"

// PhaseRows returns the rows of the phase table, escaped.
func (p *Page) PhaseRows() template.HTML {
	var b strings.Builder
	b.Grow(len(p.Phases) * 160)
	for _, ph := range p.Phases {
		b.WriteString(`<tr><th scope="row">`)
		escapeText(&b, ph.Title)
		b.WriteString(`</th><td>`)
		escapeText(&b, ph.Weeks)
		b.WriteString(`</td><td>`)
		escapeText(&b, ph.Goal)
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// Rows returns the rows of the cadence table, one per week, escaped.
func (c CadenceView) Rows() template.HTML {
	var b strings.Builder
	b.Grow(len(c.Weeks) * 64)
	var num [20]byte
	for _, w := range c.Weeks {
		b.WriteString(`<tr><th scope="row">`)
		b.Write(strconv.AppendInt(num[:0], int64(w.Number), 10))
		b.WriteString(`</th><td>`)
		b.Write(strconv.AppendInt(num[:0], int64(w.SPM), 10))
		b.WriteString(`</td><td>`)
		escapeText(&b, w.Change)
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// CueItems returns the cadence cues as list items, escaped.
func (c CadenceView) CueItems() template.HTML { return listItems(c.Cues) }

// ExplanationItems returns the explanations as list items, escaped.
func (p *Page) ExplanationItems() template.HTML { return listItems(p.Explanations) }

func listItems(items []string) template.HTML {
	var b strings.Builder
	size := 0
	for _, it := range items {
		size += len("<li></li>\n") + len(it)
	}
	b.Grow(size)
	for _, it := range items {
		b.WriteString("<li>")
		escapeText(&b, it)
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}

// CalendarRows returns the week's day-by-day rows, escaped.
func (w WeekView) CalendarRows() template.HTML {
	var b strings.Builder
	size := 0
	for i := range w.Days {
		d := &w.Days[i]
		size += 110 + len(d.ISO) + len(d.Date) + len(d.Run) + len(d.Strength) + len(d.Note)
	}
	b.Grow(size)
	for i := range w.Days {
		d := &w.Days[i]
		b.WriteString(`<tr><th scope="row"><time datetime="`)
		escapeText(&b, d.ISO)
		b.WriteString(`">`)
		escapeText(&b, d.Date)
		b.WriteString(`</time></th><td>`)
		escapeText(&b, d.Run)
		b.WriteString(`</td><td>`)
		escapeText(&b, d.Strength)
		b.WriteString(`</td><td class="program-note">`)
		escapeText(&b, d.Note)
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// SessionTables returns the week's session tables, escaped: per session a
// caption with the timing, the column heads (the last, "Load used", is
// the blank the runner fills in) and the exercise rows.
func (w WeekView) SessionTables() template.HTML {
	var b strings.Builder
	size := 0
	for i := range w.Sessions {
		size += len(sessionHead) + len(w.Sessions[i].Heading) + len(w.Sessions[i].Timing) + w.Sessions[i].rowsSize()
	}
	b.Grow(size)
	for i := range w.Sessions {
		s := &w.Sessions[i]
		b.WriteString("\n<table class=\"program-session\">\n<caption>")
		escapeText(&b, s.Heading)
		b.WriteString(`<span class="program-timing">`)
		escapeText(&b, s.Timing)
		b.WriteString(sessionHead)
		s.writeRows(&b)
		b.WriteString("</tbody>\n</table>")
	}
	return template.HTML(b.String())
}

// Rows returns the session's exercise rows, escaped, each with the blank
// cell for the load used.
func (s SessionView) Rows() template.HTML {
	var b strings.Builder
	b.Grow(s.rowsSize())
	s.writeRows(&b)
	return template.HTML(b.String())
}

const sessionHead = "</span></caption>\n" +
	`<thead><tr><th scope="col">Exercise</th><th scope="col">Sets</th><th scope="col">Reps</th><th scope="col">Load</th><th scope="col">Load used</th></tr></thead>` +
	"\n<tbody>\n"

// rowsSize is the length of the rows before escaping, so the builder
// usually allocates once: the fragments are most of the page's bytes.
func (s *SessionView) rowsSize() int {
	n := 0
	for i := range s.Exercises {
		e := &s.Exercises[i]
		n += 170 + len(e.URL) + len(e.Title) + len(e.Cue) + len(e.Reps) + len(e.Load)
	}
	return n
}

func (s *SessionView) writeRows(b *strings.Builder) {
	var num [20]byte
	for i := range s.Exercises {
		e := &s.Exercises[i]
		b.WriteString(`<tr><th scope="row"><a href="`)
		escapeURL(b, e.URL)
		b.WriteString(`">`)
		escapeText(b, e.Title)
		b.WriteString(`</a>`)
		if e.Cue != "" {
			b.WriteString(`<span class="program-cue">`)
			escapeText(b, e.Cue)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</th><td>`)
		b.Write(strconv.AppendInt(num[:0], int64(e.Sets), 10))
		b.WriteString(`</td><td>`)
		escapeText(b, e.Reps)
		b.WriteString(`</td><td>`)
		escapeText(b, e.Load)
		b.WriteString("</td><td class=\"program-blank\"><span></span></td></tr>\n")
	}
}

// textReplacements is html/template's table for text and quoted attribute
// values: the five HTML metacharacters, '+' (against UTF-7 sniffing) and
// NUL, which HTML parsers turn into U+FFFD anyway.
var textReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escapeText writes s escaped for HTML text or a quoted attribute value.
// Only ASCII bytes are replaced, so multi-byte UTF-8 (and invalid bytes)
// pass through unchanged, as in html/template.
func escapeText(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) >= len(textReplacements) || textReplacements[c] == "" {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(textReplacements[c])
		written = i + 1
	}
	b.WriteString(s[written:])
}

// safeURL allows relative URLs and http(s) ones: a scheme such as
// javascript: or data: must never reach an href.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true // no scheme: relative
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")
}

// escapeURL writes s for a double-quoted href: unsafe schemes become
// failsafeURL; bytes that are not allowed in a URL are percent-encoded
// (existing %XX escapes are kept); then '&' and '+' are escaped for the
// attribute. This is html/template's urlFilter, urlNormalizer and
// attrEscaper in one pass.
func escapeURL(b *strings.Builder, s string) {
	if !safeURL(s) {
		b.WriteString(failsafeURL)
		return
	}
	const hex = "0123456789abcdef"
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var repl string
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '&':
			repl = "&amp;"
		case c == '+':
			repl = "&#43;"
		case strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		default:
			b.WriteString(s[written:i])
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
			written = i + 1
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	b.WriteString(s[written:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

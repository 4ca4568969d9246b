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

// PatternRows returns the rows of the usual week: day, run, strength and
// the reason, without the weekday the reason starts with.
func (p *Page) PatternRows() template.HTML {
	var b strings.Builder
	for i := range p.Pattern {
		d := &p.Pattern[i]
		b.WriteString(`<tr><th scope="row">`)
		escapeText(&b, d.Weekday)
		b.WriteString(`</th><td>`)
		escapeText(&b, d.Run)
		b.WriteString(`</td><td>`)
		escapeText(&b, d.Strength)
		b.WriteString(`</td><td class="program-note">`)
		escapeText(&b, capitalize(strings.TrimPrefix(d.Note, d.Weekday+": ")))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// capitalize upper-cases the first letter of an ASCII-led note.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// CadenceItems returns the weekly metronome settings as list items.
func (c CadenceView) CadenceItems() template.HTML {
	var b strings.Builder
	b.Grow(len(c.Weeks) * 80)
	var num [20]byte
	for _, w := range c.Weeks {
		b.WriteString(`<li><span class="program-wk"><abbr title="Week">Wk</abbr> `)
		b.Write(strconv.AppendInt(num[:0], int64(w.Number), 10))
		b.WriteString(`</span> <strong>`)
		b.Write(strconv.AppendInt(num[:0], int64(w.SPM), 10))
		b.WriteString(`</strong> <span class="program-delta">`)
		escapeText(&b, w.Change)
		b.WriteString("</span></li>\n")
	}
	return template.HTML(b.String())
}

// DayItems returns the week's days as list items: date, run, strength.
func (w WeekView) DayItems() template.HTML {
	var b strings.Builder
	b.Grow(len(w.Days) * 140)
	for i := range w.Days {
		d := &w.Days[i]
		b.WriteString(`<li><time datetime="`)
		escapeText(&b, d.ISO)
		b.WriteString(`">`)
		escapeText(&b, d.Date)
		b.WriteString(`</time> <span class="program-run">`)
		escapeText(&b, d.Run)
		b.WriteString(`</span>`)
		if d.Strength != "" {
			b.WriteString(` <strong class="program-str">`)
			escapeText(&b, d.Strength)
			b.WriteString(`</strong>`)
		}
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}

// ExceptionItems returns the notes of days that differ from the usual week.
func (w WeekView) ExceptionItems() template.HTML { return listItems(w.Exceptions) }

// SessionBlocks returns the week's sessions, escaped: per session a heading,
// its timing, the warm-up, the log table with one cell per set, and the
// line for effort, pain and notes.
func (w WeekView) SessionBlocks(p *Page) template.HTML {
	var b strings.Builder
	size := 0
	for i := range w.Sessions {
		size += 1400 + w.Sessions[i].rowsSize()
	}
	b.Grow(size)
	for i := range w.Sessions {
		w.Sessions[i].write(&b, p)
	}
	return template.HTML(b.String())
}

func (s *SessionView) write(b *strings.Builder, p *Page) {
	b.WriteString("\n<section class=\"program-session\" aria-labelledby=\"")
	escapeText(b, s.ID)
	b.WriteString(`"><h3 id="`)
	escapeText(b, s.ID)
	b.WriteString(`">`)
	escapeText(b, s.Heading)
	b.WriteString(` <span class="program-timing">`)
	escapeText(b, s.Timing)
	b.WriteString("</span></h3>\n")
	s.writeWarmup(b, p.WarmupURL)
	b.WriteString(`<table class="program-log" aria-labelledby="`)
	escapeText(b, s.ID)
	b.WriteString(`"><thead><tr><th scope="col">Exercise and this week's dose</th>`)
	var num [20]byte
	for n := 1; n <= s.SetColumns; n++ {
		b.WriteString(`<th scope="col" class="program-setcol">Set `)
		b.Write(strconv.AppendInt(num[:0], int64(n), 10))
		b.WriteString(`</th>`)
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	s.writeRows(b)
	b.WriteString("</tbody></table>\n")
	b.WriteString(`<p class="program-rating"><span class="program-field">Effort: reps in reserve, last set</span> <span class="program-field">Pain 0–10 <span class="program-painscale">(`)
	escapeText(b, p.PainScale)
	b.WriteString(`)</span></span> <span class="program-field program-notes">Notes</span></p>` + "\n</section>")
}

func (s *SessionView) writeWarmup(b *strings.Builder, guide string) {
	if len(s.Warmup) == 0 {
		return
	}
	b.WriteString(`<p class="program-warmup"><strong>`)
	if guide != "" {
		b.WriteString(`<a href="`)
		escapeURL(b, guide)
		b.WriteString(`">Warm-up</a>`)
	} else {
		b.WriteString(`Warm-up`)
	}
	b.WriteString(`, about 8 min:</strong> `)
	for i, item := range s.Warmup {
		if i > 0 {
			b.WriteString("; ")
		}
		writeLink(b, item.URL, item.Text)
	}
	b.WriteString(".</p>\n")
}

// Rows returns the session's log rows, escaped.
func (s SessionView) Rows() template.HTML {
	var b strings.Builder
	b.Grow(s.rowsSize())
	s.writeRows(&b)
	return template.HTML(b.String())
}

// rowsSize is the length of the rows before escaping, so the builder
// usually allocates once: the fragments are most of the page's bytes.
func (s *SessionView) rowsSize() int {
	n := 0
	for i := range s.Exercises {
		e := &s.Exercises[i]
		n += 260 + 150*s.SetColumns + len(e.URL) + len(e.Title) + len(e.Cue) + len(e.Reps) + len(e.Load) + len(e.Tempo) + len(e.Change)
	}
	return n
}

// writeRows writes one row per exercise: the dose, then one cell per set
// with a box to tick and blanks for the reps done and the load used.
// Columns beyond the exercise's sets stay empty.
func (s *SessionView) writeRows(b *strings.Builder) {
	var num [20]byte
	for i := range s.Exercises {
		e := &s.Exercises[i]
		b.WriteString(`<tr><th scope="row">`)
		writeLink(b, e.URL, e.Title)
		if e.Change != "" {
			// Beside the title, where a short name leaves room, so the
			// row stays two lines high.
			b.WriteString(` <em class="program-change">new: `)
			escapeText(b, e.Change)
			b.WriteString(`</em>`)
		}
		b.WriteString(` <span class="program-dose">`)
		b.Write(strconv.AppendInt(num[:0], int64(e.Sets), 10))
		b.WriteString(` × `)
		escapeText(b, e.Reps)
		b.WriteString(` · `)
		escapeText(b, e.Load)
		if e.Tempo != "" {
			b.WriteString(` · `)
			escapeText(b, e.Tempo)
		}
		b.WriteString(`</span>`)
		if e.Cue != "" {
			b.WriteString(` <span class="program-cue">`)
			escapeText(b, e.Cue)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</th>`)
		for n := 1; n <= s.SetColumns; n++ {
			if n > e.Sets {
				b.WriteString(`<td class="program-noset"></td>`)
				continue
			}
			// Short markup: a program has hundreds of these cells.
			b.WriteString(`<td class="program-set"><span>☐</span> <span>reps</span>`)
			if e.Unit != "" {
				b.WriteString(` <span>`)
				escapeText(b, e.Unit)
				b.WriteString(`</span>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("</tr>\n")
	}
}

// writeLink writes text as a link to url, or as plain text without one.
func writeLink(b *strings.Builder, url, text string) {
	if url == "" {
		escapeText(b, text)
		return
	}
	b.WriteString(`<a href="`)
	escapeURL(b, url)
	b.WriteString(`">`)
	escapeText(b, text)
	b.WriteString(`</a>`)
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

package ics

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// RFC 5545 encoding: content lines assembled in a buffer, folded at 75
// octets, TEXT values escaped, dates and times written without time.Format.
// ics.go decides what the events say; this file only writes them.

// calWriter builds the calendar: each content line is assembled in ln,
// then folded onto out with CRLF endings.
type calWriter struct {
	out   []byte
	ln    []byte
	stamp []byte // the DTSTAMP line, the same for every event
}

func (cw *calWriter) line(s string) {
	cw.out = appendFolded(cw.out, s)
}

func (cw *calWriter) lineBytes(s []byte) {
	cw.out = appendFolded(cw.out, s)
}

// start begins a content line with its name and colon.
func (cw *calWriter) start(name string) { cw.ln = append(cw.ln[:0], name...) }

// raw appends s to the line as it is: names, numbers, UIDs and URIs.
func (cw *calWriter) raw(s string) { cw.ln = append(cw.ln, s...) }

// text appends s escaped as a TEXT value.
func (cw *calWriter) text(s string) { cw.ln = appendEscapedText(cw.ln, s) }

func (cw *calWriter) num(n int) { cw.ln = strconv.AppendInt(cw.ln, int64(n), 10) }

// allDay writes the DTSTART and DTEND of an event that fills date.
func (cw *calWriter) allDay(date time.Time) {
	cw.start("DTSTART;VALUE=DATE:")
	cw.ln = appendDate(cw.ln, date)
	cw.end()
	cw.start("DTEND;VALUE=DATE:")
	cw.ln = appendDate(cw.ln, date.AddDate(0, 0, 1))
	cw.end()
}

// url writes the URL property when there is one.
func (cw *calWriter) url(u string) {
	if u == "" {
		return
	}
	cw.start("URL:")
	cw.raw(u)
	cw.end()
}

// end folds the line onto the output.
func (cw *calWriter) end() { cw.out = appendFolded(cw.out, cw.ln) }

// appendStamp appends t as 20060102T150405, with a Z when utc.
func appendStamp(b []byte, t time.Time, utc bool) []byte {
	b = appendDate(b, t)
	b = append(b, 'T')
	b = append2(b, t.Hour())
	b = append2(b, t.Minute())
	b = append2(b, t.Second())
	if utc {
		b = append(b, 'Z')
	}
	return b
}

// appendDate appends t's date as 20060102. Years outside 0..9999 take
// time's own formatting, which is what this replaced.
func appendDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, "20060102")
	}
	b = append2(b, y/100)
	b = append2(b, y%100)
	b = append2(b, int(m))
	return append2(b, d)
}

func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// fold splits a content line into lines of at most 75 octets, continued
// with CRLF and one space (RFC 5545 3.1), and ends it with CRLF. It never
// splits a UTF-8 sequence.
func fold(line string) string {
	return string(appendFolded(make([]byte, 0, len(line)+len(line)/maxLineOctets*3+2), line))
}

func appendFolded[S string | []byte](b []byte, line S) []byte {
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 {
			// Not UTF-8 (no rune starts in the window): split anyway
			// rather than loop forever.
			cut = limit
		}
		b = append(b, line[:cut]...)
		b = append(b, "\r\n "...)
		line = line[cut:]
		limit = maxLineOctets - 1 // the leading space counts
	}
	b = append(b, line...)
	return append(b, "\r\n"...)
}

// escapeText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma and newlines. Other control characters are dropped; they are not
// allowed in content lines.
func escapeText(s string) string {
	return string(appendEscapedText(make([]byte, 0, len(s)+8), s))
}

// textSpecial marks the bytes escapeText changes or drops; runs of other
// bytes are copied in one append.
var textSpecial = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['\\'], t[';'], t[','], t[0x7f] = true, true, true, true
	t['\t'] = false
	return t
}()

func appendEscapedText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		run := i
		for run < len(s) && !textSpecial[s[run]] {
			run++
		}
		if run > i {
			b = append(b, s[i:run]...)
			if i = run; i == len(s) {
				break
			}
		}
		c := s[i]
		switch {
		case c == '\\' || c == ';' || c == ',':
			b = append(b, '\\', c)
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF becomes one newline.
		case c == '\n' || c == '\r':
			b = append(b, `\n`...)
		case c < 0x20 && c != '\t' || c == 0x7f:
			// dropped
		default:
			b = append(b, c)
		}
	}
	return b
}

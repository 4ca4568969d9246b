// Package ics writes a planned strength program as an iCalendar file
// (RFC 5545) with one event per strength session. Output depends only on
// its input, so it can be compared byte for byte and cached.
package ics

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stance-ssg/stance/generator/planner"
)

// Options adds what the program does not know.
type Options struct {
	// PageURL is the absolute URL of the program page, linked from every
	// event. Optional.
	PageURL string
	// Stamp is the DTSTAMP of every event. Zero means the program's first
	// day at 00:00 UTC, so that output never depends on the clock.
	Stamp time.Time
	// SessionMinutes is the length of a timed session; 0 means 45.
	SessionMinutes int
	// Domain ends every UID; empty means "stance".
	Domain string
}

const maxLineOctets = 75

// Write writes prog as a VCALENDAR to w.
func Write(w io.Writer, prog *planner.Program, opts Options) error {
	if opts.SessionMinutes <= 0 {
		opts.SessionMinutes = 45
	}
	if opts.Domain == "" {
		opts.Domain = "stance"
	}
	stamp := opts.Stamp
	if stamp.IsZero() {
		stamp = prog.Start
	}
	cw := &calWriter{w: bufio.NewWriter(w)}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//Stance//Strength program//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("METHOD:PUBLISH")
	cw.prop("X-WR-CALNAME", "Strength program: "+prog.Athlete)
	for i := range prog.Weeks {
		week := &prog.Weeks[i]
		for d := range week.Days {
			if s := week.Days[d].Strength; s != nil {
				writeEvent(cw, prog, week, d, s, stamp.UTC(), opts)
			}
		}
	}
	cw.line("END:VCALENDAR")
	if cw.err != nil {
		return fmt.Errorf("ics: writing %s: %w", prog.Slug, cw.err)
	}
	if err := cw.w.Flush(); err != nil {
		return fmt.Errorf("ics: writing %s: %w", prog.Slug, err)
	}
	return nil
}

func writeEvent(cw *calWriter, prog *planner.Program, week *planner.Week, day int, s *planner.Session, stamp time.Time, opts Options) {
	cw.line("BEGIN:VEVENT")
	// The UID names the week and the day within it, so re-importing an
	// updated program replaces events instead of duplicating them.
	cw.line(fmt.Sprintf("UID:%s-w%d-d%d@%s", prog.Slug, week.Number, day+1, opts.Domain))
	cw.line("DTSTAMP:" + stamp.Format("20060102T150405Z"))
	if start, ok := sessionStart(s); ok {
		// Floating local time: the session is at 07:00 wherever the runner is.
		cw.line("DTSTART:" + start.Format("20060102T150405"))
		cw.line("DTEND:" + start.Add(time.Duration(opts.SessionMinutes)*time.Minute).Format("20060102T150405"))
	} else {
		cw.line("DTSTART;VALUE=DATE:" + s.Date.Format("20060102"))
		cw.line("DTEND;VALUE=DATE:" + s.Date.AddDate(0, 0, 1).Format("20060102"))
		cw.line("TRANSP:TRANSPARENT")
	}
	cw.prop("SUMMARY", summary(week, s))
	cw.prop("DESCRIPTION", description(prog, week, s, opts.PageURL))
	if opts.PageURL != "" {
		cw.line("URL:" + opts.PageURL)
	}
	cw.line("END:VEVENT")
}

func sessionStart(s *planner.Session) (time.Time, bool) {
	if s.Time == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("15:04", s.Time)
	if err != nil {
		return time.Time{}, false
	}
	return s.Date.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute), true
}

func summary(week *planner.Week, s *planner.Session) string {
	kind := "stability"
	if week.Phase == planner.Strength {
		kind = "strength"
	}
	if week.Deload {
		kind += ", easy week"
	}
	return fmt.Sprintf("Strength session %d (week %d, %s)", s.Number, week.Number, kind)
}

func description(prog *planner.Program, week *planner.Week, s *planner.Session, pageURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Program for %s. When: %s.\n", prog.Athlete, s.Timing)
	for _, e := range s.Exercises {
		fmt.Fprintf(&b, "- %s: %d x %s, %s\n", e.Title, e.Sets, e.Reps, e.Load)
	}
	fmt.Fprintf(&b, "Easy-run cadence this week: %d steps per minute.", week.Cadence)
	if pageURL != "" {
		b.WriteString("\nProgram page: " + pageURL)
	}
	return b.String()
}

// calWriter writes content lines: CRLF endings, folded at 75 octets.
type calWriter struct {
	w   *bufio.Writer
	err error
}

// prop writes a property whose value is TEXT.
func (cw *calWriter) prop(name, value string) {
	cw.line(name + ":" + EscapeText(value))
}

func (cw *calWriter) line(s string) {
	if cw.err != nil {
		return
	}
	_, cw.err = cw.w.WriteString(Fold(s))
}

// Fold splits a content line into lines of at most 75 octets, continued
// with CRLF and one space (RFC 5545 3.1), and ends it with CRLF. It never
// splits a UTF-8 sequence.
func Fold(line string) string {
	var b strings.Builder
	b.Grow(len(line) + len(line)/maxLineOctets*3 + 2)
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLineOctets - 1 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// EscapeText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma and newlines. Other control characters are dropped; they are not
// allowed in content lines.
func EscapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF becomes one newline.
		case c == '\n' || c == '\r':
			b.WriteString(`\n`)
		case c < 0x20 && c != '\t' || c == 0x7f:
			// dropped
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Package ics writes a planned strength program as an iCalendar file
// (RFC 5545) with one event per strength session. Output depends only on
// its input, so it can be compared byte for byte and cached.
package ics

import (
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/stance-ssg/stance/generator/planner"
)

// Options adds what the program does not know.
type Options struct {
	// PageURL is the absolute URL of the program page, linked from every
	// event. Optional.
	PageURL string
	// Stamp is the DTSTAMP of every event. Zero means DefaultStamp, so
	// that output never depends on the clock.
	Stamp time.Time
	// SessionMinutes is the length of a timed session; 0 means 45.
	SessionMinutes int
	// Domain ends every UID: the host of the site that publishes the
	// program, so that two coaches' calendars never share a UID. Empty
	// means DefaultDomain.
	Domain string
}

// SiteOptions are the options of a program published at path (such as
// "programs/alex-rivera/") on the site at baseURL: every event links the
// program's page, and UIDs end with the site's host. A site build, `stance
// program` and the program builder all use it, so a program's calendar is
// the same file wherever it was made.
func SiteOptions(baseURL, path string) Options {
	o := Options{PageURL: baseURL + path}
	if u, err := url.Parse(baseURL); err == nil {
		o.Domain = u.Hostname()
	}
	return o
}

// DefaultStamp is the DTSTAMP of every event unless Options.Stamp says
// otherwise: a fixed moment in the past, so two builds are byte-identical
// and no calendar claims to have been made in the future. Calendar apps
// match events by UID and SEQUENCE, not by DTSTAMP.
var DefaultStamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// DefaultDomain ends UIDs when the program has no site address (a one-off
// program made without --base-url outside a site).
const DefaultDomain = "stance.invalid"

const maxLineOctets = 75

// Write writes prog as a VCALENDAR to w.
//
// The calendar is built in one byte slice and written with a single call:
// a site build writes thousands of these, and per-line strings (folding,
// escaping, fmt, time.Format) were a quarter of the time per program.
func Write(w io.Writer, prog *planner.Program, opts Options) error {
	if opts.SessionMinutes <= 0 {
		opts.SessionMinutes = 45
	}
	if opts.Domain == "" {
		opts.Domain = DefaultDomain
	}
	stamp := opts.Stamp
	if stamp.IsZero() {
		stamp = DefaultStamp
	}
	cw := &calWriter{stamp: appendStamp([]byte("DTSTAMP:"), stamp.UTC(), true)}
	// A bytes.Buffer or bufio.Writer lends its free space, so a reused
	// buffer takes the calendar without a copy in between.
	size := 1024 + len(prog.Weeks)*prog.SessionsPerWeek*700
	if ab, ok := w.(interface{ AvailableBuffer() []byte }); ok {
		cw.out = ab.AvailableBuffer()
	}
	if cap(cw.out) < size {
		cw.out = make([]byte, 0, size)
	}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//Stance//Strength program//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("METHOD:PUBLISH")
	cw.start("X-WR-CALNAME:")
	cw.text("Strength program: ")
	cw.text(prog.Athlete)
	cw.end()
	for i := range prog.Weeks {
		week := &prog.Weeks[i]
		for d := range week.Days {
			if s := week.Days[d].Strength; s != nil {
				writeEvent(cw, prog, week, s, opts)
			}
		}
	}
	if prog.Race != nil {
		writeRace(cw, prog, opts)
	}
	cw.line("END:VCALENDAR")
	if _, err := w.Write(cw.out); err != nil {
		return fmt.Errorf("ics: writing %s: %w", prog.Slug, err)
	}
	return nil
}

// uid starts a UID: the athlete's slug and the block's first day, so a
// second block for the same athlete gets new events; the rest names the
// event within the block, and the site's host ends it.
func uid(cw *calWriter, prog *planner.Program) {
	cw.start("UID:")
	cw.raw(prog.Slug)
	cw.raw("-")
	cw.ln = appendDate(cw.ln, prog.Start)
}

func writeEvent(cw *calWriter, prog *planner.Program, week *planner.Week, s *planner.Session, opts Options) {
	cw.line("BEGIN:VEVENT")
	// Week and session number are stable for a plan, so re-importing an
	// updated program replaces its events instead of duplicating them.
	uid(cw, prog)
	cw.raw("-w")
	cw.num(week.Number)
	cw.raw("-s")
	cw.num(s.Number)
	cw.raw("@")
	cw.raw(opts.Domain)
	cw.end()
	cw.lineBytes(cw.stamp)
	if start, ok := sessionStart(s); ok {
		// Floating local time: the session is at 07:00 wherever the runner is.
		cw.start("DTSTART:")
		cw.ln = appendStamp(cw.ln, start, false)
		cw.end()
		cw.start("DTEND:")
		cw.ln = appendStamp(cw.ln, start.Add(time.Duration(opts.SessionMinutes)*time.Minute), false)
		cw.end()
	} else {
		cw.allDay(s.Date)
		cw.line("TRANSP:TRANSPARENT")
	}
	cw.start("SUMMARY:")
	summary(cw, week, s)
	cw.end()
	cw.start("DESCRIPTION:")
	description(cw, prog, week, s, opts.PageURL)
	cw.end()
	cw.url(opts.PageURL)
	cw.line("END:VEVENT")
}

// writeRace writes the goal race as an all-day event.
func writeRace(cw *calWriter, prog *planner.Program, opts Options) {
	r := prog.Race
	cw.line("BEGIN:VEVENT")
	uid(cw, prog)
	cw.raw("-race@")
	cw.raw(opts.Domain)
	cw.end()
	cw.lineBytes(cw.stamp)
	cw.allDay(r.Date)
	cw.start("SUMMARY:")
	if r.Name != "" {
		cw.text("Race: " + r.Name)
	} else {
		cw.text("Race day")
	}
	cw.end()
	cw.start("DESCRIPTION:")
	cw.text("The goal of ")
	cw.text(prog.Athlete)
	cw.text("'s strength program. No strength in the four days before it; afterwards rest or easy running until normal soreness has gone.")
	if opts.PageURL != "" {
		cw.text("\nProgram page: ")
		cw.text(opts.PageURL)
	}
	cw.end()
	cw.url(opts.PageURL)
	cw.line("END:VEVENT")
}

// sessionStart is the session's date at its time, when it has one.
func sessionStart(s *planner.Session) (time.Time, bool) {
	if !s.Time.IsSet() {
		return time.Time{}, false
	}
	return s.Date.Add(time.Duration(s.Time.Minutes()) * time.Minute), true
}

// summary writes the SUMMARY text, escaped.
func summary(cw *calWriter, week *planner.Week, s *planner.Session) {
	cw.text("Strength session ")
	cw.num(s.Number)
	cw.text(" (week ")
	cw.num(week.Number)
	if week.Phase == planner.Strength {
		cw.text(", strength")
	} else {
		cw.text(", stability")
	}
	switch {
	case week.Deload:
		cw.text(", easy week")
	case week.Taper:
		cw.text(", taper")
	}
	cw.text(")")
}

// description writes the DESCRIPTION text, escaped.
func description(cw *calWriter, prog *planner.Program, week *planner.Week, s *planner.Session, pageURL string) {
	cw.text("Program for ")
	cw.text(prog.Athlete)
	cw.text(". When: ")
	cw.text(s.Timing)
	cw.text(".\nWarm-up, about 8 min: ")
	for i, w := range s.Warmup {
		if i > 0 {
			cw.text("; ")
		}
		cw.text(w.Text)
	}
	cw.text(".\n")
	for _, e := range s.Exercises {
		cw.text("- ")
		cw.text(e.Title)
		cw.text(": ")
		cw.num(e.Sets)
		cw.text(" x ")
		cw.text(e.Reps)
		cw.text(", ")
		cw.text(e.Load)
		if e.Tempo != "" {
			cw.text(", ")
			cw.text(e.Tempo)
		}
		cw.text("\n")
	}
	cw.text("Easy-run cadence this week: ")
	cw.num(week.Cadence)
	cw.text(" steps per minute.")
	if pageURL != "" {
		cw.text("\nProgram page: ")
		cw.text(pageURL)
	}
}

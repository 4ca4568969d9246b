// Package program turns a planned strength block into the printable
// program page: a view-model with plain fields for templates/program.html,
// an inline SVG chart, and a self-contained HTML file for one-off use.
package program

import (
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/stance-ssg/stance/generator/planner"
)

// Page is what templates/program.html renders. The caller fills the site
// fields; NewPage fills the rest from the program.
type Page struct {
	// Site fields, set by the caller.
	SiteTitle      string
	BaseURL        string // absolute site URL, e.g. "https://example.org/"
	CanonicalURL   string
	StylesheetHref string       // empty: InlineCSS is put in a <style> element
	InlineCSS      template.CSS // program.css, trusted
	CalendarHref   string       // link to the .ics file, optional
	Lang           string

	Program *planner.Program

	Title           string
	Athlete         string
	Paper           string       // "A4" or "Letter"
	PageRule        template.CSS // the @page rule for the profile's paper
	StartISO        string
	StartText       string
	EndISO          string
	EndText         string
	WeekCount       int
	SessionsPerWeek int
	Experience      string
	Equipment       string
	Units           string
	Phases          []PhaseView
	DeloadText      string
	Cadence         CadenceView
	Explanations    []string
	Chart           template.HTML
	Weeks           []WeekView
}

// PhaseView is one row of the phase table.
type PhaseView struct {
	Title string
	Weeks string
	Goal  string
}

// CadenceView is the cadence plan.
type CadenceView struct {
	Current int
	Target  int
	Rule    string
	Cues    []string
	Weeks   []CadenceWeek
}

// CadenceWeek is one week's metronome setting.
type CadenceWeek struct {
	Number int
	SPM    int
	Change string // "+2", "hold"
}

// WeekView is one printed page: the week's calendar and sessions.
type WeekView struct {
	Number    int
	ID        string // element id, "week-3"
	Heading   string
	DateRange string
	Deload    bool
	Cadence   int
	Days      []DayView
	Sessions  []SessionView
}

// DayView is one calendar row.
type DayView struct {
	ISO      string
	Date     string // "Mon 4 Jan"
	Run      string // "Tempo at 18:00", "Rest"
	Strength string // "Session 1 at 07:00", ""
	Note     string
}

// SessionView is one session's table.
type SessionView struct {
	Heading   string // "Session 1: Monday 4 January"
	Timing    string
	Exercises []ExerciseView
}

// ExerciseView is one exercise row with a blank to write the load used.
type ExerciseView struct {
	Title string
	URL   string
	Sets  int
	Reps  string
	Load  string
	Cue   string
}

// NewPage builds the view-model of prog. Site fields stay empty and Lang is
// "en" until the caller changes them.
func NewPage(prog *planner.Program) *Page {
	p := &Page{
		Lang:            "en",
		Program:         prog,
		Title:           "Strength program: " + prog.Athlete,
		Athlete:         prog.Athlete,
		Paper:           prog.Paper,
		PageRule:        pageRule(prog.Paper),
		StartISO:        dateISO(prog.Start),
		StartText:       dateLong(prog.Start, true),
		EndISO:          dateISO(prog.End),
		EndText:         dateLong(prog.End, true),
		WeekCount:       len(prog.Weeks),
		SessionsPerWeek: prog.SessionsPerWeek,
		Experience:      string(prog.Experience),
		Equipment:       strings.Join(prog.Equipment, ", "),
		Units:           prog.Units,
		DeloadText:      deloadText(prog.DeloadWeeks),
		Explanations:    prog.Explanations,
		Chart:           Chart(prog),
	}
	p.Phases = make([]PhaseView, 0, len(prog.Phases))
	for _, ph := range prog.Phases {
		p.Phases = append(p.Phases, PhaseView{Title: "Phase " + strconv.Itoa(ph.Number) + ": " + ph.Title, Weeks: weekSpan(ph.FirstWeek, ph.LastWeek), Goal: ph.Goal})
	}
	p.Cadence = cadenceView(prog.Cadence)
	p.Weeks = make([]WeekView, len(prog.Weeks))
	for i := range prog.Weeks {
		p.Weeks[i] = weekView(prog, &prog.Weeks[i])
	}
	return p
}

// pageRule is the @page rule; only the two known sizes can reach the CSS.
func pageRule(paper string) template.CSS {
	size := "A4"
	if paper == "Letter" {
		size = "letter"
	}
	return template.CSS("@page { size: " + size + "; margin: 12mm; }")
}

func deloadText(weeks []int) string {
	if len(weeks) == 0 {
		return "none (block shorter than 8 weeks)"
	}
	parts := make([]string, len(weeks))
	for i, w := range weeks {
		parts[i] = strconv.Itoa(w)
	}
	return "weeks " + strings.Join(parts, ", ")
}

func weekSpan(first, last int) string {
	if first == last {
		return "Week " + strconv.Itoa(first)
	}
	return "Weeks " + strconv.Itoa(first) + "–" + strconv.Itoa(last)
}

func cadenceView(c planner.CadencePlan) CadenceView {
	v := CadenceView{Current: c.Current, Target: c.Target, Rule: c.Rule, Cues: c.Cues}
	v.Weeks = make([]CadenceWeek, 0, len(c.Weekly))
	prev := c.Current
	for i, spm := range c.Weekly {
		change := "hold"
		if spm > prev {
			change = "+" + strconv.Itoa(spm-prev)
		}
		v.Weeks = append(v.Weeks, CadenceWeek{Number: i + 1, SPM: spm, Change: change})
		prev = spm
	}
	return v
}

var phaseTitles = map[string]string{
	planner.Stability: "Stability and control",
	planner.Strength:  "Strength",
}

func weekView(prog *planner.Program, w *planner.Week) WeekView {
	first, last := w.Days[0].Date, w.Days[6].Date
	v := WeekView{
		Number:    w.Number,
		ID:        "week-" + strconv.Itoa(w.Number),
		Heading:   "Week " + strconv.Itoa(w.Number) + ": " + phaseTitles[w.Phase],
		DateRange: dateShort(first, false) + " to " + dateShort(last, true),
		Deload:    w.Deload,
		Cadence:   w.Cadence,
		Days:      make([]DayView, len(w.Days)),
	}
	if w.Deload {
		v.Heading += " (easier week)"
	}
	for i, d := range w.Days {
		v.Days[i] = DayView{
			ISO:  dateISO(d.Date),
			Date: dateShort(d.Date, false),
			Run:  runText(d.Run),
			Note: d.Note,
		}
		if s := d.Strength; s != nil {
			v.Days[i].Strength = "Session " + strconv.Itoa(s.Number) + atClock(s.Time)
		}
	}
	v.Sessions = make([]SessionView, 0, len(w.Sessions))
	for _, s := range w.Sessions {
		v.Sessions = append(v.Sessions, sessionView(s))
	}
	return v
}

func runText(r planner.Run) string {
	if !r.Type.IsRun() {
		return "Rest"
	}
	t := strings.ToUpper(string(r.Type[:1])) + string(r.Type[1:])
	return t + atClock(r.Time)
}

func atClock(clock string) string {
	if clock == "" {
		return ""
	}
	return " at " + clock
}

func sessionView(s *planner.Session) SessionView {
	v := SessionView{
		Heading: "Session " + strconv.Itoa(s.Number) + ": " + dateLong(s.Date, false),
		Timing:  "Strength " + s.Timing + ".",
	}
	v.Exercises = make([]ExerciseView, 0, len(s.Exercises))
	for _, e := range s.Exercises {
		v.Exercises = append(v.Exercises, ExerciseView{Title: e.Title, URL: e.URL, Sets: e.Sets, Reps: e.Reps, Load: e.Load, Cue: e.Cue})
	}
	return v
}

// FuncMap returns the functions program.html uses. Names are prefixed so
// they cannot clash with the site's own template functions.
func FuncMap() template.FuncMap {
	return template.FuncMap{
		// programPlural picks the word for a count: programPlural 2 "session" "sessions".
		"programPlural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}
}

// ParseTemplate parses the program.html source with FuncMap. Parse once and
// reuse the result: parsing costs far more than executing.
func ParseTemplate(src string) (*template.Template, error) {
	t, err := template.New("program-root").Funcs(FuncMap()).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("program: parsing template: %w", err)
	}
	if t.Lookup("program.html") == nil {
		return nil, fmt.Errorf("program: template source does not define \"program.html\"")
	}
	return t, nil
}

// Render executes the "program.html" template for page.
func Render(w io.Writer, t *template.Template, page *Page) error {
	if err := t.ExecuteTemplate(w, "program.html", page); err != nil {
		return fmt.Errorf("program: rendering %s: %w", page.Program.Slug, err)
	}
	return nil
}

// Standalone writes one self-contained printable HTML file: css is inlined
// instead of linked, and exercise links become absolute when BaseURL is
// set, so the file works when opened from disk or mailed to the runner.
func Standalone(w io.Writer, page *Page, t *template.Template, css string) error {
	p := *page
	p.StylesheetHref = ""
	p.InlineCSS = template.CSS(css)
	if p.BaseURL != "" {
		base, err := url.Parse(p.BaseURL)
		if err != nil {
			return fmt.Errorf("program: base URL %q: %w", p.BaseURL, err)
		}
		p.Weeks = absoluteLinks(p.Weeks, base)
	}
	return Render(w, t, &p)
}

// absoluteLinks copies weeks with exercise URLs resolved against base.
func absoluteLinks(weeks []WeekView, base *url.URL) []WeekView {
	out := make([]WeekView, len(weeks))
	for i, w := range weeks {
		sessions := make([]SessionView, len(w.Sessions))
		for j, s := range w.Sessions {
			exs := make([]ExerciseView, len(s.Exercises))
			for k, e := range s.Exercises {
				if ref, err := url.Parse(e.URL); err == nil {
					e.URL = base.ResolveReference(ref).String()
				}
				exs[k] = e
			}
			s.Exercises = exs
			sessions[j] = s
		}
		w.Sessions = sessions
		out[i] = w
	}
	return out
}

// Package program turns a planned strength block into the printable
// program page: a view-model with plain fields for templates/program.html,
// an inline SVG chart, and a self-contained HTML file for one-off use.
//
// The printout is a coaching document: one overview sheet (the athlete,
// the usual week and why, the phases, a chart of what rises, the cadence
// plan and the reasons), then one sheet per week with the days, what to do
// if something goes wrong, and for every session a warm-up and a log to
// fill in with a pen.
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
	SafetyURL      string       // the site's safety page, optional
	WarmupURL      string       // the site's warm-up guide, optional
	Lang           string
	Live           template.HTML // the live-reload script under stance serve

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
	Units           string // "kg" or "lb"; "" when nothing is weighed
	Loads           string // what the athlete owns, or ""
	Race            string // "Spring 10K on Sunday 9 May 2027", or ""
	Phases          []PhaseView
	DeloadText      string
	Cadence         CadenceView
	Explanations    []string
	Pattern         []DayView // the usual week, each day with its reason
	Chart           template.HTML
	WhatIfs         []planner.WhatIf
	PainScale       string
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

// WeekView is one printed page: the week's days and sessions.
type WeekView struct {
	Number     int
	ID         string // element id, "week-3"
	Heading    string
	DateRange  string
	Kind       string // "easier week", "taper", or ""
	Cadence    int
	Days       []DayView
	Exceptions []string // day notes that differ from the usual week
	Sessions   []SessionView
}

// DayView is one day: a cell of a week's strip, or a row of the usual week.
type DayView struct {
	ISO      string
	Date     string // "Mon 4 Jan"
	Weekday  string // "Monday"
	Run      string // "Tempo at 18:00", "Rest", "Race: Spring 10K"
	Strength string // "Session 1 at 07:00", ""
	Note     string
}

// SessionView is one session: warm-up, then a log of every set.
type SessionView struct {
	ID         string // element id of its heading
	Heading    string // "Session 1: Monday 4 January"
	Timing     string
	Warmup     []planner.WarmupItem
	SetColumns int // the most sets of any exercise in the session
	Exercises  []ExerciseView
}

// ExerciseView is one exercise of a session with this week's dose.
type ExerciseView struct {
	Title  string
	URL    string
	Sets   int
	Reps   string
	Load   string
	Tempo  string
	Change string
	Cue    string
	Unit   string // written under the load blank: "kg", "lb", "band", or "" for bodyweight
}

// Site is what a program page shows of the site that publishes it.
type Site struct {
	Title     string // the site's title, printed above the athlete's name
	BaseURL   string // absolute, ending in "/"; "" for a page without links
	Lang      string
	SafetyURL string // the site's safety page, optional
	WarmupURL string // the site's warm-up guide, optional
}

// Publish fills the page's site fields for a program at path (such as
// "programs/alex-rivera/") of s. A site build, `stance program` and the
// program builder all use it, so a program is the same page wherever it
// was made.
func (p *Page) Publish(s Site, path string) {
	p.SiteTitle = s.Title
	p.BaseURL = s.BaseURL
	p.CanonicalURL = s.BaseURL + path
	p.Lang = s.Lang
	p.SafetyURL = s.SafetyURL
	p.WarmupURL = s.WarmupURL
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
		Units:           loadUnits(prog),
		Loads:           loadsText(prog),
		DeloadText:      deloadText(prog.DeloadWeeks, prog.DeloadEvery),
		Explanations:    withoutCadence(prog.Explanations),
		Chart:           Chart(prog),
		WhatIfs:         planner.WhatIfs(),
		PainScale:       planner.PainScale(),
	}
	if r := prog.Race; r != nil {
		name := r.Name
		if name == "" {
			name = "Race"
		}
		p.Race = name + " on " + dateLong(r.Date, true)
	}
	p.Phases = make([]PhaseView, 0, len(prog.Phases))
	for _, ph := range prog.Phases {
		p.Phases = append(p.Phases, PhaseView{Title: "Phase " + strconv.Itoa(ph.Number) + ": " + ph.Title, Weeks: weekSpan(ph.FirstWeek, ph.LastWeek), Goal: ph.Goal})
	}
	p.Cadence = cadenceView(prog.Cadence)
	usual := prog.Weeks[0].Days
	p.Pattern = make([]DayView, len(usual))
	for i := range usual {
		p.Pattern[i] = dayView(&usual[i])
	}
	p.Weeks = make([]WeekView, len(prog.Weeks))
	for i := range prog.Weeks {
		p.Weeks[i] = weekView(prog, &prog.Weeks[i], p.Pattern)
	}
	return p
}

// withoutCadence drops the rule 8 line: the cadence plan prints it.
func withoutCadence(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if !strings.HasPrefix(l, "Rule 8: ") {
			out = append(out, l)
		}
	}
	return out
}

// pageRule is the @page rule; only the two known sizes can reach the CSS.
func pageRule(paper string) template.CSS {
	size := "A4"
	if paper == "Letter" {
		size = "letter"
	}
	return template.CSS("@page { size: " + size + "; margin: 12mm; }")
}

func deloadText(weeks []int, every int) string {
	if len(weeks) == 0 {
		return "none (block shorter than " + strconv.Itoa(2*every) + " weeks)"
	}
	parts := make([]string, len(weeks))
	for i, w := range weeks {
		parts[i] = strconv.Itoa(w)
	}
	return "weeks " + strings.Join(parts, ", ")
}

// loadUnits is the program's unit of load, or "" when nothing is loaded
// (bodyweight work only), where it would only puzzle the athlete.
func loadUnits(prog *planner.Program) string {
	for _, w := range prog.Weeks {
		for _, s := range w.Sessions {
			for _, e := range s.Exercises {
				if e.Implement != "" && e.Implement != "band" {
					return prog.Units
				}
			}
		}
	}
	return ""
}

// loadsText lists what the athlete owns: "dumbbells 4 to 12 kg (5);
// band yellow to green (3)".
func loadsText(prog *planner.Program) string {
	var parts []string
	for _, im := range []string{"dumbbells", "kettlebell", "backpack", "band"} {
		owned := prog.Owned[im]
		switch len(owned) {
		case 0:
			continue
		case 1:
			parts = append(parts, im+" "+owned[0].Label)
		default:
			first, last := owned[0].Label, owned[len(owned)-1].Label
			if im != "band" {
				first = strings.TrimSuffix(first, " "+prog.Units)
			}
			parts = append(parts, fmt.Sprintf("%s %s to %s (%d)", im, first, last, len(owned)))
		}
	}
	return strings.Join(parts, "; ")
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

func dayView(d *planner.Day) DayView {
	v := DayView{
		ISO:     dateISO(d.Date),
		Date:    dateShort(d.Date, false),
		Weekday: d.Date.Weekday().String(),
		Run:     runText(d.Run),
		Note:    d.Note,
	}
	if d.Race != "" {
		v.Run = "Race: " + d.Race
	}
	if s := d.Strength; s != nil {
		v.Strength = "Session " + strconv.Itoa(s.Number) + atClock(s.Time)
	}
	return v
}

func weekView(prog *planner.Program, w *planner.Week, usual []DayView) WeekView {
	first, last := w.Days[0].Date, w.Days[6].Date
	v := WeekView{
		Number:    w.Number,
		ID:        "week-" + strconv.Itoa(w.Number),
		Heading:   "Week " + strconv.Itoa(w.Number) + ": " + phaseTitles[w.Phase],
		DateRange: dateShort(first, false) + " to " + dateShort(last, true),
		Cadence:   w.Cadence,
		Days:      make([]DayView, len(w.Days)),
	}
	switch {
	case w.Deload:
		v.Kind = "easier week"
	case w.Taper:
		v.Kind = "taper"
	}
	if v.Kind != "" {
		v.Heading += " (" + v.Kind + ")"
	}
	for i := range w.Days {
		v.Days[i] = dayView(&w.Days[i])
		// The usual reasons are on the overview; a week lists only what
		// differs from them, such as the days before a race.
		if v.Days[i].Note != usual[i].Note {
			v.Exceptions = append(v.Exceptions, v.Days[i].Note)
		}
	}
	v.Sessions = make([]SessionView, 0, len(w.Sessions))
	for _, s := range w.Sessions {
		v.Sessions = append(v.Sessions, sessionView(prog, s))
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

func atClock(c planner.Clock) string {
	if !c.IsSet() {
		return ""
	}
	return " at " + c.String()
}

func sessionView(prog *planner.Program, s *planner.Session) SessionView {
	v := SessionView{
		ID:      "week-" + strconv.Itoa(s.Week) + "-session-" + strconv.Itoa(s.Number),
		Heading: "Session " + strconv.Itoa(s.Number) + ": " + dateLong(s.Date, false),
		Timing:  "Strength " + s.Timing + ".",
		Warmup:  s.Warmup,
	}
	v.Exercises = make([]ExerciseView, 0, len(s.Exercises))
	for _, e := range s.Exercises {
		v.SetColumns = max(v.SetColumns, e.Sets)
		v.Exercises = append(v.Exercises, ExerciseView{
			Title: e.Title, URL: e.URL, Sets: e.Sets, Reps: e.Reps, Load: e.Load,
			Tempo: e.Tempo, Change: e.Change, Cue: e.Cue, Unit: loadUnit(e.Implement, prog.Units),
		})
	}
	return v
}

// loadUnit is what the athlete writes in a set's load blank.
func loadUnit(implement, units string) string {
	switch implement {
	case "":
		return ""
	case "band":
		return "band"
	}
	return units
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
// instead of linked, and links become absolute when BaseURL is set, so the
// file works when opened from disk or mailed to the runner.
func Standalone(w io.Writer, page *Page, t *template.Template, css string) error {
	p := *page
	p.StylesheetHref = ""
	p.InlineCSS = template.CSS(css)
	if p.BaseURL != "" {
		base, err := url.Parse(p.BaseURL)
		if err != nil {
			return fmt.Errorf("program: base URL %q: %w", p.BaseURL, err)
		}
		abs := func(u string) string {
			if ref, err := url.Parse(u); err == nil && u != "" {
				return base.ResolveReference(ref).String()
			}
			return u
		}
		p.SafetyURL, p.WarmupURL = abs(p.SafetyURL), abs(p.WarmupURL)
		p.Weeks = absoluteLinks(p.Weeks, abs)
	}
	return Render(w, t, &p)
}

// WithoutLinks copies weeks with every exercise and warm-up link removed,
// for a page that has no address to link to.
func WithoutLinks(weeks []WeekView) []WeekView {
	return absoluteLinks(weeks, func(string) string { return "" })
}

// absoluteLinks copies weeks with exercise and warm-up URLs made absolute.
func absoluteLinks(weeks []WeekView, abs func(string) string) []WeekView {
	out := make([]WeekView, len(weeks))
	for i, w := range weeks {
		sessions := make([]SessionView, len(w.Sessions))
		for j, s := range w.Sessions {
			exs := make([]ExerciseView, len(s.Exercises))
			for k, e := range s.Exercises {
				e.URL = abs(e.URL)
				exs[k] = e
			}
			warm := make([]planner.WarmupItem, len(s.Warmup))
			for k, item := range s.Warmup {
				item.URL = abs(item.URL)
				warm[k] = item
			}
			s.Exercises, s.Warmup = exs, warm
			sessions[j] = s
		}
		w.Sessions = sessions
		out[i] = w
	}
	return out
}

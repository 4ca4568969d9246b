package planner

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/internal/slug"
	"github.com/stance-ssg/stance/generator/internal/tomlx"
	"github.com/stance-ssg/stance/generator/training"
)

// Profile is one runner, as written by the coach.
type Profile struct {
	File            string // used in error messages, e.g. "content/programs/alex.toml"
	Athlete         string
	Slug            string
	Start           time.Time // a date at 00:00 UTC
	Weeks           int
	Experience      Experience
	Cadence         int
	SessionsPerWeek int
	Equipment       []string  // sorted, deduplicated, always with bodyweight and mat
	Units           string    // "kg" or "lb"
	Paper           string    // "A4" or "Letter"
	SessionTime     Clock     // the usual time of strength sessions; unset when not given
	Runs            [7]Run    // indexed by time.Weekday: Runs[time.Monday]
	DeloadEvery     int       // every n-th week is easier
	Race            *GoalRace // the goal race, nil when the profile names none
	// Owned are the loads the athlete owns per implement, lightest first
	// (the profile's [loads] table). An implement without a list is
	// progressed from a weight the athlete finds and writes down.
	Owned map[string][]Load

	// src and meta find the line of a top-level field for a plan error.
	// Lines are looked up only when an error needs one: scanning the
	// source for every field of every profile was 2 % of planning.
	src  string
	meta toml.MetaData
}

// line is the line of a field ("runs", "thursday"), 0 when the profile
// omits it.
func (p *Profile) line(key ...string) int {
	if !p.meta.IsDefined(key...) {
		return 0
	}
	return tomlx.KeyLine(p.src, toml.Key(key))
}

// GoalRace is the race the block leads to.
type GoalRace struct {
	Date time.Time
	Name string // may be empty
}

// Load is one weight or band the athlete owns.
type Load struct {
	Label  string  // as printed: "8 kg", "red"
	Weight float64 // in the profile's units; 0 for bands
}

// rawProfile mirrors the file. Fields are `any` so that a wrong type in one
// field is reported next to the problems in the others instead of stopping
// the decoder at the first one.
type rawProfile struct {
	Athlete         any `toml:"athlete"`
	Slug            any `toml:"slug"`
	Start           any `toml:"start"`
	Weeks           any `toml:"weeks"`
	Experience      any `toml:"experience"`
	Cadence         any `toml:"cadence"`
	SessionsPerWeek any `toml:"sessions_per_week"`
	Equipment       any `toml:"equipment"`
	Units           any `toml:"units"`
	Paper           any `toml:"paper"`
	SessionTime     any `toml:"session_time"`
	DeloadEvery     any `toml:"deload_every"`
	RaceDate        any `toml:"race_date"`
	RaceName        any `toml:"race_name"`
	Loads           any `toml:"loads"`
	Runs            struct {
		Monday    any `toml:"monday"`
		Tuesday   any `toml:"tuesday"`
		Wednesday any `toml:"wednesday"`
		Thursday  any `toml:"thursday"`
		Friday    any `toml:"friday"`
		Saturday  any `toml:"saturday"`
		Sunday    any `toml:"sunday"`
	} `toml:"runs"`
}

func (r *rawProfile) days() [7]any {
	d := r.Runs
	return [7]any{d.Sunday, d.Monday, d.Tuesday, d.Wednesday, d.Thursday, d.Friday, d.Saturday}
}

// profileParser collects the errors of one profile while it converts fields.
type profileParser struct {
	file string
	src  string
	md   toml.MetaData
	errs diag.List
}

func (pp *profileParser) fail(field, format string, args ...any) {
	line := tomlx.KeyLine(pp.src, toml.Key(strings.Split(field, ".")))
	pp.errs.Add(&diag.Error{File: pp.file, Line: line, Key: field, Msg: fmt.Sprintf(format, args...)})
}

// ParseProfile reads a coach's profile. On failure the error is a
// ProfileErrors listing every problem, each with file, line and field.
func ParseProfile(filename string, src []byte) (*Profile, error) {
	pp := &profileParser{file: filename, src: string(src)}
	var raw rawProfile
	md, err := tomlx.Decode(pp.src, &raw)
	pp.md = md
	var decodeErrs diag.List
	if err != nil && !errors.As(err, &decodeErrs) {
		return nil, diag.InFile(filename, err)
	}
	for _, e := range decodeErrs {
		if (isInlineRunKey(e.Key) || strings.HasPrefix(e.Key, "loads.")) && e.Msg == "unknown key" {
			continue // checked with a better message in run and loads
		}
		pp.errs.Add(&diag.Error{File: filename, Line: e.Line, Column: e.Column, Key: e.Key, Msg: e.Msg})
	}
	if len(md.Keys()) == 0 && len(pp.errs) > 0 {
		return nil, pp.errs // syntax error: nothing was decoded
	}
	p := pp.convert(&raw)
	if len(pp.errs) > 0 {
		pp.errs.Sort()
		return nil, pp.errs
	}
	return p, nil
}

var inlineRunKey = regexp.MustCompile(`^runs\.(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.`)

func isInlineRunKey(key string) bool { return inlineRunKey.MatchString(key) }

func (pp *profileParser) convert(raw *rawProfile) *Profile {
	p := &Profile{File: pp.file, src: pp.src, meta: pp.md}
	p.Athlete = pp.requiredString("athlete", raw.Athlete)
	p.Slug = pp.slug(raw.Slug, p.Athlete)
	p.Start, p.Weeks, p.Race = pp.span(raw)
	p.Experience = Experience(pp.oneOf("experience", raw.Experience, "", string(New), string(Some), string(Experienced)))
	p.Cadence = pp.intInRange("cadence", raw.Cadence, MinCadence, MaxCadence, 0)
	p.SessionsPerWeek = pp.intInRange("sessions_per_week", raw.SessionsPerWeek, MinSessions, MaxSessions, DefaultSessions)
	p.Equipment = pp.equipment(raw.Equipment)
	p.Units = pp.oneOf("units", raw.Units, "kg", "kg", "lb")
	p.Paper = pp.oneOf("paper", raw.Paper, "A4", "A4", "Letter")
	p.SessionTime = pp.clock("session_time", raw.SessionTime)
	p.DeloadEvery = pp.intInRange("deload_every", raw.DeloadEvery, MinDeloadEvery, MaxDeloadEvery, DefaultDeloadEvery)
	p.Owned = pp.loads(raw.Loads, p.Equipment, p.Units)
	for wd, v := range raw.days() {
		p.Runs[wd] = pp.run(time.Weekday(wd), v)
	}
	return p
}

func (pp *profileParser) requiredString(field string, v any) string {
	if v == nil {
		pp.fail(field, "missing; add %s = \"...\"", field)
		return ""
	}
	s, ok := v.(string)
	if !ok {
		pp.fail(field, "must be a string, got %s", tomlType(v))
		return ""
	}
	s = strings.TrimSpace(s)
	switch i := strings.IndexFunc(s, isControl); {
	case s == "":
		pp.fail(field, "must not be empty")
	case i >= 0:
		// A name is printed on the page, in the calendar and in the
		// terminal, where an escape sequence would be obeyed. Line breaks
		// and tabs are escaped wherever the name goes.
		pp.fail(field, "contains the control character %U: write the name as plain text", []rune(s[i:])[0])
	case utf8.RuneCountInString(s) > MaxNameLength:
		pp.fail(field, "is %d characters long, over the limit of %d", utf8.RuneCountInString(s), MaxNameLength)
	}
	return s
}

func isControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }

// MaxNameLength bounds names printed in a program: the name is on every
// page and in every calendar event, so a 100 KB name made a 1.7 MB file.
const MaxNameLength = 200

// slug returns the given slug or one derived from the athlete's name (see
// package slug). It becomes a file and URL path segment.
func (pp *profileParser) slug(v any, athlete string) string {
	if v == nil {
		s := slug.Make(athlete)
		if s == "" && athlete != "" {
			pp.fail("athlete", "cannot derive a slug from %q; add slug = \"...\" using letters, digits and -", athlete)
		}
		return truncate(s, maxSlug)
	}
	s, ok := v.(string)
	if !ok {
		pp.fail("slug", "must be a string, got %s", tomlType(v))
		return ""
	}
	if !slug.Is(s) || len(s) > maxSlug {
		pp.fail("slug", "must be one path segment of lowercase letters, digits and single hyphens (at most %d bytes), such as %q; got %q", maxSlug, slug.Make(s), s)
		return ""
	}
	return s
}

// maxSlug bounds a program's slug, a URL segment and file name.
const maxSlug = 80

// truncate cuts s to at most n bytes at a rune and hyphen boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRight(s[:cut], "-")
}

func (pp *profileParser) date(field string, v any) time.Time {
	if v == nil {
		pp.fail(field, "missing; add %s = 2027-01-04 (a date without quotes)", field)
		return time.Time{}
	}
	t, ok := v.(time.Time)
	if !ok || t.Location().String() != "date-local" {
		pp.fail(field, "must be a date like 2027-01-04 (no quotes, no time), got %s", tomlType(v))
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// intInRange checks an integer field; def is used when the field is absent
// (0 means the field is required).
func (pp *profileParser) intInRange(field string, v any, lo, hi, def int) int {
	if v == nil {
		if def == 0 {
			pp.fail(field, "missing; add %s = <a number from %d to %d>", field, lo, hi)
		}
		return def
	}
	n, ok := v.(int64)
	if !ok {
		pp.fail(field, "must be a whole number, got %s", tomlType(v))
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		pp.fail(field, "must be between %d and %d, got %d", lo, hi, n)
		return def
	}
	return int(n)
}

// oneOf checks a string field against its allowed values; def is used when
// the field is absent ("" means the field is required).
func (pp *profileParser) oneOf(field string, v any, def string, allowed ...string) string {
	if v == nil {
		if def == "" {
			pp.fail(field, "missing; add %s = %q (one of %s)", field, allowed[0], quoteList(allowed))
		}
		return def
	}
	s, ok := v.(string)
	if !ok {
		pp.fail(field, "must be a string, one of %s; got %s", quoteList(allowed), tomlType(v))
		return def
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	pp.fail(field, "must be one of %s, got %q", quoteList(allowed), s)
	return def
}

func (pp *profileParser) equipment(v any) []string {
	have := map[string]bool{}
	for _, e := range training.AlwaysAvailable {
		have[e] = true
	}
	if v != nil {
		list, ok := v.([]any)
		if !ok {
			pp.fail("equipment", "must be a list of strings like [\"band\", \"dumbbells\"], got %s", tomlType(v))
		}
		for _, item := range list {
			s, ok := item.(string)
			switch {
			case !ok:
				pp.fail("equipment", "items must be strings, got %s", tomlType(item))
			case !slices.Contains(training.Equipment, s):
				pp.fail("equipment", "unknown equipment %q; use %s", s, quoteList(training.Equipment))
			default:
				have[s] = true
			}
		}
	}
	var out []string
	for _, e := range training.Equipment { // vocabulary order keeps output stable
		if have[e] {
			out = append(out, e)
		}
	}
	return out
}

func (pp *profileParser) clock(field string, v any) Clock {
	if v == nil {
		return Clock{}
	}
	s, ok := v.(string)
	if !ok {
		pp.fail(field, "must be a time string like \"07:00\", got %s", tomlType(v))
		return Clock{}
	}
	c, ok := ParseClock(s)
	if !ok {
		pp.fail(field, "must be a 24-hour time like \"07:00\", got %q", s)
	}
	return c
}

// run converts one day of [runs]: a run type, or {type = "...", time = "HH:MM"}.
func (pp *profileParser) run(wd time.Weekday, v any) Run {
	field := "runs." + strings.ToLower(wd.String())
	switch val := v.(type) {
	case nil:
		return Run{Type: Rest}
	case string:
		return Run{Type: pp.runType(field, val)}
	case map[string]any:
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var r Run
		for _, k := range keys {
			switch k {
			case "type":
				if s, ok := val[k].(string); ok {
					r.Type = pp.runType(field+".type", s)
				} else {
					pp.fail(field+".type", "must be a string, got %s", tomlType(val[k]))
				}
			case "time":
				r.Time = pp.clock(field+".time", val[k])
			default:
				pp.fail(field+"."+k, "unknown key; a day takes type and time")
			}
		}
		if _, ok := val["type"]; !ok {
			pp.fail(field, "missing type; write { type = \"easy\", time = \"18:00\" }")
		}
		if r.Type == "" {
			r.Type = Rest
		}
		if r.Type == Rest {
			r.Time = Clock{}
		}
		return r
	default:
		pp.fail(field, "must be a run type string or { type = \"...\", time = \"HH:MM\" }, got %s", tomlType(v))
		return Run{Type: Rest}
	}
}

func (pp *profileParser) runType(field, s string) RunType {
	for _, t := range runTypes {
		if string(t) == s {
			return t
		}
	}
	names := make([]string, len(runTypes))
	for i, t := range runTypes {
		names[i] = string(t)
	}
	pp.fail(field, "unknown run type %q; use %s", s, quoteList(names))
	return Rest
}

func tomlType(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return fmt.Sprintf("the number %g", v)
	case bool:
		return fmt.Sprintf("%t", v)
	case time.Time:
		return "a date-time " + v.Format("2006-01-02T15:04:05")
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

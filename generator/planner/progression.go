package planner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Progression (rule 6) is a double progression, week by week: at a fixed
// load the reps rise by RepStep a week from the bottom of the phase's range
// to the top; then the load goes up one step and the reps start again at
// the bottom. Phase 1 starts each exercise at the bottom of its range.
// Phase 2 starts at the top, with a weight the athlete can lift that many
// times with two reps in reserve: a cautious first loaded week, and the
// load rises the week after, however short the phase. When the load cannot go up (phase 1 stays light, bodyweight
// work, or the heaviest weight the athlete owns), the next step is, in this
// order: the exercise's harder variation, one more set, a slower lowering,
// a pause at the hardest point. So no exercise repeats last week's
// prescription, however long the block.
const (
	RepStep      = 2 // reps added per week within the range
	maxExtraSets = 1 // sets added above the exercise's own number
	firstTempo   = 3 // seconds of lowering, the first tempo step...
	maxTempo     = 5 // ...up to this
	maxPause     = 3 // seconds of pause at the hardest point
)

// LoadStep is the weight added per step when the athlete has not listed
// what they own: 2.5 kg or 5 lb on dumbbells (the smallest common jump),
// 2 kg or 5 lb in a backpack. Kettlebells and bands go one size up.
func LoadStep(implement, units string) string {
	switch {
	case units == "lb":
		return "5 lb"
	case implement == "backpack":
		return "2 kg"
	}
	return "2.5 kg"
}

// dose is where one exercise slot stands in its progression.
type dose struct {
	ex        *Exercise
	sets      int
	reps      int
	implement string // "" for bodyweight, or a training implement
	owned     []Load // the athlete's list for implement; nil: progress from a found weight
	load      int    // index into owned, or steps above the found weight
	found     int    // week in which the athlete found the weight (no owned list)
	tempo     int    // seconds of lowering; 0 is the normal tempo
	pause     int    // seconds of pause; 0 is none
	step      int    // progression steps taken in this phase
	change    string // what changed since the week before
	lighter   bool   // an easier week below the found weight, which has no step down
}

// progression holds what the ladder needs to know about the athlete.
type progression struct {
	lib   *library
	units string
	exp   Experience
	owned map[string][]Load
}

// start gives e its first dose of the phase in week.
func (pr *progression) start(e *Exercise, week int, change string) dose {
	s := e.scheme(pr.lib.phase)
	d := dose{ex: e, sets: s.Sets, reps: s.Min, change: change}
	if pr.lib.phase == Strength {
		d.reps = s.Max
	}
	switch {
	case pr.lib.phase == Strength:
		d.implement = e.implement(pr.lib.equip)
	case e.needs("band"):
		d.implement = "band" // a band exercise is done with a light band in phase 1
	}
	if d.implement == "" {
		return d
	}
	d.owned = pr.owned[d.implement]
	switch {
	case pr.lib.phase == Stability:
		d.load = 0 // the lightest band
	case d.owned != nil:
		d.load = startIndex(pr.exp, len(d.owned))
	default:
		d.found = week
	}
	return d
}

// startIndex is the first weight of an owned list for an experience
// level: the lightest for new lifters, about a third of the way up for
// some experience, the middle for experienced lifters. The log sheet
// records what was really lifted, so a coach can correct it after week 1.
func startIndex(exp Experience, n int) int {
	switch exp {
	case Some:
		return n / 3
	case Experienced:
		return (n - 1) / 2
	}
	return 0
}

// advance is the next week's dose after d: one step up the ladder. used
// are the exercises already in the session and the week, which a new
// exercise must not repeat.
func (pr *progression) advance(d dose, week int, session, weekUsed []*Exercise) dose {
	s := d.ex.scheme(pr.lib.phase)
	n := d
	n.step++
	switch {
	case d.reps < s.Max:
		n.reps = min(s.Max, d.reps+RepStep)
		n.change = fmt.Sprintf("+%d %s", n.reps-d.reps, plural(n.reps-d.reps, "rep", "reps"))
		return n
	case pr.canAddLoad(d):
		n.load++
		n.reps = s.Min
		n.change = "heavier"
		return n
	}
	if h := pr.harder(d.ex, weekUsed); h != nil {
		n = pr.start(h, week, "harder variation")
		n.step = d.step + 1
		return n
	}
	if d.sets < s.Sets+maxExtraSets {
		// More work at the same reps; the steps below make each rep
		// harder and start the reps again from the bottom.
		n.sets++
		n.change = "one more set"
		return n
	}
	n.reps = s.Min
	switch {
	case d.tempo < maxTempo:
		n.tempo = max(firstTempo, d.tempo+1)
		n.change = "slower lowering"
	case d.pause < maxPause:
		n.pause++
		n.change = "longer pause"
	default:
		// Every step of this exercise is done: move on to another one of
		// the same kind, or start its ladder again as a new round.
		next := pr.rotate(d.ex, session, weekUsed)
		if next != d.ex {
			n = pr.start(next, week, "new exercise")
			n.step = d.step + 1
			return n
		}
		// A new round keeps the load earned and sheds sets, tempo and pause.
		n = pr.start(d.ex, week, "new round")
		n.load, n.found, n.step = d.load, d.found, d.step+1
	}
	return n
}

// canAddLoad reports whether the strength phase can put more load on d.
// Without an owned list there is always a next step; with one, up to its
// heaviest entry.
func (pr *progression) canAddLoad(d dose) bool {
	if pr.lib.phase != Strength || d.implement == "" {
		return false
	}
	return d.owned == nil || d.load+1 < len(d.owned)
}

// harder is e's harder variation when the athlete may do it now and the
// week does not already have it: two sessions of one week should not turn
// into the same session.
func (pr *progression) harder(e *Exercise, week []*Exercise) *Exercise {
	h := pr.lib.all[e.Harder]
	if !pr.lib.allows(h) || slices.Contains(week, h) {
		return nil
	}
	return h
}

// rotate picks another exercise that shares e's first focus, preferring
// one not used this week; e itself when there is none.
func (pr *progression) rotate(e *Exercise, session, weekUsed []*Exercise) *Exercise {
	kind := pr.lib.with(func(c *Exercise) bool { return len(e.Focus) > 0 && c.has(e.Focus[0]) && c != e })
	if c := pickFresh(kind, 0, session, weekUsed); c != nil {
		return c
	}
	return e
}

// deload is the easier week's version of d: one set fewer, reps at the
// bottom of the range, one load step lighter, normal tempo.
func (pr *progression) deload(d dose) dose {
	s := d.ex.scheme(pr.lib.phase)
	e := d
	e.sets = max(1, d.sets-1)
	e.reps = s.Min
	e.tempo, e.pause = 0, 0
	e.load = max(0, d.load-1)
	e.lighter = d.owned == nil && d.load == 0
	e.change = "easier week"
	return e
}

// taper is the dose of a week before the race: one set fewer at the same
// load and reps, so strength is kept while fatigue drops. In race week the
// load is one step lighter as well.
func (pr *progression) taper(d dose, raceWeek bool) dose {
	t := d
	t.sets = max(1, d.sets-1)
	t.change = "taper"
	if raceWeek {
		t = pr.deload(d)
		t.change = "race week"
	}
	return t
}

// prescription turns a dose into what the athlete reads for week.
func (pr *progression) prescription(d dose, week int, kind string) Prescription {
	e := d.ex
	s := e.scheme(pr.lib.phase)
	p := Prescription{
		Slug: e.Slug, Title: e.Title, URL: e.URL, Focus: e.Focus,
		Sets: d.sets, RepCount: d.reps, PerSide: s.PerSide,
		Implement: d.implement, LoadRank: -1,
		Step: d.step, Change: d.change,
		TempoSeconds: d.tempo, PauseSeconds: d.pause,
	}
	if len(e.Cues) > 0 {
		p.Cue = e.Cues[0]
	}
	p.Reps = strconv.Itoa(d.reps)
	if s.PerSide {
		p.Reps += " per side"
	}
	p.Tempo = tempoText(d.tempo, d.pause)
	p.Load, p.Calibrate = pr.loadText(d, week, kind)
	if d.implement != "" {
		p.LoadRank = d.load
		if d.owned != nil {
			p.Weight = d.owned[d.load].Weight
		}
	}
	return p
}

func tempoText(tempo, pause int) string {
	var parts []string
	if tempo > 0 {
		parts = append(parts, strconv.Itoa(tempo)+" s lowering")
	}
	if pause > 0 {
		parts = append(parts, strconv.Itoa(pause)+" s pause")
	}
	return strings.Join(parts, ", ")
}

// Week kinds for loadText.
const (
	kindNormal = ""
	kindDeload = "deload"
	kindTaper  = "taper"
)

// loadText says what to lift. A dose with an owned list names the weight;
// without one, the first loaded week asks the athlete to find and write
// down a weight and later weeks count steps from it.
func (pr *progression) loadText(d dose, week int, kind string) (text string, calibrate bool) {
	prefix := ""
	switch kind {
	case kindDeload:
		prefix = "easy week: "
	case kindTaper:
		prefix = "taper: "
	}
	switch {
	case d.implement == "":
		return prefix + "bodyweight", false
	case pr.lib.phase == Stability:
		if d.owned != nil {
			return prefix + ownedText("band", d.owned[0].Label), false // the lightest
		}
		return prefix + "light band", false
	case d.owned != nil:
		return prefix + ownedText(d.implement, d.owned[d.load].Label), false
	case week == d.found:
		verb := "lift"
		if d.implement == "band" {
			verb = "stretch"
		}
		return fmt.Sprintf("find %s you can %s %d times with 2 reps in reserve; write it down", findNoun[d.implement], verb, d.reps), true
	case d.lighter:
		return prefix + "a little lighter than your week " + strconv.Itoa(d.found) + " " + foundNoun[d.implement], false
	}
	return prefix + pr.stepsText(d), false
}

var findNoun = map[string]string{
	"dumbbells":  "a dumbbell weight",
	"kettlebell": "a kettlebell",
	"backpack":   "a backpack load",
	"band":       "a band",
}

var foundNoun = map[string]string{
	"dumbbells":  "weight",
	"kettlebell": "bell",
	"backpack":   "backpack",
	"band":       "band",
}

func ownedText(implement, label string) string {
	switch implement {
	case "dumbbells":
		return label + " dumbbells"
	case "kettlebell":
		return label + " kettlebell"
	case "backpack":
		return label + " in the backpack"
	}
	return label + " band"
}

// stepsText counts load steps from the weight found in week d.found.
func (pr *progression) stepsText(d dose) string {
	base := "week " + strconv.Itoa(d.found) + " " + foundNoun[d.implement]
	if d.load == 0 {
		return "your " + base
	}
	switch d.implement {
	case "kettlebell":
		return fmt.Sprintf("%s + %s %s", base, countWord(d.load), plural(d.load, "size", "sizes"))
	case "band":
		return fmt.Sprintf("%s + %s stronger", base, countWord(d.load))
	}
	return base + " + " + multiplyStep(LoadStep(d.implement, pr.units), d.load)
}

func countWord(n int) string {
	if n >= 1 && n <= 4 {
		return [...]string{"one", "two", "three", "four"}[n-1]
	}
	return strconv.Itoa(n)
}

// multiplyStep writes n steps of a step such as "2.5 kg" as one amount.
func multiplyStep(step string, n int) string {
	num, unit, _ := strings.Cut(step, " ")
	v, _ := strconv.ParseFloat(num, 64)
	return strconv.FormatFloat(v*float64(n), 'f', -1, 64) + " " + unit
}

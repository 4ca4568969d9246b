package planner

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// RepScheme is the dose of an exercise in one phase.
type RepScheme struct {
	Sets, Min, Max int
	PerSide        bool
}

// Exercise is one exercise page of the site, as the content loader reads it.
type Exercise struct {
	Slug, Title, URL string   // URL is the page's site URL, with base path
	Equipment        []string // required equipment; "bodyweight" means none
	Focus            []string // "single-leg", "glute-med", "hinge", "squat", "calf", "core"
	Phases           []string // Stability, Strength
	Reps             map[string]RepScheme
	Cues             []string
}

// Focus values the planner requires or uses to round out a session.
const (
	FocusSingleLeg = "single-leg"
	FocusGluteMed  = "glute-med"
)

// extraFoci round out a session after the two required exercises, in order.
var extraFoci = []string{"hinge", "squat", "calf", "core"}

// exercisesPerSession is enough work for a 30 to 45 minute session.
const exercisesPerSession = 4

// Default rep ranges (rule 5) for exercises whose page gives none.
var defaultReps = map[string]RepScheme{
	Stability: {Sets: 3, Min: 12, Max: 20},
	Strength:  {Sets: 3, Min: 6, Max: 10},
}

// scheme returns the exercise's dose for a phase, falling back to the
// phase defaults for missing or inconsistent numbers.
func (e *Exercise) scheme(phase string) RepScheme {
	d := defaultReps[phase]
	s, ok := e.Reps[phase]
	if !ok {
		return d
	}
	if s.Sets <= 0 {
		s.Sets = d.Sets
	}
	if s.Min <= 0 || s.Max < s.Min {
		s.Min, s.Max = d.Min, d.Max
	}
	return s
}

func (e *Exercise) needs(item string) bool { return slices.Contains(e.Equipment, item) }

func (e *Exercise) has(focus string) bool { return slices.Contains(e.Focus, focus) }

// usable reports whether the athlete has everything the exercise needs.
func usable(e *Exercise, equipment []string) bool {
	for _, item := range e.Equipment {
		if item != "bodyweight" && !slices.Contains(equipment, item) {
			return false
		}
	}
	return true
}

// candidates returns the exercises for a phase that the athlete can do,
// sorted by slug so that choices do not depend on input order.
func candidates(all []Exercise, phase string, equipment []string) []*Exercise {
	var out []*Exercise
	for i := range all {
		e := &all[i]
		if slices.Contains(e.Phases, phase) && usable(e, equipment) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}

// chooseSessions picks the exercises of each of n weekly sessions in a
// phase. Every session gets a single-leg and a glute-med exercise (rule 7),
// then other foci up to four exercises. Session i starts its search at
// offset i in each list, so sessions of a week differ when there is choice.
func chooseSessions(p *Profile, all []Exercise, phase string, n int) ([][]*Exercise, error) {
	cands := candidates(all, phase, p.Equipment)
	for _, focus := range []string{FocusSingleLeg, FocusGluteMed} {
		if len(withFocus(cands, focus)) == 0 {
			return nil, noExerciseError(p, all, phase, focus)
		}
	}
	sessions := make([][]*Exercise, n)
	var week []*Exercise // every exercise used so far this week
	for i := range sessions {
		var picked []*Exercise
		for _, focus := range []string{FocusSingleLeg, FocusGluteMed} {
			if e := pickFresh(withFocus(cands, focus), i, picked, week); e != nil {
				picked = append(picked, e)
			}
		}
		for _, focus := range extraFoci {
			if len(picked) >= exercisesPerSession {
				break
			}
			if covers(picked, focus) {
				continue
			}
			if e := pickFresh(withFocus(cands, focus), i, picked, week); e != nil {
				picked = append(picked, e)
			}
		}
		sessions[i] = picked
		week = append(week, picked...)
	}
	return sessions, nil
}

func withFocus(list []*Exercise, focus string) []*Exercise {
	var out []*Exercise
	for _, e := range list {
		if e.has(focus) {
			out = append(out, e)
		}
	}
	return out
}

func covers(list []*Exercise, focus string) bool {
	for _, e := range list {
		if e.has(focus) {
			return true
		}
	}
	return false
}

// pickFresh prefers an exercise not yet used this week, so sessions vary,
// and falls back to any exercise not in the current session.
func pickFresh(list []*Exercise, offset int, session, week []*Exercise) *Exercise {
	if e := pickRotated(list, offset, append(session[:len(session):len(session)], week...)); e != nil {
		return e
	}
	return pickRotated(list, offset, session)
}

// pickRotated returns the first exercise of list, starting at offset, that
// is not already in used; nil when all are used.
func pickRotated(list []*Exercise, offset int, used []*Exercise) *Exercise {
	for k := range list {
		e := list[(offset+k)%len(list)]
		if !slices.Contains(used, e) {
			return e
		}
	}
	return nil
}

// noExerciseError names the equipment that would unlock the missing focus:
// the exercise needing the fewest extra items (ties by slug).
func noExerciseError(p *Profile, all []Exercise, phase, focus string) error {
	var best []string
	bestSlug := ""
	for i := range all {
		e := &all[i]
		if !slices.Contains(e.Phases, phase) || !e.has(focus) {
			continue
		}
		var missing []string
		for _, item := range e.Equipment {
			if item != "bodyweight" && !slices.Contains(p.Equipment, item) {
				missing = append(missing, item)
			}
		}
		if bestSlug == "" || len(missing) < len(best) || (len(missing) == len(best) && e.Slug < bestSlug) {
			best, bestSlug = missing, e.Slug
		}
	}
	fix := fmt.Sprintf("the site has no %s exercise for the %s phase; add one", focus, phase)
	if bestSlug != "" {
		fix = fmt.Sprintf("add %s to equipment (used by %s)", quoteList(best), bestSlug)
	}
	return &PlanError{
		File: p.File, Line: p.line("equipment"), Rule: 7, Name: "single-leg and glute-med work every session", err: ErrNoExercise,
		Problem: fmt.Sprintf("equipment = [%s] leaves no %s exercise for the %s phase", quoteList(p.Equipment), focus, phase),
		Fix:     fix,
	}
}

// Load steps for phase 2 (rule 6).
func loadStep(units string) string {
	if units == "lb" {
		return "5 lb"
	}
	return "2.5 kg"
}

func loadSteps(units string, steps int) string {
	if units == "lb" {
		return fmt.Sprintf("%d lb", 5*steps)
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", 2.5*float64(steps)), ".0") + " kg"
}

// weekDose is where a week sits in its phase's progression.
type weekDose struct {
	phase  string
	step   int  // progression weeks already done in this phase (deloads excluded)
	deload bool // easier week
	first  int  // week number of the phase's first week, for load references
	units  string
}

// prescribe gives an exercise its sets, reps and load for one week.
func prescribe(e *Exercise, d weekDose) Prescription {
	s := e.scheme(d.phase)
	pr := Prescription{Slug: e.Slug, Title: e.Title, URL: e.URL, Focus: e.Focus, Sets: s.Sets}
	if len(e.Cues) > 0 {
		pr.Cue = e.Cues[0]
	}
	var reps int
	if d.phase == Stability {
		reps, pr.Load = stabilityDose(e, s, d)
	} else {
		reps, pr.Load = strengthDose(e, s, d)
	}
	if d.deload {
		pr.Sets = max(1, s.Sets-1)
	}
	pr.RepCount, pr.PerSide = reps, s.PerSide
	pr.Reps = strconv.Itoa(reps)
	if s.PerSide {
		pr.Reps += " per side"
	}
	return pr
}

// stabilityDose: light load; reps start at the bottom of the range and rise
// by 2 each progression week, capped at the top. A deload week goes back to
// the bottom of the range.
func stabilityDose(e *Exercise, s RepScheme, d weekDose) (int, string) {
	if d.deload {
		return s.Min, "easy week: " + lightLoad(e)
	}
	return min(s.Max, s.Min+2*d.step), lightLoad(e)
}

func lightLoad(e *Exercise) string {
	switch {
	case e.needs("dumbbells") || e.needs("kettlebell"):
		return "light weight you could lift 20+ times; control first"
	case e.needs("band"):
		return "light band; smooth, no jerks"
	}
	return "bodyweight; slow and controlled"
}

// strengthDose: reps start at the top of the range and drop by one each
// progression week (not below the bottom) while load rises one step a week.
// A deload week keeps last week's reps with one step less load.
func strengthDose(e *Exercise, s RepScheme, d weekDose) (int, string) {
	step := d.step
	if d.deload {
		step = max(0, d.step-1)
	}
	reps := max(s.Min, s.Max-step)
	switch {
	case e.needs("dumbbells") || e.needs("kettlebell"):
		if d.deload {
			if d.step == 0 {
				return reps, fmt.Sprintf("easy week: a weight you could lift %d times", reps+4)
			}
			return reps, fmt.Sprintf("easy week: last week's weight − %s", loadStep(d.units))
		}
		if d.step == 0 {
			return reps, fmt.Sprintf("a weight you can lift %d times with 2 reps to spare; write it down", reps)
		}
		return reps, fmt.Sprintf("week %d weight + %s", d.first, loadSteps(d.units, d.step))
	case e.needs("band"):
		if d.deload {
			return reps, "easy week: one band lighter than last week"
		}
		if d.step == 0 {
			return reps, fmt.Sprintf("a band you can stretch %d times with 2 reps to spare", reps)
		}
		return reps, "next stronger band (or shorter grip) than last week"
	}
	if d.deload {
		return reps, "easy week: bodyweight, normal tempo"
	}
	if d.step == 0 {
		return reps, "bodyweight, 3-second lowering"
	}
	return reps, fmt.Sprintf("3-second lowering + %d-second pause, or hold a weight", min(d.step, 3))
}

package planner

import (
	"fmt"
	"slices"
	"sort"

	"github.com/stance-ssg/stance/generator/training"
)

// RepScheme is the dose of an exercise in one phase.
type RepScheme struct {
	Sets, Min, Max int
	PerSide        bool
}

// Exercise is one exercise page of the site, as the content loader reads it.
type Exercise struct {
	Slug, Title, URL string         // URL is the page's site URL, with base path
	Equipment        []string       // what it needs; "bodyweight" means nothing
	Load             []string       // implements that can add load (training.Implements)
	Level            training.Level // zero means training.DefaultLevel
	Easier, Harder   string         // slugs of its variations, or empty
	Focus            []string       // training.Focuses
	Phases           []string       // Stability, Strength
	Reps             map[string]RepScheme
	Cues             []string
}

// exercisesPerSession is enough work for a 30 to 45 minute session.
const exercisesPerSession = 4

// scheme returns the exercise's dose for a phase, falling back to the
// phase's rep range for missing or inconsistent numbers.
func (e *Exercise) scheme(phase string) RepScheme {
	r := training.PhaseReps[phase]
	d := RepScheme{Sets: 3, Min: r.Min, Max: r.Max}
	if phase == Stability {
		d.Sets = 2
	}
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

func (e *Exercise) level() training.Level {
	if e.Level == 0 {
		return training.DefaultLevel
	}
	return e.Level
}

func (e *Exercise) needs(item string) bool { return slices.Contains(e.Equipment, item) }

func (e *Exercise) has(focus string) bool { return slices.Contains(e.Focus, focus) }

// implement is what loads the exercise for this athlete in the strength
// phase: the heaviest implement (training.Implements order) that the
// exercise takes and the athlete has; "" for bodyweight only. An
// implement the exercise needs also loads it.
func (e *Exercise) implement(equipment []string) string {
	for _, item := range training.Implements {
		if (slices.Contains(e.Load, item) || e.needs(item)) && slices.Contains(equipment, item) {
			return item
		}
	}
	return ""
}

// usable reports whether the athlete has everything the exercise needs.
func usable(e *Exercise, equipment []string) bool {
	for _, item := range e.Equipment {
		if item != "bodyweight" && !slices.Contains(equipment, item) {
			return false
		}
	}
	return true
}

// levelCap is the hardest exercise level an athlete may do in a phase.
// Phase 1 stays at the athlete's own level; phase 2 opens the next one,
// so a new lifter earns the loaded single-leg moves after learning control.
func levelCap(exp Experience, phase string) training.Level {
	l := map[Experience]training.Level{New: training.Beginner, Some: training.Intermediate, Experienced: training.Advanced}[exp]
	if phase == Strength {
		l = min(training.Advanced, l+1)
	}
	return l
}

// library is the exercises one athlete can use in one phase.
type library struct {
	all   map[string]*Exercise // every exercise of the site, by slug
	cands []*Exercise          // usable in this phase, hardest level first
	phase string
	cap   training.Level
	equip []string
}

func newLibrary(p *Profile, all []Exercise, phase string) *library {
	lib := &library{all: map[string]*Exercise{}, phase: phase, cap: levelCap(p.Experience, phase), equip: p.Equipment}
	for i := range all {
		e := &all[i]
		lib.all[e.Slug] = e
		if lib.allows(e) {
			lib.cands = append(lib.cands, e)
		}
	}
	// Harder levels first, so a phase uses the most demanding work the
	// athlete has earned; slugs break ties so input order never matters.
	sort.Slice(lib.cands, func(i, j int) bool {
		a, b := lib.cands[i], lib.cands[j]
		if a.level() != b.level() {
			return a.level() > b.level()
		}
		return a.Slug < b.Slug
	})
	return lib
}

// allows reports whether the athlete may do e in this phase.
func (lib *library) allows(e *Exercise) bool {
	return e != nil && slices.Contains(e.Phases, lib.phase) && usable(e, lib.equip) && e.level() <= lib.cap
}

// Roles of the exercises in a session, in the order they are done: the
// main single-leg lift while fresh, hip isolation next, other leg work,
// calves and trunk last.
var sessionOrder = []func(*Exercise) bool{
	mainLift,
	func(e *Exercise) bool { return e.has(training.FocusGluteMed) },
	func(e *Exercise) bool { return e.has(training.FocusHinge) || e.has(training.FocusSquat) },
	func(e *Exercise) bool { return e.has(training.FocusCalf) || e.has(training.FocusCore) },
}

// mainLift is single-leg work that squats or hinges: the exercise a
// session is built around (a calf raise is single-leg too, but not that).
func mainLift(e *Exercise) bool {
	return e.has(training.FocusSingleLeg) && (e.has(training.FocusSquat) || e.has(training.FocusHinge))
}

// chooseSessions picks the exercises of each of n weekly sessions in a
// phase. Every session gets a single-leg and a glute-med exercise (rule 7),
// then hinge, squat, calf or core work up to four exercises, and is put in
// session order. Session i starts its search at offset i in each list, so
// sessions of a week differ when there is choice.
func chooseSessions(p *Profile, all []Exercise, lib *library, n int) ([][]*Exercise, error) {
	for _, focus := range []string{training.FocusSingleLeg, training.FocusGluteMed} {
		if len(lib.with(func(e *Exercise) bool { return e.has(focus) })) == 0 {
			return nil, noExerciseError(p, all, lib, focus)
		}
	}
	sessions := make([][]*Exercise, n)
	var week []*Exercise // every exercise used so far this week
	for i := range sessions {
		var picked []*Exercise
		pick := func(match func(*Exercise) bool) {
			if e := pickFresh(lib.with(match), i, picked, week); e != nil {
				picked = append(picked, e)
			}
		}
		pick(mainLift)
		if !covers(picked, training.FocusSingleLeg) {
			pick(func(e *Exercise) bool { return e.has(training.FocusSingleLeg) })
		}
		pick(isolation)
		if !covers(picked, training.FocusGluteMed) {
			pick(func(e *Exercise) bool { return e.has(training.FocusGluteMed) })
		}
		for _, focus := range []string{training.FocusHinge, training.FocusSquat, training.FocusCalf, training.FocusCore} {
			if len(picked) < exercisesPerSession && !covers(picked, focus) {
				pick(func(e *Exercise) bool { return e.has(focus) })
			}
		}
		sessions[i] = inSessionOrder(picked)
		week = append(week, picked...)
	}
	return sessions, nil
}

// isolation is glute-med work that is not also single-leg work.
func isolation(e *Exercise) bool {
	return e.has(training.FocusGluteMed) && !e.has(training.FocusSingleLeg)
}

// inSessionOrder sorts a session's exercises by their role (sessionOrder),
// keeping the pick order within a role.
func inSessionOrder(exs []*Exercise) []*Exercise {
	role := func(e *Exercise) int {
		for i, match := range sessionOrder {
			if match(e) {
				return i
			}
		}
		return len(sessionOrder)
	}
	out := slices.Clone(exs)
	sort.SliceStable(out, func(i, j int) bool { return role(out[i]) < role(out[j]) })
	return out
}

func (lib *library) with(match func(*Exercise) bool) []*Exercise {
	var out []*Exercise
	for _, e := range lib.cands {
		if match(e) {
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
func noExerciseError(p *Profile, all []Exercise, lib *library, focus string) error {
	var best []string
	bestSlug := ""
	for i := range all {
		e := &all[i]
		if !slices.Contains(e.Phases, lib.phase) || !e.has(focus) || e.level() > lib.cap {
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
	fix := fmt.Sprintf("the site has no %s exercise up to %s level for the %s phase; add one", focus, lib.cap, lib.phase)
	if bestSlug != "" {
		fix = fmt.Sprintf("add %s to equipment (used by %s)", quoteList(best), bestSlug)
	}
	return planError(p, []string{"equipment"}, planRule{7, ruleFoci, ErrNoExercise},
		fmt.Sprintf("equipment = [%s] leaves no %s exercise up to %s level for the %s phase", quoteList(p.Equipment), focus, lib.cap, lib.phase),
		fix)
}

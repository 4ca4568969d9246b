// Package planner turns a coach's profile of one runner into a strength
// block: which days carry strength sessions, which exercises with which
// dose each week, and the cadence steps for easy runs. Every choice comes
// with a one-line reason so a coach can check it.
//
// The rules, numbered as in errors and on the page:
//
//  1. sessions_per_week sessions every week (default 2).
//  2. Sessions go on non-running days first; otherwise on a running day at
//     least six hours from the run.
//  3. No heavy session the day before a demanding run (tempo, intervals,
//     hills, long, race). The weekly layout honours this in both phases,
//     so the days stay the same all block.
//  4. No strength on consecutive days, and one day a week stays free of
//     both running and strength.
//  5. Phase 1 (stability) then phase 2 (strength); see stabilityWeeks.
//  6. Weekly progression and easier weeks; see prescribe and isDeload.
//  7. Exercises match the equipment and every session has single-leg and
//     glute-med work; see chooseSessions.
//  8. Cadence rises 5 to 10 % in small weekly steps; see planCadence.
package planner

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Plan builds the program for p from the site's exercises. It fails with a
// *PlanError (wrapping ErrImpossibleWeek or ErrNoExercise) when the rules
// cannot be met, naming the rule and what to change.
func Plan(p *Profile, exercises []Exercise) (*Program, error) {
	if err := checkPlannable(p); err != nil {
		return nil, err
	}
	layout, err := planWeek(p)
	if err != nil {
		return nil, err
	}
	phase1 := stabilityWeeks(p.Experience, p.Weeks)
	picks := map[string][][]*Exercise{}
	for _, phase := range []string{Stability, Strength} {
		s, err := chooseSessions(p, exercises, phase, p.SessionsPerWeek)
		if err != nil {
			return nil, err
		}
		picks[phase] = s
	}

	prog := &Program{
		Athlete:         p.Athlete,
		Slug:            p.Slug,
		File:            p.File,
		Paper:           p.Paper,
		Units:           p.Units,
		Experience:      p.Experience,
		Start:           p.Start,
		End:             p.Start.AddDate(0, 0, 7*p.Weeks-1),
		SessionsPerWeek: p.SessionsPerWeek,
		Equipment:       p.Equipment,
		Phases:          phases(p, phase1),
		DeloadWeeks:     deloadWeeks(p.Weeks),
		Cadence:         planCadence(p.Cadence, p.Weeks),
	}
	prog.Weeks = buildWeeks(p, layout, picks, phase1, prog.Cadence.Weekly)
	prog.Explanations = explain(p, layout, prog)
	return prog, nil
}

// checkPlannable guards against profiles built in code rather than parsed.
func checkPlannable(p *Profile) error {
	var errs []error
	if p.Weeks < MinWeeks || p.Weeks > MaxWeeks {
		errs = append(errs, fmt.Errorf("%s: weeks: must be between %d and %d, got %d", p.File, MinWeeks, MaxWeeks, p.Weeks))
	}
	if p.SessionsPerWeek < 1 || p.SessionsPerWeek > 3 {
		errs = append(errs, fmt.Errorf("%s: sessions_per_week: must be between 1 and 3, got %d", p.File, p.SessionsPerWeek))
	}
	if p.Cadence < MinCadence || p.Cadence > MaxCadence {
		errs = append(errs, fmt.Errorf("%s: cadence: must be between %d and %d, got %d", p.File, MinCadence, MaxCadence, p.Cadence))
	}
	if p.Start.IsZero() {
		errs = append(errs, fmt.Errorf("%s: start: missing", p.File))
	}
	return errors.Join(errs...)
}

func phases(p *Profile, phase1 int) []Phase {
	st, sg := defaultReps[Stability], defaultReps[Strength]
	return []Phase{
		{Number: 1, Name: Stability, Title: "Stability and control", FirstWeek: 1, LastWeek: phase1,
			Goal: fmt.Sprintf("light load, %d to %d reps, 2 more reps each week", st.Min, st.Max)},
		{Number: 2, Name: Strength, Title: "Strength", FirstWeek: phase1 + 1, LastWeek: p.Weeks,
			Goal: fmt.Sprintf("heavier load, %d to %d reps: +%s (or the next band) and one rep fewer each week", sg.Min, sg.Max, loadStep(p.Units))},
	}
}

func buildWeeks(p *Profile, layout *weekLayout, picks map[string][][]*Exercise, phase1 int, cadence []int) []Week {
	weeks := make([]Week, p.Weeks)
	var notes [7]string
	perWeek, perSession := 0, 0
	for wd := range notes {
		notes[wd] = layout.dayNote(p, time.Weekday(wd))
		if layout.sessions[wd] {
			perWeek++
		}
	}
	for _, sessions := range picks {
		for _, exs := range sessions {
			perSession = max(perSession, len(exs))
		}
	}
	// Sessions and their exercises are carved from one array each instead
	// of one allocation per session and a growing slice per exercise list:
	// the allocations, not the planning, were most of Plan's time.
	sessionArr := make([]Session, 0, p.Weeks*perWeek)
	doses := make([]Prescription, 0, p.Weeks*perWeek*perSession)
	step := 0
	for i := range weeks {
		n := i + 1
		phase, first := Stability, 1
		if n > phase1 {
			phase, first = Strength, phase1+1
		}
		if n == first {
			step = 0
		}
		w := &weeks[i]
		w.Number, w.Phase, w.Deload, w.Cadence = n, phase, isDeload(n, p.Weeks), cadence[i]
		w.Sessions = make([]*Session, 0, perWeek)
		dose := weekDose{phase: phase, step: step, deload: w.Deload, first: first, units: p.Units}
		for d := range w.Days {
			date := p.Start.AddDate(0, 0, 7*i+d)
			wd := date.Weekday()
			day := &w.Days[d]
			day.Date, day.Run, day.Note = date, p.Runs[wd], notes[wd]
			if !layout.sessions[wd] {
				continue
			}
			sessionArr = append(sessionArr, Session{
				Number: len(w.Sessions) + 1, Week: n, Date: date,
				Time: layout.slots[wd].Time, Timing: layout.slots[wd].Timing,
				Heavy: phase == Strength,
			})
			s := &sessionArr[len(sessionArr)-1]
			from := len(doses)
			for _, e := range picks[phase][len(w.Sessions)] {
				doses = append(doses, prescribe(e, dose))
			}
			if len(doses) > from {
				s.Exercises = doses[from:len(doses):len(doses)]
			}
			day.Strength = s
			w.Sessions = append(w.Sessions, s)
		}
		if !w.Deload {
			step++
		}
	}
	return weeks
}

var experienceShare = map[Experience]string{
	New:         "new to strength training: half the block, at least 3 weeks",
	Some:        "some strength experience: about 3/8 of the block, at least 2 weeks",
	Experienced: "experienced: about a quarter of the block, at least 2 weeks",
}

func explain(p *Profile, layout *weekLayout, prog *Program) []string {
	var days []string
	for _, wd := range mondayFirst {
		if layout.sessions[wd] {
			days = append(days, dayName(wd))
		}
	}
	ph1, ph2 := prog.Phases[0], prog.Phases[1]
	lines := []string{
		fmt.Sprintf("Rule 1: %d strength %s a week, on %s, the same days every week.", p.SessionsPerWeek, plural(p.SessionsPerWeek, "session", "sessions"), joinAnd(days)),
		fmt.Sprintf("Rule 4: %s stays a full rest day, with no run and no strength.", dayName(layout.restDay)),
		fmt.Sprintf("Rule 5: phase 1, stability and control, is %s (%s); phase 2, strength, is %s.", weekRange(ph1), experienceShare[p.Experience], weekRange(ph2)),
		"Rule 6: phase 1 starts each exercise at the bottom of its rep range and adds 2 reps a week up to the top; light load throughout.",
		fmt.Sprintf("Rule 6: phase 2 starts at the top of the rep range with a load that leaves 2 reps to spare, then adds %s (or the next band) and drops one rep each week; repeat last week's load if its reps did not leave 2 to spare.", loadStep(p.Units)),
		deloadLine(prog.DeloadWeeks),
		fmt.Sprintf("Rule 7: exercises use only %s; each session has single-leg and gluteus medius work, and sessions of a week differ where the site offers a choice.", joinAnd(p.Equipment)),
		"Rule 8: " + prog.Cadence.Rule,
	}
	return lines
}

func deloadLine(weeks []int) string {
	if len(weeks) == 0 {
		return "Rule 6: no easier week; blocks shorter than 8 weeks do not need one."
	}
	nums := make([]string, len(weeks))
	for i, w := range weeks {
		nums[i] = fmt.Sprint(w)
	}
	return fmt.Sprintf("Rule 6: %s %s %s easier (every 4th week): one set fewer and lighter, so the body absorbs the work.",
		plural(len(weeks), "week", "weeks"), joinAnd(nums), plural(len(weeks), "is", "are"))
}

func weekRange(ph Phase) string {
	if ph.FirstWeek == ph.LastWeek {
		return fmt.Sprintf("week %d", ph.FirstWeek)
	}
	return fmt.Sprintf("weeks %d to %d", ph.FirstWeek, ph.LastWeek)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Package planner turns a coach's profile of one runner into a strength
// block: which days carry strength sessions, which exercises with which
// dose each week, and the cadence steps for easy runs. Every choice comes
// with a one-line reason so a coach can check it.
//
// The rules, numbered as in errors and on the page:
//
//  1. sessions_per_week sessions every week (default 2).
//  2. Sessions go on non-running days first; otherwise on a running day at
//     least six hours from the run, and after it when the run is demanding.
//  3. No heavy session the day before a demanding run (tempo, intervals,
//     hills, long, race). The weekly layout honours this in both phases,
//     so the days stay the same all block.
//  4. No strength on consecutive days, and one day a week stays free of
//     both running and strength.
//  5. Phase 1 (stability) then phase 2 (strength); see stabilityWeeks.
//  6. Double progression every week, easier weeks; see progression.go and
//     deloadWeeks.
//  7. Exercises match the equipment and the athlete's level, every session
//     has single-leg and glute-med work, main lift first; see
//     chooseSessions.
//  8. Cadence rises 5 to 10 % in small weekly steps; see planCadence.
//  9. A race ends the block with a taper and four strength-free days
//     before it; see taperWeeks and raceDay.
package planner

import (
	"fmt"
	"strings"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/training"
)

// Plan builds the program for p from the site's exercises. It fails with a
// *diag.Error (errors.Is ErrImpossibleWeek or ErrNoExercise) when the rules
// cannot be met, naming the field, the rule and what to change.
func Plan(p *Profile, exercises []Exercise) (*Program, error) {
	if err := checkPlannable(p); err != nil {
		return nil, err
	}
	layout, err := planWeek(p)
	if err != nil {
		return nil, err
	}
	phase1 := stabilityWeeks(p.Experience, p.Weeks)
	plans := map[string]*phasePlan{}
	for _, phase := range []string{Stability, Strength} {
		lib := newLibrary(p, exercises, phase)
		picks, err := chooseSessions(p, exercises, lib, p.SessionsPerWeek)
		if err != nil {
			return nil, err
		}
		plans[phase] = &phasePlan{picks: picks, ladder: &progression{lib: lib, units: p.Units, exp: p.Experience, owned: p.Owned}}
	}
	taper := taperWeeks(p.Weeks, p.Race)
	phaseList := phases(p, phase1)
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
		Owned:           p.Owned,
		Race:            p.Race,
		Phases:          phaseList,
		DeloadEvery:     p.DeloadEvery,
		DeloadWeeks:     deloadWeeks(p.Weeks, p.DeloadEvery, phaseList, taper),
		TaperWeeks:      taper,
		Cadence:         planCadence(p.Cadence, p.Weeks),
	}
	prog.Weeks = buildWeeks(p, layout, plans, prog)
	prog.Explanations = explain(p, layout, plans, prog)
	return prog, nil
}

// checkPlannable guards against profiles built in code rather than parsed.
func checkPlannable(p *Profile) error {
	var errs diag.List
	check := func(ok bool, key, format string, args ...any) {
		if !ok {
			errs.Add(&diag.Error{File: p.File, Key: key, Msg: fmt.Sprintf(format, args...)})
		}
	}
	check(p.Weeks >= MinWeeks && p.Weeks <= MaxWeeks, "weeks", "must be between %d and %d, got %d", MinWeeks, MaxWeeks, p.Weeks)
	check(p.SessionsPerWeek >= 1 && p.SessionsPerWeek <= 3, "sessions_per_week", "must be between 1 and 3, got %d", p.SessionsPerWeek)
	check(p.Cadence >= MinCadence && p.Cadence <= MaxCadence, "cadence", "must be between %d and %d, got %d", MinCadence, MaxCadence, p.Cadence)
	check(p.DeloadEvery >= MinDeloadEvery && p.DeloadEvery <= MaxDeloadEvery, "deload_every", "must be between %d and %d, got %d", MinDeloadEvery, MaxDeloadEvery, p.DeloadEvery)
	check(!p.Start.IsZero(), "start", "missing")
	return errs.Err()
}

func phases(p *Profile, phase1 int) []Phase {
	st, sg := training.PhaseReps[Stability], training.PhaseReps[Strength]
	return []Phase{
		{Number: 1, Name: Stability, Title: "Stability and control", FirstWeek: 1, LastWeek: phase1,
			Goal: fmt.Sprintf("light load, %d to %d reps: %d more reps a week, then a harder variation or one more set", st.Min, st.Max, RepStep)},
		{Number: 2, Name: Strength, Title: "Strength", FirstWeek: phase1 + 1, LastWeek: p.Weeks,
			Goal: fmt.Sprintf("heavier load, %d to %d reps: first week at %d, then more load and back to %d, %d more reps a week, more load again", sg.Min, sg.Max, sg.Max, sg.Min, RepStep)},
	}
}

// phasePlan is one phase's exercise picks and progression.
type phasePlan struct {
	picks  [][]*Exercise // per session of the week, in session order
	ladder *progression
}

// doses lists the prescriptions of every week of the phase: per week, per
// session, per exercise. The ladder climbs one step in every normal week
// after the first; an easier or taper week shows a lighter version of the
// last normal week and does not move the ladder, so the week after it
// carries on where that week left off.
func (pl *phasePlan) doses(first, last int, kinds map[int]string, raceWeek int) [][][]Prescription {
	var base [][]dose
	out := make([][][]Prescription, 0, last-first+1)
	for w := first; w <= last; w++ {
		kind := kinds[w]
		switch {
		case w == first:
			base = pl.startDoses(w)
		case kind == kindNormal:
			pl.advanceAll(base, w)
		}
		week := make([][]Prescription, len(base))
		for i, session := range base {
			week[i] = make([]Prescription, len(session))
			for j, d := range session {
				switch kind {
				case kindDeload:
					d = pl.ladder.deload(d)
				case kindTaper:
					d = pl.ladder.taper(d, w == raceWeek)
				}
				week[i][j] = pl.ladder.prescription(d, w, kind)
			}
		}
		out = append(out, week)
	}
	return out
}

func (pl *phasePlan) startDoses(week int) [][]dose {
	base := make([][]dose, len(pl.picks))
	for i, exs := range pl.picks {
		base[i] = make([]dose, len(exs))
		for j, e := range exs {
			base[i][j] = pl.ladder.start(e, week, "")
		}
	}
	return base
}

// advanceAll moves every slot one step up. A slot that changes exercise
// sees the exercises the other slots have at that moment, so a session
// never holds one exercise twice and sessions of a week stay different.
func (pl *phasePlan) advanceAll(base [][]dose, week int) {
	for i := range base {
		for j := range base[i] {
			session, all := exercisesOf(base, i)
			base[i][j] = pl.ladder.advance(base[i][j], week, session, all)
		}
	}
}

// exercisesOf lists the exercises of session i and of the whole week.
func exercisesOf(base [][]dose, i int) (session, week []*Exercise) {
	for k, s := range base {
		for _, d := range s {
			week = append(week, d.ex)
			if k == i {
				session = append(session, d.ex)
			}
		}
	}
	return session, week
}

// weekKinds marks the easier and taper weeks.
func weekKinds(prog *Program) map[int]string {
	kinds := map[int]string{}
	for _, w := range prog.DeloadWeeks {
		kinds[w] = kindDeload
	}
	for _, w := range prog.TaperWeeks {
		kinds[w] = kindTaper
	}
	return kinds
}

func buildWeeks(p *Profile, layout *weekLayout, plans map[string]*phasePlan, prog *Program) []Week {
	kinds := weekKinds(prog)
	doses := map[string][][][]Prescription{}
	for _, ph := range prog.Phases {
		doses[ph.Name] = plans[ph.Name].doses(ph.FirstWeek, ph.LastWeek, kinds, p.Weeks)
	}
	weeks := make([]Week, p.Weeks)
	for i := range weeks {
		n := i + 1
		ph := prog.Phases[0]
		if n > ph.LastWeek {
			ph = prog.Phases[1]
		}
		w := &weeks[i]
		w.Number, w.Phase, w.Cadence = n, ph.Name, prog.Cadence.Weekly[i]
		w.Deload, w.Taper = kinds[n] == kindDeload, kinds[n] == kindTaper
		weekDoses := doses[ph.Name][n-ph.FirstWeek]
		slotIndex := 0
		for d := range w.Days {
			date := p.Start.AddDate(0, 0, 7*i+d)
			wd := date.Weekday()
			day := &w.Days[d]
			day.Date, day.Run = date, p.Runs[wd]
			if !layout.sessions[wd] {
				raceDay(p, day, false)
				continue
			}
			exercises := weekDoses[slotIndex]
			slotIndex++
			if raceDay(p, day, true) {
				continue // no strength this close to the race
			}
			s := &Session{
				Number: len(w.Sessions) + 1, Week: n, Date: date,
				Time: layout.slots[wd].Time, Timing: layout.slots[wd].Timing, AfterRun: layout.slots[wd].AfterRun,
				Heavy: ph.Name == Strength, Exercises: exercises,
				Warmup: warmup(ph.Name, exercises[0], plans[ph.Name].ladder.lib.all, exercises),
			}
			day.Strength = s
			w.Sessions = append(w.Sessions, s)
		}
	}
	explainDays(p, layout, weeks)
	return weeks
}

// explainDays gives every day without a race note its one-line reason.
// Neighbours are the real days of the program, so a day next to a session
// dropped before the race does not point at it; outside the block the
// weekly pattern goes on.
func explainDays(p *Profile, layout *weekLayout, weeks []Week) {
	days := make([]*Day, 0, 7*len(weeks))
	for i := range weeks {
		for d := range weeks[i].Days {
			days = append(days, &weeks[i].Days[d])
		}
	}
	for i, day := range days {
		if day.Note != "" {
			continue
		}
		strengthOn := func(offset int) bool {
			if j := i + offset; j >= 0 && j < len(days) {
				return days[j].Strength != nil
			}
			return layout.sessions[day.Date.AddDate(0, 0, offset).Weekday()]
		}
		day.Note = layout.dayNote(p, day.Date.Weekday(), strengthOn)
	}
}

// RaceFreeDays is how many days before a race have no strength session.
const RaceFreeDays = 4

// raceDay adjusts a day near the race (rule 9) and reports whether a
// session planned on it is dropped: race day shows the race; the four days
// before it and the days after it in the block have no strength session.
func raceDay(p *Profile, day *Day, hasSession bool) bool {
	if p.Race == nil {
		return false
	}
	name := day.Date.Weekday().String()
	daysBefore := int(p.Race.Date.Sub(day.Date).Hours() / 24)
	switch {
	case daysBefore == 0:
		day.Run = Run{Type: Race}
		day.Race = raceName(p.Race)
		day.Note = fmt.Sprintf("%s: race day, %s (rule 9). No strength in the %s days before it.", name, day.Race, countWord(RaceFreeDays))
		return true
	case daysBefore < 0:
		day.Run = Run{Type: Rest}
		day.Note = fmt.Sprintf("%s: recovery after the race: rest, or an easy jog if your legs feel good; strength starts again with a light session once normal soreness has gone (rule 9).", name)
		return true
	case daysBefore <= RaceFreeDays:
		what := "rest"
		if day.Run.Type.IsRun() {
			what = string(day.Run.Type) + " run only"
		}
		day.Note = fmt.Sprintf("%s: %s, %s %s before the race (rule 9: no strength in the %s days before a race).", name, what, countWord(daysBefore), plural(daysBefore, "day", "days"), countWord(RaceFreeDays))
		return hasSession
	}
	return false
}

func raceName(r *GoalRace) string {
	if r.Name == "" {
		return "Race"
	}
	return r.Name
}

var experienceShare = map[Experience]string{
	New:         "new to strength training",
	Some:        "some strength experience",
	Experienced: "experienced",
}

// PhaseOneText describes the phase 1 length of an experience level in
// words, as the explanations and the guides put it.
func PhaseOneText(exp Experience) string {
	r := PhaseOneRules[exp]
	share := map[[2]int]string{{1, 2}: "half", {3, 8}: "three eighths", {1, 4}: "a quarter"}[[2]int{r.Num, r.Den}]
	return fmt.Sprintf("%s of the block, %d to %d weeks", share, r.Min, r.Max)
}

func explain(p *Profile, layout *weekLayout, plans map[string]*phasePlan, prog *Program) []string {
	var days []string
	afterRun := false
	for _, wd := range mondayFirst {
		if layout.sessions[wd] {
			days = append(days, dayName(wd))
			afterRun = afterRun || layout.slots[wd].AfterRun
		}
	}
	ph1, ph2 := prog.Phases[0], prog.Phases[1]
	sg := training.PhaseReps[Strength]
	lines := []string{
		fmt.Sprintf("Rule 1: %d strength %s a week, on %s, the same days every week.", p.SessionsPerWeek, plural(p.SessionsPerWeek, "session", "sessions"), joinAnd(days)),
	}
	if afterRun {
		lines = append(lines, "Rule 2: on a day with a demanding run, the run comes first, on fresh legs, and strength at least six hours after it; your run times never move.")
	}
	lines = append(lines,
		fmt.Sprintf("Rule 4: %s stays a full rest day, with no run and no strength.", dayName(layout.restDay)),
		fmt.Sprintf("Rule 5: phase 1, stability and control, is %s (%s: %s, leaving phase 2 at least %d weeks); phase 2, strength, is %s.",
			weekRange(ph1), experienceShare[p.Experience], PhaseOneText(p.Experience), MinStrengthWeeks, weekRange(ph2)),
		fmt.Sprintf("Rule 6: double progression. At the same load the reps rise by %d a week to the top of the range; then the load goes up one step and the reps start again at the bottom. Phase 1 starts at the bottom of each range; phase 2 starts at the top (%d reps), so the load rises in its second week. Where the load cannot rise, the next step is a harder variation, one more set, a slower lowering or a pause, in that order.", RepStep, sg.Max),
	)
	lines = append(lines, loadLines(p, plans[Strength], ph2.FirstWeek)...)
	lines = append(lines,
		deloadLine(prog, hasLoad(p, plans)),
		levelLine(p, plans),
		"Rule 8: "+prog.Cadence.Rule,
	)
	if p.Race != nil {
		lines = append(lines, raceLine(prog))
	}
	return lines
}

// loadLines explain where phase 2's weights come from.
func loadLines(p *Profile, pl *phasePlan, first int) []string {
	implements := map[string]bool{}
	for _, session := range pl.picks {
		for _, e := range session {
			if im := e.implement(p.Equipment); im != "" {
				implements[im] = true
			}
		}
	}
	if len(implements) == 0 {
		return []string{"Rule 6: nothing you own loads these exercises, so phase 2 gets harder with variations, an extra set, a slower lowering and pauses."}
	}
	var listed, found []string
	for _, im := range training.Implements {
		if !implements[im] {
			continue
		}
		if owned := p.Owned[im]; owned != nil {
			labels := make([]string, len(owned))
			for i, l := range owned {
				labels[i] = l.Label
			}
			listed = append(listed, im+" "+joinAnd(labels))
		} else {
			found = append(found, im)
		}
	}
	var parts []string
	if len(listed) > 0 {
		parts = append(parts, fmt.Sprintf("Rule 6: loads come from what you own (%s), starting %s for your experience; if the first loaded week feels far too easy or too hard, move one weight and carry on from there.",
			strings.Join(listed, "; "), startWords[p.Experience]))
	}
	if len(found) > 0 {
		parts = append(parts, fmt.Sprintf("Rule 6: in week %d you find your starting %s load for each exercise: the heaviest you can manage %d times with 2 reps in reserve. Write it down; later weeks add to it (%s).",
			first, joinAnd(found), training.PhaseReps[Strength].Max, stepWords(found, p.Units)))
	}
	return parts
}

// stepWords says how big a load step is for each implement.
func stepWords(implements []string, units string) string {
	var parts []string
	for _, im := range implements {
		switch im {
		case "kettlebell":
			parts = append(parts, "kettlebell: one bell size")
		case "band":
			parts = append(parts, "band: one band stronger")
		default:
			parts = append(parts, im+": "+LoadStep(im, units)+" a step")
		}
	}
	return strings.Join(parts, "; ")
}

var startWords = map[Experience]string{
	New:         "with the lightest",
	Some:        "about a third of the way up the list",
	Experienced: "in the middle of the list",
}

// hasLoad reports whether any exercise of the block is loaded.
func hasLoad(p *Profile, plans map[string]*phasePlan) bool {
	for _, pl := range plans {
		for _, session := range pl.picks {
			for _, e := range session {
				if e.implement(p.Equipment) != "" {
					return true
				}
			}
		}
	}
	return false
}

func deloadLine(prog *Program, loaded bool) string {
	if len(prog.DeloadWeeks) == 0 {
		return fmt.Sprintf("Rule 6: no easier week: a block shorter than %d weeks (twice the %d-week interval) does not need one.", 2*prog.DeloadEvery, prog.DeloadEvery)
	}
	nums := make([]string, len(prog.DeloadWeeks))
	for i, w := range prog.DeloadWeeks {
		nums[i] = fmt.Sprint(w)
	}
	lighter := "one load step lighter"
	if !loaded {
		lighter = "normal tempo"
	}
	return fmt.Sprintf("Rule 6: %s %s %s easier (the %s week of each phase): one set fewer, reps at the bottom of the range, %s, so the body absorbs the work.",
		plural(len(nums), "week", "weeks"), joinAnd(nums), plural(len(nums), "is", "are"), ordinal(prog.DeloadEvery), lighter)
}

func levelLine(p *Profile, plans map[string]*phasePlan) string {
	c1, c2 := plans[Stability].ladder.lib.cap, plans[Strength].ladder.lib.cap
	levels := fmt.Sprintf("up to %s level", c1)
	if c2 != c1 {
		levels = fmt.Sprintf("up to %s level in phase 1 and %s in phase 2", c1, c2)
	}
	return fmt.Sprintf("Rule 7: exercises use only %s, %s; each session opens with its main single-leg work, then hip work, other leg work, and calves and trunk last.",
		joinAnd(p.Equipment), levels)
}

func raceLine(prog *Program) string {
	weeks := make([]string, len(prog.TaperWeeks))
	for i, w := range prog.TaperWeeks {
		weeks[i] = fmt.Sprint(w)
	}
	return fmt.Sprintf("Rule 9: the block leads to %s on %s. %s %s the taper: one set fewer at the same load, and race week lighter still; no strength in the %s days before the race.",
		raceName(prog.Race), prog.Race.Date.Format("Monday 2 January 2006"), capitalize(plural(len(weeks), "week", "weeks")), joinAnd(weeks)+" "+plural(len(weeks), "is", "are"), countWord(RaceFreeDays))
}

func ordinal(n int) string {
	return map[int]string{3: "3rd", 4: "4th", 5: "5th", 6: "6th"}[n]
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

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

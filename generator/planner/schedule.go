package planner

import (
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"
)

// ErrImpossibleWeek is wrapped by the PlanError returned when no weekly
// layout of strength sessions satisfies rules 1 to 4.
var ErrImpossibleWeek = errors.New("no week satisfies the rules")

// ErrNoExercise is wrapped by the PlanError returned when the athlete's
// equipment leaves a required focus without an exercise (rule 7).
var ErrNoExercise = errors.New("no exercise fits the equipment")

// PlanError says which rule made planning fail and what the coach can change.
type PlanError struct {
	File    string
	Line    int // line of the field to change, 0 when no single field
	Rule    int
	Name    string // short rule name
	Problem string
	Fix     string
	err     error
}

func (e *PlanError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	fmt.Fprintf(&b, ": rule %d (%s): %s; %s", e.Rule, e.Name, e.Problem, e.Fix)
	return b.String()
}

func (e *PlanError) Unwrap() error { return e.err }

// Rule names as printed in errors and explanations.
const (
	ruleRestDay     = "a full rest day each week"
	ruleConsecutive = "no strength on consecutive days"
	ruleDayBefore   = "no heavy session the day before a demanding run"
)

// mondayFirst is the order in which days are listed and tried, so that ties
// between equally good layouts resolve the same way every time.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// Default session times when the coach gives none but a run time forces one.
const (
	morningSession = 7 * 60
	eveningSession = 18 * 60
	minGap         = 6 * 60 // rule 2: minutes between a run and a session
	noon           = 12 * 60
)

// slot is when a strength session would go on a weekday.
type slot struct {
	Time   string // "HH:MM" or ""
	Timing string // human text, e.g. "morning, run in the evening"
}

// weekLayout is the chosen weekly pattern, repeated every week of the block.
type weekLayout struct {
	sessions [7]bool // by time.Weekday
	slots    [7]slot
	restDay  time.Weekday // the day kept free of running and strength
}

// sessionSlot places a session on a weekday (rule 2): at the coach's time on
// a non-running day; on a running day at least six hours from the run.
func sessionSlot(run Run, preferred string) slot {
	if !run.Type.IsRun() {
		if preferred == "" {
			return slot{Timing: "no run today"}
		}
		return slot{Time: preferred, Timing: "at " + preferred + ", no run today"}
	}
	pref, hasPref := parseClock(preferred)
	runAt, hasRunTime := parseClock(run.Time)
	if !hasRunTime {
		// Without a run time the runner can split the day: strength in one
		// half, the run in the other.
		if hasPref && pref >= noon {
			return slot{Time: preferred, Timing: fmt.Sprintf("at %s; %s run in the morning, at least six hours earlier (no run time given)", preferred, run.Type)}
		}
		return slot{Time: preferred, Timing: fmt.Sprintf("in the morning%s; %s run in the evening, at least six hours later (no run time given)", atTime(preferred), run.Type)}
	}
	if hasPref && abs(pref-runAt) >= minGap {
		return slot{Time: preferred, Timing: fmt.Sprintf("at %s; %s run at %s, %s apart", preferred, run.Type, run.Time, hoursText(abs(pref-runAt)))}
	}
	at := eveningSession
	if runAt >= noon {
		at = min(morningSession, runAt-minGap)
	}
	text := fmt.Sprintf("at %s; %s run at %s, %s apart", formatClock(at), run.Type, run.Time, hoursText(abs(at-runAt)))
	if hasPref {
		text += fmt.Sprintf(" (moved from %s to keep six hours from the run)", preferred)
	}
	return slot{Time: formatClock(at), Timing: text}
}

func atTime(clock string) string {
	if clock == "" {
		return ""
	}
	return " at " + clock
}

func hoursText(minutes int) string {
	if minutes%60 == 0 {
		return fmt.Sprintf("%d h", minutes/60)
	}
	return fmt.Sprintf("%d h %02d min", minutes/60, minutes%60)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func next(wd time.Weekday) time.Weekday { return (wd + 1) % 7 }
func prev(wd time.Weekday) time.Weekday { return (wd + 6) % 7 }

func dayName(wd time.Weekday) string { return wd.String() }

// constraints selects which scheduling rules a layout must satisfy; the
// diagnosis relaxes one at a time to name the rule that blocks.
type constraints struct {
	dayBefore bool // rule 3
}

// layoutOK checks a set of session days (by weekday) against rules 3 and 4.
// Rule 2 never excludes a day: a running day always has a time six hours
// from the run, so it only orders preferences (see layoutCost).
func layoutOK(runs *[7]Run, days [7]bool, c constraints) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if !days[wd] {
			continue
		}
		if days[next(wd)] {
			return 0, false
		}
		if c.dayBefore && runs[next(wd)].Type.Demanding() {
			return 0, false
		}
	}
	for _, wd := range mondayFirst {
		if !days[wd] && !runs[wd].Type.IsRun() {
			return wd, true
		}
	}
	return 0, false
}

// layoutCost ranks valid layouts; lower is better. Non-running days come
// first (rule 2); among running days an easy one beats a demanding one; a
// session right after a demanding run comes on tired legs; two sessions
// are best spread three or four days apart.
func layoutCost(runs *[7]Run, days [7]bool) int {
	cost := 0
	var picked []int
	for i, wd := range mondayFirst {
		if !days[wd] {
			continue
		}
		picked = append(picked, i)
		if runs[wd].Type.IsRun() {
			cost += 10
		}
		if runs[wd].Type.Demanding() {
			cost += 3
		}
		if runs[prev(wd)].Type.Demanding() {
			cost++
		}
	}
	if len(picked) == 2 {
		if gap := picked[1] - picked[0]; gap == 2 || gap == 5 {
			cost++
		}
	}
	return cost
}

// daysFromMask maps bit i of mask to mondayFirst[i].
func daysFromMask(mask int) [7]bool {
	var days [7]bool
	for i, wd := range mondayFirst {
		days[wd] = mask&(1<<i) != 0
	}
	return days
}

// bestLayout tries every set of n weekdays (at most 35) and returns the
// cheapest valid one; ties go to the lowest mask, so the result is stable.
func bestLayout(runs *[7]Run, n int, c constraints) (days [7]bool, rest time.Weekday, ok bool) {
	bestCost := -1
	for mask := 0; mask < 1<<7; mask++ {
		if bits.OnesCount(uint(mask)) != n {
			continue
		}
		d := daysFromMask(mask)
		r, valid := layoutOK(runs, d, c)
		if !valid {
			continue
		}
		if cost := layoutCost(runs, d); bestCost < 0 || cost < bestCost {
			bestCost, days, rest, ok = cost, d, r, true
		}
	}
	return days, rest, ok
}

// planWeek chooses the weekly layout for the profile or explains which rule
// makes it impossible.
func planWeek(p *Profile) (*weekLayout, error) {
	if err := needRestDay(p); err != nil {
		return nil, err
	}
	all := constraints{dayBefore: true}
	days, rest, ok := bestLayout(&p.Runs, p.SessionsPerWeek, all)
	if !ok {
		return nil, diagnose(p)
	}
	l := &weekLayout{sessions: days, restDay: rest}
	for wd := range l.slots {
		if days[wd] {
			l.slots[wd] = sessionSlot(p.Runs[wd], p.SessionTime)
		}
	}
	return l, nil
}

func needRestDay(p *Profile) error {
	for _, r := range p.Runs {
		if !r.Type.IsRun() {
			return nil
		}
	}
	return &PlanError{
		File: p.File, Line: p.line("runs"), Rule: 4, Name: ruleRestDay, err: ErrImpossibleWeek,
		Problem: "every day has a run, so no day can stay free of running and strength",
		Fix:     `make one day "rest" in [runs]`,
	}
}

// diagnose names the rule that blocks and the smallest change that helps.
func diagnose(p *Profile) error {
	fits := 0
	for n := p.SessionsPerWeek - 1; n >= 1 && fits == 0; n-- {
		if _, _, ok := bestLayout(&p.Runs, n, constraints{dayBefore: true}); ok {
			fits = n
		}
	}
	fewer := ""
	if fits > 0 {
		fewer = fmt.Sprintf("set sessions_per_week = %d, or ", fits)
	}
	base := &PlanError{File: p.File, err: ErrImpossibleWeek, Line: p.line("sessions_per_week")}
	if _, _, ok := bestLayout(&p.Runs, p.SessionsPerWeek, constraints{}); ok {
		base.Rule, base.Name = 3, ruleDayBefore
		base.Problem = fmt.Sprintf("only %d of %d sessions fit without one falling the day before a demanding run", fits, p.SessionsPerWeek)
		base.Fix = fewer + easierRunFix(p)
		return base
	}
	base.Rule, base.Name = 4, ruleConsecutive+", "+ruleRestDay
	base.Problem = fmt.Sprintf("%d sessions a week cannot be spread with a free day between them while one day stays fully free", p.SessionsPerWeek)
	base.Fix = fewer + `make another day "rest" in [runs]`
	return base
}

// easierRunFix finds a demanding run that, made easy, lets the week fit.
func easierRunFix(p *Profile) string {
	for _, wd := range mondayFirst {
		if !p.Runs[wd].Type.Demanding() {
			continue
		}
		runs := p.Runs
		runs[wd].Type = Easy
		if _, _, ok := bestLayout(&runs, p.SessionsPerWeek, constraints{dayBefore: true}); ok {
			return fmt.Sprintf("make the %s run on %s easy", p.Runs[wd].Type, dayName(wd))
		}
	}
	return `make another day "rest" in [runs]`
}

// dayNote explains in one line why a weekday has or lacks a session.
func (l *weekLayout) dayNote(p *Profile, wd time.Weekday) string {
	run := p.Runs[wd]
	name := dayName(wd)
	if l.sessions[wd] {
		s := l.slots[wd]
		if !run.Type.IsRun() {
			return fmt.Sprintf("%s: strength %s (rule 2: non-running days first).", name, s.Timing)
		}
		return fmt.Sprintf("%s: strength %s; no better non-running day was free (rule 2).", name, s.Timing)
	}
	switch {
	case wd == l.restDay:
		return fmt.Sprintf("%s: full rest day, no run and no strength (rule 4: one free day a week).", name)
	case l.sessions[prev(wd)]:
		return fmt.Sprintf("%s: no session, strength was on %s (rule 4: no strength on consecutive days).", name, dayName(prev(wd)))
	case l.sessions[next(wd)]:
		return fmt.Sprintf("%s: no session, strength is on %s (rule 4: no strength on consecutive days).", name, dayName(next(wd)))
	case p.Runs[next(wd)].Type.Demanding():
		return fmt.Sprintf("%s: no session, the %s run on %s is the next day (rule 3).", name, p.Runs[next(wd)].Type, dayName(next(wd)))
	case run.Type.IsRun():
		return fmt.Sprintf("%s: %s run only; the %s placed better on other days.", name, run.Type, sessionsText(p.SessionsPerWeek))
	}
	return fmt.Sprintf("%s: rest; the %s placed better on other days.", name, sessionsText(p.SessionsPerWeek))
}

func sessionsText(n int) string {
	if n == 1 {
		return "weekly session is"
	}
	return fmt.Sprintf("%d weekly sessions are", n)
}

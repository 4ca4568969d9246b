package planner

import (
	"fmt"
	"math/bits"
	"strings"
	"time"
)

// mondayFirst is the order in which days are listed and tried, so that ties
// between equally good layouts resolve the same way every time.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// Session times the planner chooses when the coach gives none, or when the
// coach's time breaks rule 2.
const (
	morningSession = 7 * 60
	eveningSession = 18 * 60
	MinGapMinutes  = 6 * 60  // rule 2: minutes between a run and a session
	LatestSession  = 21 * 60 // no session starts later than 21:00
	noon           = 12 * 60
)

// slot is when a strength session would go on a weekday.
type slot struct {
	Time     Clock  // unset when no time is known
	Timing   string // human text, e.g. "six hours after the tempo run at 06:30"
	AfterRun bool   // a demanding run comes first
}

// weekLayout is the chosen weekly pattern, repeated every week of the block.
type weekLayout struct {
	sessions [7]bool // by time.Weekday
	slots    [7]slot
	restDay  time.Weekday // the day kept free of running and strength
}

// sessionSlot places a session on a weekday (rule 2). On a non-running day
// it goes at the coach's time. Next to an easy run it goes at least six
// hours from the run, before or after. Next to a demanding run the run
// comes first, on fresh legs, and strength at least six hours after it;
// the run's time is the athlete's and never moves, so when six hours
// after it is later than LatestSession the day cannot take a session.
func sessionSlot(run Run, preferred Clock) (slot, bool) {
	switch {
	case !run.Type.IsRun():
		if !preferred.IsSet() {
			return slot{Timing: "at any time, no run today"}, true
		}
		return slot{Time: preferred, Timing: "at " + preferred.String() + ", no run today"}, true
	case run.Type.Demanding():
		return afterRunSlot(run, preferred)
	}
	return easyDaySlot(run, preferred), true
}

func afterRunSlot(run Run, preferred Clock) (slot, bool) {
	pref := preferred.Minutes()
	if !run.Time.IsSet() {
		// The run comes first: morning run, evening strength.
		if preferred.IsSet() && pref >= noon && pref <= LatestSession {
			return slot{Time: preferred, AfterRun: true,
				Timing: fmt.Sprintf("at %s; %s run first, in the morning, at least six hours earlier (no run time given)", preferred, run.Type)}, true
		}
		text := fmt.Sprintf("in the evening; %s run first, in the morning, at least six hours earlier (no run time given)", run.Type)
		var at Clock
		if preferred.IsSet() {
			at = ClockAt(eveningSession)
			text = fmt.Sprintf("at %s; %s run first, in the morning, at least six hours earlier (moved from %s: hard runs come first)", at, run.Type, preferred)
		}
		return slot{Time: at, Timing: text, AfterRun: true}, true
	}
	runAt := run.Time.Minutes()
	earliest := runAt + MinGapMinutes
	if earliest > LatestSession {
		return slot{}, false
	}
	at := earliest
	if preferred.IsSet() && pref >= earliest && pref <= LatestSession {
		at = pref
	}
	text := fmt.Sprintf("at %s, %s after the %s run at %s (hard runs come first)", ClockAt(at), hoursText(at-runAt), run.Type, run.Time)
	if preferred.IsSet() && at != pref {
		text = fmt.Sprintf("at %s, %s after the %s run at %s (moved from %s: hard runs come first)", ClockAt(at), hoursText(at-runAt), run.Type, run.Time, preferred)
	}
	return slot{Time: ClockAt(at), Timing: text, AfterRun: true}, true
}

// easyDaySlot puts strength six hours from an easy run, on either side.
func easyDaySlot(run Run, preferred Clock) slot {
	pref := preferred.Minutes()
	if !run.Time.IsSet() {
		// Without a run time the runner can split the day: strength in one
		// half, the run in the other.
		if preferred.IsSet() && pref >= noon {
			return slot{Time: preferred, Timing: fmt.Sprintf("at %s; %s run in the morning, at least six hours earlier (no run time given)", preferred, run.Type)}
		}
		return slot{Time: preferred, Timing: fmt.Sprintf("in the morning%s; %s run in the evening, at least six hours later (no run time given)", atTime(preferred), run.Type)}
	}
	runAt := run.Time.Minutes()
	if preferred.IsSet() && abs(pref-runAt) >= MinGapMinutes {
		return slot{Time: preferred, Timing: fmt.Sprintf("at %s; %s run at %s, %s apart", preferred, run.Type, run.Time, hoursText(abs(pref-runAt)))}
	}
	// A morning run leaves the evening free (18:00 is at least six hours
	// after any run before noon); a run from noon on leaves the morning.
	at := max(eveningSession, runAt+MinGapMinutes)
	if runAt >= noon {
		at = min(morningSession, runAt-MinGapMinutes)
	}
	text := fmt.Sprintf("at %s; %s run at %s, %s apart", ClockAt(at), run.Type, run.Time, hoursText(abs(at-runAt)))
	if preferred.IsSet() {
		text += fmt.Sprintf(" (moved from %s to keep six hours from the run)", preferred)
	}
	return slot{Time: ClockAt(at), Timing: text}
}

func atTime(c Clock) string {
	if !c.IsSet() {
		return ""
	}
	return " at " + c.String()
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
	dayBefore bool    // rule 3
	open      [7]bool // days that can take a session (rule 2), by weekday
}

// allOpen is every day open to a session.
var allOpen = [7]bool{true, true, true, true, true, true, true}

// openDays are the weekdays whose run leaves time for strength (rule 2).
func openDays(p *Profile) [7]bool {
	var open [7]bool
	for wd := range open {
		_, open[wd] = sessionSlot(p.Runs[wd], p.SessionTime)
	}
	return open
}

// layoutOK checks a set of session days (by weekday) against rules 2 to 4.
// Rule 2 excludes only days whose demanding run is too late to be followed
// by strength six hours later; otherwise it orders preferences (see
// layoutCost).
func layoutOK(runs *[7]Run, days [7]bool, c constraints) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if !days[wd] {
			continue
		}
		if days[next(wd)] || !c.open[wd] {
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
	all := constraints{dayBefore: true, open: openDays(p)}
	days, rest, ok := bestLayout(&p.Runs, p.SessionsPerWeek, all)
	if !ok {
		return nil, diagnose(p, all)
	}
	l := &weekLayout{sessions: days, restDay: rest}
	for wd := range l.slots {
		if days[wd] {
			l.slots[wd], _ = sessionSlot(p.Runs[wd], p.SessionTime)
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
	return planError(p, []string{"runs"}, planRule{4, ruleRestDay, ErrImpossibleWeek},
		"every day has a run, so no day can stay free of running and strength",
		`make one day "rest" in [runs]`)
}

// diagnose names the rule that blocks and the smallest change that helps.
// Rules are relaxed one at a time: first the run-first rule, then the
// day-before rule; what still fails is rule 4.
func diagnose(p *Profile, all constraints) error {
	fits := 0
	for n := p.SessionsPerWeek - 1; n >= 1 && fits == 0; n-- {
		if _, _, ok := bestLayout(&p.Runs, n, all); ok {
			fits = n
		}
	}
	fewer := ""
	if fits > 0 {
		fewer = fmt.Sprintf("set sessions_per_week = %d, or ", fits)
	}
	if _, _, ok := bestLayout(&p.Runs, p.SessionsPerWeek, constraints{dayBefore: true, open: allOpen}); ok {
		wd := lateHardRun(p, all)
		run := p.Runs[wd]
		return planError(p, []string{"runs", strings.ToLower(dayName(wd))}, planRule{2, ruleRunFirst, ErrImpossibleWeek},
			fmt.Sprintf("only %d of %d sessions fit: the %s run on %s at %s leaves no time for strength six hours after it (by %s)",
				fits, p.SessionsPerWeek, run.Type, dayName(wd), run.Time, ClockAt(LatestSession)),
			fewer+fmt.Sprintf("give the %s run a time by %s", dayName(wd), ClockAt(LatestSession-MinGapMinutes)))
	}
	sessions := []string{"sessions_per_week"}
	if _, _, ok := bestLayout(&p.Runs, p.SessionsPerWeek, constraints{open: all.open}); ok {
		return planError(p, sessions, planRule{3, ruleDayBefore, ErrImpossibleWeek},
			fmt.Sprintf("only %d of %d sessions fit without one falling the day before a demanding run", fits, p.SessionsPerWeek),
			fewer+easierRunFix(p, all))
	}
	return planError(p, sessions, planRule{4, ruleConsecutive + ", " + ruleRestDay, ErrImpossibleWeek},
		fmt.Sprintf("%d sessions a week cannot be spread with a free day between them while one day stays fully free", p.SessionsPerWeek),
		fewer+`make another day "rest" in [runs]`)
}

// lateHardRun is the first closed day (Monday first) whose opening lets
// the week fit: the demanding run to move earlier.
func lateHardRun(p *Profile, all constraints) time.Weekday {
	first := time.Weekday(-1)
	for _, wd := range mondayFirst {
		if all.open[wd] {
			continue
		}
		if first < 0 {
			first = wd
		}
		c := all
		c.open[wd] = true
		if _, _, ok := bestLayout(&p.Runs, p.SessionsPerWeek, c); ok {
			return wd
		}
	}
	return first
}

// easierRunFix finds a demanding run that, made easy, lets the week fit.
func easierRunFix(p *Profile, all constraints) string {
	for _, wd := range mondayFirst {
		if !p.Runs[wd].Type.Demanding() {
			continue
		}
		runs := p.Runs
		runs[wd].Type = Easy
		c := all
		_, c.open[wd] = sessionSlot(runs[wd], p.SessionTime)
		if _, _, ok := bestLayout(&runs, p.SessionsPerWeek, c); ok {
			return fmt.Sprintf("make the %s run on %s easy", p.Runs[wd].Type, dayName(wd))
		}
	}
	return `make another day "rest" in [runs]`
}

// dayNote explains in one line why a weekday has or lacks a session.
// strengthOn tells whether a neighbouring day (-1 or +1) has a session,
// which near a race differs from the weekly pattern.
func (l *weekLayout) dayNote(p *Profile, wd time.Weekday, strengthOn func(offset int) bool) string {
	run := p.Runs[wd]
	name := dayName(wd)
	if l.sessions[wd] {
		s := l.slots[wd]
		if !run.Type.IsRun() {
			return fmt.Sprintf("%s: strength session %s (rule 2: non-running days first).", name, s.Timing)
		}
		return fmt.Sprintf("%s: strength session %s; no better non-running day was free (rule 2).", name, s.Timing)
	}
	switch {
	case wd == l.restDay:
		return fmt.Sprintf("%s: full rest day, no run and no strength (rule 4: one free day a week).", name)
	case strengthOn(-1):
		return fmt.Sprintf("%s: no session, strength was on %s (rule 4: no strength on consecutive days).", name, dayName(prev(wd)))
	case strengthOn(+1):
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

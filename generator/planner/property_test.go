package planner_test

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	. "github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
)

var propertyRunTypes = []string{"rest", "easy", "recovery", "tempo", "intervals", "hills", "long", "race"}

// randomProfile builds a profile with a random running week, equipment,
// owned loads, deload interval and sometimes a race; rest days are drawn
// more often so that both outcomes (plan and impossible) are common.
func randomProfile(r *rand.Rand) string {
	var b strings.Builder
	start := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.Intn(365))
	weeks := 4 + r.Intn(49)
	fmt.Fprintf(&b, "athlete = \"Runner %d\"\nexperience = %q\ncadence = %d\nsessions_per_week = %d\n",
		r.Int(), []string{"new", "some", "experienced"}[r.Intn(3)], 120+r.Intn(101), 1+r.Intn(3))
	if r.Intn(3) == 0 {
		race := start.AddDate(0, 0, 7*(weeks-1)+r.Intn(7))
		fmt.Fprintf(&b, "start = %s\nrace_date = %s\nrace_name = \"Race %d\"\n", start.Format(time.DateOnly), race.Format(time.DateOnly), r.Intn(100))
	} else {
		fmt.Fprintf(&b, "start = %s\nweeks = %d\n", start.Format(time.DateOnly), weeks)
	}
	if r.Intn(2) == 0 {
		fmt.Fprintf(&b, "deload_every = %d\n", 3+r.Intn(4))
	}
	if r.Intn(2) == 0 {
		fmt.Fprintf(&b, "session_time = \"%02d:%02d\"\n", r.Intn(24), r.Intn(4)*15)
	}
	var equipment []string
	for _, item := range []string{"band", "dumbbells", "kettlebell", "backpack", "bench", "step"} {
		if r.Intn(2) == 0 {
			equipment = append(equipment, fmt.Sprintf("%q", item))
		}
	}
	fmt.Fprintf(&b, "equipment = [%s]\n", strings.Join(equipment, ", "))
	b.WriteString("[runs]\n")
	for _, day := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		typ := propertyRunTypes[r.Intn(len(propertyRunTypes))]
		if r.Intn(3) == 0 {
			typ = "rest"
		}
		if r.Intn(2) == 0 {
			fmt.Fprintf(&b, "%s = { type = %q, time = \"%02d:%02d\" }\n", day, typ, r.Intn(24), r.Intn(60))
		} else {
			fmt.Fprintf(&b, "%s = %q\n", day, typ)
		}
	}
	b.WriteString("[loads]\n")
	for _, im := range []string{"dumbbells", "kettlebell", "backpack"} {
		if strings.Contains(strings.Join(equipment, ","), im) && r.Intn(2) == 0 {
			var ws []string
			for w, n := 2+r.Intn(4), 1+r.Intn(6); n > 0; w, n = w+2+r.Intn(4), n-1 {
				ws = append(ws, fmt.Sprint(w))
			}
			fmt.Fprintf(&b, "%s = [%s]\n", im, strings.Join(ws, ", "))
		}
	}
	return b.String()
}

func demanding(t RunType) bool {
	switch t {
	case "tempo", "intervals", "hills", "long", "race":
		return true
	}
	return false
}

func minutes(clock string) int {
	var h, m int
	fmt.Sscanf(clock, "%d:%d", &h, &m)
	return h*60 + m
}

// checkRules verifies rules 1 to 4 on the planned calendar, written
// independently of the planner's scheduling code.
func checkRules(p *Profile, prog *Program) error {
	var days []Day
	for _, w := range prog.Weeks {
		count := 0
		free := false
		for _, d := range w.Days {
			if d.Strength != nil {
				count++
			}
			if d.Strength == nil && (d.Run.Type == "rest") {
				free = true
			}
			days = append(days, d)
		}
		if count != p.SessionsPerWeek && !nearRace(p, w) {
			return fmt.Errorf("rule 1: week %d has %d sessions, want %d", w.Number, count, p.SessionsPerWeek)
		}
		if !free && !nearRace(p, w) { // the race may fall on the usual rest day
			return fmt.Errorf("rule 4: week %d has no full rest day", w.Number)
		}
	}
	for i, d := range days {
		s := d.Strength
		if s == nil {
			continue
		}
		if d.Run.Type != "rest" && d.Run.Time.String() != "" {
			if s.Time.String() == "" {
				return fmt.Errorf("rule 2: %s: session without time next to a %s run", d.Date.Format(time.DateOnly), d.Run.Time)
			}
			gap := minutes(s.Time.String()) - minutes(d.Run.Time.String())
			if gap < 6*60 && gap > -6*60 {
				return fmt.Errorf("rule 2: %s: session %s and run %s less than six hours apart", d.Date.Format(time.DateOnly), s.Time, d.Run.Time)
			}
			if demanding(d.Run.Type) && gap < 0 {
				return fmt.Errorf("rule 2: %s: session %s before the %s run at %s", d.Date.Format(time.DateOnly), s.Time, d.Run.Type, d.Run.Time)
			}
		}
		if demanding(d.Run.Type) && !s.AfterRun {
			return fmt.Errorf("rule 2: %s: session shares the day with a %s run but does not follow it", d.Date.Format(time.DateOnly), d.Run.Type)
		}
		// The day after the block repeats the weekly pattern.
		tomorrow := p.Runs[d.Date.AddDate(0, 0, 1).Weekday()]
		if s.Heavy && demanding(tomorrow.Type) {
			return fmt.Errorf("rule 3: %s: heavy session before a %s run", d.Date.Format(time.DateOnly), tomorrow.Type)
		}
		if i+1 < len(days) && days[i+1].Strength != nil {
			return fmt.Errorf("rule 4: sessions on %s and the next day", d.Date.Format(time.DateOnly))
		}
	}
	return nil
}

// tooLateForStrength reports a demanding run so late in the day that
// strength six hours after it would start after 21:00.
func tooLateForStrength(run Run) bool {
	return demanding(run.Type) && run.Time.String() != "" && minutes(run.Time.String())+6*60 > 21*60
}

// nearRace reports a week that holds days within the race's four-day
// window or after it, where sessions are dropped on purpose.
func nearRace(p *Profile, w Week) bool {
	if p.Race == nil {
		return false
	}
	last := w.Days[6].Date
	return !last.Before(p.Race.Date.AddDate(0, 0, -4))
}

// feasible brute-forces whether any set of weekdays satisfies rules 1 to 4,
// so that an impossible-week error is never a false alarm.
func feasible(p *Profile) bool {
	for mask := 0; mask < 128; mask++ {
		n, ok, free := 0, true, false
		for wd := 0; wd < 7; wd++ {
			if mask&(1<<wd) == 0 {
				if p.Runs[wd].Type == "rest" {
					free = true
				}
				continue
			}
			n++
			nextDay := (wd + 1) % 7
			if mask&(1<<nextDay) != 0 || demanding(p.Runs[nextDay].Type) || tooLateForStrength(p.Runs[wd]) {
				ok = false
			}
		}
		if ok && free && n == p.SessionsPerWeek {
			return true
		}
	}
	return false
}

func TestPropertyPlansSatisfyRulesOrFailClearly(t *testing.T) {
	exercises := plannertest.Exercises()
	for _, seed := range []int64{1, 2, 3, 4} {
		r := rand.New(rand.NewSource(seed))
		planned, impossible := 0, 0
		for i := 0; i < 500; i++ {
			src := randomProfile(r)
			p, err := ParseProfile("programs/random.toml", []byte(src))
			if err != nil {
				t.Fatalf("seed %d case %d: generated profile does not parse: %v\n%s", seed, i, err, src)
			}
			prog, err := Plan(p, exercises)
			switch {
			case err == nil:
				planned++
				for _, check := range []func(*Profile, *Program) error{checkRules, checkProgression, checkDeloads, checkRace} {
					if err := check(p, prog); err != nil {
						t.Fatalf("seed %d case %d: silent violation: %v\n%s", seed, i, err, src)
					}
				}
			case errors.Is(err, ErrImpossibleWeek):
				impossible++
				if feasible(p) {
					t.Fatalf("seed %d case %d: %v, but a valid week exists\n%s", seed, i, err, src)
				}
				if msg := err.Error(); !strings.HasPrefix(msg, "programs/random.toml") || !strings.Contains(msg, ": rule ") {
					t.Fatalf("seed %d case %d: unclear error %q", seed, i, msg)
				}
			case errors.Is(err, ErrNoExercise):
				// The random equipment may leave a focus without an exercise.
			default:
				t.Fatalf("seed %d case %d: unexpected error %v\n%s", seed, i, err, src)
			}
		}
		if planned == 0 || impossible == 0 {
			t.Errorf("seed %d: generator too narrow: %d planned, %d impossible", seed, planned, impossible)
		}
	}
}

// normalWeek is a week of progression: neither easier nor taper.
func normalWeek(w Week) bool { return !w.Deload && !w.Taper }

// slotKey names one exercise slot: the session's place in the week (by
// weekday, so a dropped session does not shift the others) and the
// exercise's place in the session.
type slotKey struct {
	weekday time.Weekday
	pos     int
}

func slots(w Week) map[slotKey]Prescription {
	out := map[slotKey]Prescription{}
	for _, s := range w.Sessions {
		for i, e := range s.Exercises {
			out[slotKey{s.Date.Weekday(), i}] = e
		}
	}
	return out
}

// checkProgression verifies rule 6 from the printed prescriptions alone:
// no slot repeats last week's prescription in two consecutive normal weeks
// of a phase; in phase 2 a loaded exercise at the top of its rep range gets
// more load the next normal week (unless its owned list is exhausted), and
// the load rises over phase 2 for every loaded slot given two normal weeks.
func checkProgression(p *Profile, prog *Program) error {
	ranges := map[string][2]int{Stability: {12, 20}, Strength: {6, 10}}
	first := map[slotKey]Prescription{}
	for i := 1; i < len(prog.Weeks); i++ {
		prev, cur := prog.Weeks[i-1], prog.Weeks[i]
		if prev.Phase != cur.Phase || !normalWeek(prev) || !normalWeek(cur) {
			continue
		}
		before := slots(prev)
		for key, e := range slots(cur) {
			b, ok := before[key]
			if !ok {
				continue
			}
			if b.Slug == e.Slug && b.Sets == e.Sets && b.RepCount == e.RepCount && b.LoadRank == e.LoadRank && b.Tempo == e.Tempo {
				return fmt.Errorf("rule 6: week %d repeats week %d for %s: %d x %s, %s", cur.Number, prev.Number, e.Slug, e.Sets, e.Reps, e.Load)
			}
			if cur.Phase != Strength || b.Slug != e.Slug || b.Implement == "" {
				continue
			}
			top := b.RepCount >= ranges[Strength][1] || b.RepCount >= topOf(prog, b.Slug)
			owned := p.Owned[b.Implement]
			canRise := owned == nil || b.LoadRank < len(owned)-1
			if top && canRise && e.LoadRank <= b.LoadRank {
				return fmt.Errorf("rule 6: week %d: %s at the top of its range with %s, but week %d adds no load (%s)", prev.Number, b.Slug, b.Load, cur.Number, e.Load)
			}
			if e.LoadRank < b.LoadRank {
				return fmt.Errorf("rule 6: week %d: %s lighter than week %d without an easier week", cur.Number, e.Slug, prev.Number)
			}
		}
	}
	// Over phase 2, each loaded slot with room to grow gets heavier, once
	// it has appeared in two normal weeks with the same exercise.
	seen := map[slotKey]int{}
	for _, w := range prog.Weeks {
		if w.Phase != Strength || !normalWeek(w) {
			continue
		}
		for key, e := range slots(w) {
			f, ok := first[key]
			switch {
			case !ok || f.Slug != e.Slug && f.Slug != "risen":
				first[key], seen[key] = e, 1
			case f.Slug == "risen":
			case f.Implement != "" && e.LoadRank > f.LoadRank:
				first[key] = Prescription{Slug: "risen"}
			default:
				seen[key]++
			}
		}
	}
	for key, f := range first {
		owned := p.Owned[f.Implement]
		if f.Slug != "risen" && f.Implement != "" && seen[key] >= 2 && (owned == nil || f.LoadRank < len(owned)-1) {
			return fmt.Errorf("rule 6: %s is loaded with %s in phase 2 but its load never rises", f.Slug, f.Implement)
		}
	}
	return nil
}

// topOf is the most reps the program ever gives an exercise in phase 2.
func topOf(prog *Program, slug string) int {
	top := 0
	for _, w := range prog.Weeks {
		if w.Phase != Strength {
			continue
		}
		for _, s := range w.Sessions {
			for _, e := range s.Exercises {
				if e.Slug == slug {
					top = max(top, e.RepCount)
				}
			}
		}
	}
	return top
}

// checkDeloads: an easier week never opens a phase, and comes only when
// the profile's interval allows.
func checkDeloads(p *Profile, prog *Program) error {
	firsts := map[int]bool{}
	for _, ph := range prog.Phases {
		firsts[ph.FirstWeek] = true
	}
	for _, w := range prog.Weeks {
		if w.Deload && firsts[w.Number] {
			return fmt.Errorf("rule 6: week %d opens a phase and is an easier week", w.Number)
		}
		if w.Deload && w.Taper {
			return fmt.Errorf("rule 6: week %d is both easier and taper", w.Number)
		}
	}
	if p.Weeks < 2*p.DeloadEvery && len(prog.DeloadWeeks) > 0 {
		return fmt.Errorf("rule 6: %d-week block with deload_every = %d has easier weeks %v", p.Weeks, p.DeloadEvery, prog.DeloadWeeks)
	}
	return nil
}

// checkRace: the race is on its day, nothing strength-wise in the four
// days before it or after it, and the taper weeks carry fewer sets than
// the last full week.
func checkRace(p *Profile, prog *Program) error {
	if p.Race == nil {
		return nil
	}
	full := -1
	for _, w := range prog.Weeks {
		if normalWeek(w) {
			full = weekSets(w)
		}
		if w.Taper && full >= 0 && weekSets(w) >= full && weekSets(w) > 0 {
			return fmt.Errorf("rule 9: taper week %d has %d sets, the last full week %d", w.Number, weekSets(w), full)
		}
		for _, d := range w.Days {
			before := int(p.Race.Date.Sub(d.Date).Hours() / 24)
			if before == 0 && d.Run.Type != Race {
				return fmt.Errorf("rule 9: race day %s shows %s", d.Date.Format(time.DateOnly), d.Run.Type)
			}
			if before <= 4 && d.Strength != nil {
				return fmt.Errorf("rule 9: strength on %s, %d days before the race", d.Date.Format(time.DateOnly), before)
			}
		}
	}
	if last := prog.Weeks[len(prog.Weeks)-1]; !last.Taper {
		return fmt.Errorf("rule 9: race week %d is not a taper week", last.Number)
	}
	return nil
}

// weekSets is the sets of every exercise of every session of a week.
func weekSets(w Week) int {
	n := 0
	for _, s := range w.Sessions {
		for _, e := range s.Exercises {
			n += e.Sets
		}
	}
	return n
}

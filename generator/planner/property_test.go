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

// randomProfile builds a profile with a random running week; rest days are
// drawn more often so that both outcomes (plan and impossible) are common.
func randomProfile(r *rand.Rand) string {
	var b strings.Builder
	start := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.Intn(365))
	fmt.Fprintf(&b, "athlete = \"Runner %d\"\nstart = %s\nweeks = %d\nexperience = %q\ncadence = %d\nsessions_per_week = %d\n",
		r.Int(), start.Format(time.DateOnly), 4+r.Intn(49), []string{"new", "some", "experienced"}[r.Intn(3)], 120+r.Intn(101), 1+r.Intn(3))
	if r.Intn(2) == 0 {
		fmt.Fprintf(&b, "session_time = \"%02d:%02d\"\n", r.Intn(24), r.Intn(4)*15)
	}
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
		if count != p.SessionsPerWeek {
			return fmt.Errorf("rule 1: week %d has %d sessions, want %d", w.Number, count, p.SessionsPerWeek)
		}
		if !free {
			return fmt.Errorf("rule 4: week %d has no full rest day", w.Number)
		}
	}
	for i, d := range days {
		s := d.Strength
		if s == nil {
			continue
		}
		if d.Run.Type != "rest" && d.Run.Time != "" {
			if s.Time == "" {
				return fmt.Errorf("rule 2: %s: session without time next to a %s run", d.Date.Format(time.DateOnly), d.Run.Time)
			}
			if gap := minutes(s.Time) - minutes(d.Run.Time); gap < 6*60 && gap > -6*60 {
				return fmt.Errorf("rule 2: %s: session %s and run %s less than six hours apart", d.Date.Format(time.DateOnly), s.Time, d.Run.Time)
			}
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
			if mask&(1<<nextDay) != 0 || demanding(p.Runs[nextDay].Type) {
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
				if err := checkRules(p, prog); err != nil {
					t.Fatalf("seed %d case %d: silent violation: %v\n%s", seed, i, err, src)
				}
			case errors.Is(err, ErrImpossibleWeek):
				impossible++
				if feasible(p) {
					t.Fatalf("seed %d case %d: %v, but a valid week exists\n%s", seed, i, err, src)
				}
				if msg := err.Error(); !strings.HasPrefix(msg, "programs/random.toml") || !strings.Contains(msg, ": rule ") {
					t.Fatalf("seed %d case %d: unclear error %q", seed, i, msg)
				}
			default:
				t.Fatalf("seed %d case %d: unexpected error %v\n%s", seed, i, err, src)
			}
		}
		if planned == 0 || impossible == 0 {
			t.Errorf("seed %d: generator too narrow: %d planned, %d impossible", seed, planned, impossible)
		}
	}
}

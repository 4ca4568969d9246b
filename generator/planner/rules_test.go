package planner_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	. "github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
)

// week builds the [runs] table from seven day values, Monday first; "" is
// rest. A value "tempo@18:00" adds a time.
func week(days ...string) string {
	names := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	var b strings.Builder
	b.WriteString("[runs]\n")
	for i, d := range days {
		if d == "" {
			continue
		}
		typ, at, timed := strings.Cut(d, "@")
		if timed {
			fmt.Fprintf(&b, "%s = { type = %q, time = %q }\n", names[i], typ, at)
		} else {
			fmt.Fprintf(&b, "%s = %q\n", names[i], typ)
		}
	}
	return b.String()
}

// profile is a Monday-start profile with the given top-level extras.
func profile(extra, runs string) string {
	return `athlete = "Test Runner"
start = 2027-01-04
weeks = 8
experience = "new"
cadence = 160
equipment = ["band", "dumbbells", "bench", "step"]
` + extra + "\n" + runs
}

func plan(t *testing.T, src string) (*Program, error) {
	t.Helper()
	p, err := ParseProfile("programs/test.toml", []byte(src))
	if err != nil {
		t.Fatalf("ParseProfile: %v", err)
	}
	return Plan(p, plannertest.Exercises())
}

func mustPlan(t *testing.T, src string) *Program {
	t.Helper()
	prog, err := plan(t, src)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	return prog
}

// sessionDays lists the weekdays of week 1's sessions, e.g. "Mon Thu".
func sessionDays(prog *Program) string {
	var days []string
	for _, d := range prog.Weeks[0].Days {
		if d.Strength != nil {
			days = append(days, d.Date.Format("Mon"))
		}
	}
	return strings.Join(days, " ")
}

func TestRule1SessionsPerWeek(t *testing.T) {
	tests := []struct {
		extra string
		want  int
	}{
		{"", 2},
		{"sessions_per_week = 1", 1},
		{"sessions_per_week = 2", 2},
		{"sessions_per_week = 3", 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.want), func(t *testing.T) {
			prog := mustPlan(t, profile(tt.extra, week("easy", "", "easy", "", "easy", "", "")))
			for _, w := range prog.Weeks {
				if len(w.Sessions) != tt.want {
					t.Errorf("week %d: %d sessions, want %d", w.Number, len(w.Sessions), tt.want)
				}
			}
		})
	}
}

func TestRule2NonRunningDaysFirstThenSixHours(t *testing.T) {
	tests := []struct {
		name       string
		extra      string
		runs       string
		wantDays   string
		wantTiming []string // one per session, substring of Session.Timing
		wantTime   []string
	}{
		{"free days used", "", week("easy", "", "easy", "", "easy", "", ""), "Tue Sat", []string{"no run today", "no run today"}, []string{"", ""}},
		{"untimed run: morning strength, evening run", "", week("easy", "easy", "easy", "easy", "easy", "easy", ""), "Mon Thu",
			[]string{"in the morning; easy run in the evening, at least six hours later", "in the morning"}, []string{"", ""}},
		{"session time kept when six hours from run", `session_time = "07:00"`, week("easy@18:00", "easy@18:00", "easy@18:00", "easy@18:00", "easy@18:00", "easy@18:00", ""),
			"Mon Thu", []string{"at 07:00; easy run at 18:00, 11 h apart"}, []string{"07:00", "07:00"}},
		{"session moved to evening for a morning run", `session_time = "07:00"`, week("easy@06:30", "easy@06:30", "easy@06:30", "easy@06:30", "easy@06:30", "easy@06:30", ""),
			"Mon Thu", []string{"at 18:00; easy run at 06:30, 11 h 30 min apart (moved from 07:00"}, []string{"18:00", "18:00"}},
		{"lunch run puts strength early", "", week("easy@12:30", "easy@12:30", "easy@12:30", "easy@12:30", "easy@12:30", "easy@12:30", ""),
			"Mon Thu", []string{"at 06:30; easy run at 12:30, 6 h apart"}, []string{"06:30", "06:30"}},
		{"afternoon session time, untimed run", `session_time = "17:00"`, week("easy", "easy", "easy", "easy", "easy", "easy", ""),
			"Mon Thu", []string{"at 17:00; easy run in the morning"}, []string{"17:00", "17:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := mustPlan(t, profile(tt.extra, tt.runs))
			if got := sessionDays(prog); got != tt.wantDays {
				t.Errorf("session days %q, want %q", got, tt.wantDays)
			}
			for i, s := range prog.Weeks[0].Sessions {
				if i < len(tt.wantTiming) && !strings.Contains(s.Timing, tt.wantTiming[i]) {
					t.Errorf("session %d timing %q, want it to contain %q", i+1, s.Timing, tt.wantTiming[i])
				}
				if s.Time != tt.wantTime[i] {
					t.Errorf("session %d time %q, want %q", i+1, s.Time, tt.wantTime[i])
				}
			}
		})
	}
}

func TestRule3NoHeavySessionBeforeDemandingRun(t *testing.T) {
	tests := []struct {
		name     string
		runs     string
		wantDays string
		wantNote string // note on the day before the demanding run
		noteDay  int    // index in week 1
	}{
		{"free days before hard runs skipped", week("", "intervals", "", "easy", "", "long", "easy"), "Wed Sun",
			"Friday: no session, the long run on Saturday is the next day (rule 3).", 4},
		{"every free day precedes a hard run", week("", "tempo", "", "hills", "", "race", "easy"), "Thu Sun",
			"Wednesday: no session, strength is on Thursday (rule 4: no strength on consecutive days).", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := mustPlan(t, profile("", tt.runs))
			if got := sessionDays(prog); got != tt.wantDays {
				t.Errorf("session days %q, want %q", got, tt.wantDays)
			}
			if tt.noteDay >= 0 {
				if got := prog.Weeks[0].Days[tt.noteDay].Note; got != tt.wantNote {
					t.Errorf("note %q, want %q", got, tt.wantNote)
				}
			}
		})
	}
	t.Run("impossible names rule 3 and a fix", func(t *testing.T) {
		// Sunday must stay free; only Saturday precedes a non-demanding day.
		_, err := plan(t, profile("", week("tempo", "tempo", "tempo", "tempo", "tempo", "tempo", "")))
		assertPlanError(t, err, "rule 3 (no heavy session the day before a demanding run): only 1 of 2 sessions fit",
			"set sessions_per_week = 1, or make the tempo run on Tuesday easy")
	})
}

func TestRule4ConsecutiveAndRestDay(t *testing.T) {
	t.Run("no consecutive days and one free day", func(t *testing.T) {
		prog := mustPlan(t, profile("sessions_per_week = 3", week("", "", "", "", "", "", "")))
		if got := sessionDays(prog); got != "Mon Wed Fri" {
			t.Errorf("got %q", got)
		}
		note := prog.Weeks[0].Days[1].Note
		if !strings.Contains(note, "rule 4") {
			t.Errorf("Tuesday note %q does not cite rule 4", note)
		}
	})
	tests := []struct {
		name        string
		extra, runs string
		wantRule    string
		wantFix     string
	}{
		{"every day runs", "", week("easy", "easy", "easy", "easy", "easy", "easy", "easy"),
			"rule 4 (a full rest day each week): every day has a run", `make one day "rest"`},
		{"every day runs, one session", "sessions_per_week = 1", week("long", "easy", "tempo", "easy", "hills", "easy", "race"),
			"rule 4 (a full rest day each week): every day has a run", `make one day "rest"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan(t, profile(tt.extra, tt.runs))
			assertPlanError(t, err, tt.wantRule, tt.wantFix)
		})
	}
}

// assertPlanError checks an impossible-week error: file, rule, and a fix.
func assertPlanError(t *testing.T, err error, rule, fix string) {
	t.Helper()
	if !errors.Is(err, ErrImpossibleWeek) {
		t.Fatalf("got %v, want an impossible-week error", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "programs/test.toml") {
		t.Errorf("%q does not name the file", msg)
	}
	if !strings.Contains(msg, rule) {
		t.Errorf("%q does not name %q", msg, rule)
	}
	if !strings.Contains(msg, fix) || !strings.Contains(msg, "; ") {
		t.Errorf("%q does not say what to change (%q)", msg, fix)
	}
}

func TestRule4ExactMessage(t *testing.T) {
	_, err := plan(t, profile("", week("easy", "easy", "easy", "easy", "easy", "easy", "long")))
	want := `programs/test.toml:8: rule 4 (a full rest day each week): every day has a run, so no day can stay free of running and strength; make one day "rest" in [runs]`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestRule5PhaseLengths(t *testing.T) {
	tests := []struct {
		experience string
		weeks      int
		phase1     int
	}{
		{"new", 4, 3}, {"new", 8, 4}, {"new", 5, 3}, {"new", 12, 6}, {"new", 52, 26},
		{"some", 4, 2}, {"some", 8, 3}, {"some", 10, 4}, {"some", 12, 5},
		{"experienced", 4, 2}, {"experienced", 8, 2}, {"experienced", 12, 3}, {"experienced", 52, 13},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s-%d", tt.experience, tt.weeks), func(t *testing.T) {
			src := strings.Replace(strings.Replace(profile("", week("easy", "", "easy", "", "easy", "", "")),
				`"new"`, fmt.Sprintf("%q", tt.experience), 1), "weeks = 8", fmt.Sprintf("weeks = %d", tt.weeks), 1)
			prog := mustPlan(t, src)
			if got := prog.Phases[0].LastWeek; got != tt.phase1 {
				t.Errorf("phase 1 ends week %d, want %d", got, tt.phase1)
			}
			for _, w := range prog.Weeks {
				want := Stability
				if w.Number > tt.phase1 {
					want = Strength
				}
				if w.Phase != want {
					t.Fatalf("week %d phase %s, want %s", w.Number, w.Phase, want)
				}
				for _, s := range w.Sessions {
					for _, e := range s.Exercises {
						lo, hi := 12, 20
						if want == Strength {
							lo, hi = 6, 10
						}
						if e.RepCount < lo || e.RepCount > hi {
							t.Errorf("week %d %s: %d reps outside %d-%d", w.Number, e.Slug, e.RepCount, lo, hi)
						}
					}
				}
			}
		})
	}
}

func TestRule6ProgressionAndDeload(t *testing.T) {
	prog := mustPlan(t, profile("", week("easy", "", "easy", "", "easy", "", "")))
	type dose struct {
		sets, reps int
		load       string
	}
	// single-leg-deadlift appears in session 2 of every week (fixture).
	find := func(w Week) dose {
		for _, s := range w.Sessions {
			for _, e := range s.Exercises {
				if e.Slug == "single-leg-deadlift" {
					return dose{e.Sets, e.RepCount, e.Load}
				}
			}
		}
		t.Fatalf("week %d: no single-leg-deadlift", w.Number)
		return dose{}
	}
	want := []dose{
		{2, 12, "light weight"}, {2, 14, "light weight"}, {2, 16, "light weight"},
		{1, 12, "easy week"}, // week 4 deload
		{3, 10, "a weight you can lift 10 times"}, {3, 9, "week 5 weight + 2.5 kg"}, {3, 8, "week 5 weight + 5 kg"},
		{2, 8, "easy week: last week's weight − 2.5 kg"}, // week 8 deload
	}
	for i, w := range prog.Weeks {
		got := find(w)
		if got.sets != want[i].sets || got.reps != want[i].reps || !strings.Contains(got.load, want[i].load) {
			t.Errorf("week %d: got %+v, want %+v", w.Number, got, want[i])
		}
	}
	if fmt.Sprint(prog.DeloadWeeks) != "[4 8]" {
		t.Errorf("deload weeks %v, want [4 8]", prog.DeloadWeeks)
	}
	short := mustPlan(t, strings.Replace(profile("", week("easy", "", "easy", "", "easy", "", "")), "weeks = 8", "weeks = 6", 1))
	if len(short.DeloadWeeks) != 0 {
		t.Errorf("6-week block has deload weeks %v", short.DeloadWeeks)
	}
	lb := mustPlan(t, profile(`units = "lb"`, week("easy", "", "easy", "", "easy", "", "")))
	if got := find(lb.Weeks[5]).load; got != "week 5 weight + 5 lb" {
		t.Errorf("lb step: %q", got)
	}
}

func TestRule7Exercises(t *testing.T) {
	t.Run("every session has single-leg and glute-med work, with links", func(t *testing.T) {
		prog := mustPlan(t, profile("sessions_per_week = 3", week("", "", "", "", "", "", "")))
		for _, w := range prog.Weeks {
			for _, s := range w.Sessions {
				var foci []string
				for _, e := range s.Exercises {
					foci = append(foci, e.Focus...)
					if e.URL != "/exercises/"+e.Slug+"/" {
						t.Errorf("%s: URL %q", e.Slug, e.URL)
					}
				}
				all := strings.Join(foci, " ")
				if !strings.Contains(all, "single-leg") || !strings.Contains(all, "glute-med") {
					t.Errorf("week %d session %d foci %q", w.Number, s.Number, all)
				}
			}
		}
	})
	t.Run("sessions of a week differ when possible", func(t *testing.T) {
		prog := mustPlan(t, profile("", week("easy", "", "easy", "", "easy", "", "")))
		a, b := prog.Weeks[0].Sessions[0].Exercises, prog.Weeks[0].Sessions[1].Exercises
		if a[0].Slug == b[0].Slug || a[1].Slug == b[1].Slug {
			t.Errorf("sessions share their main exercises: %s/%s and %s/%s", a[0].Slug, a[1].Slug, b[0].Slug, b[1].Slug)
		}
	})
	t.Run("equipment filters exercises", func(t *testing.T) {
		src := strings.Replace(profile("", week("easy", "", "easy", "", "easy", "", "")), `["band", "dumbbells", "bench", "step"]`, `["band"]`, 1)
		prog := mustPlan(t, src)
		for _, w := range prog.Weeks {
			for _, s := range w.Sessions {
				for _, e := range s.Exercises {
					switch e.Slug {
					case "single-leg-deadlift", "bulgarian-split-squat", "step-down", "hip-hike":
						t.Errorf("%s needs equipment the athlete lacks", e.Slug)
					}
				}
			}
		}
	})
	t.Run("input order does not change the choice", func(t *testing.T) {
		src := profile("", week("easy", "", "easy", "", "easy", "", ""))
		p, _ := ParseProfile("p.toml", []byte(src))
		exs := plannertest.Exercises()
		a, _ := Plan(p, exs)
		for i, j := 0, len(exs)-1; i < j; i, j = i+1, j-1 {
			exs[i], exs[j] = exs[j], exs[i]
		}
		b, _ := Plan(p, exs)
		if fmt.Sprint(a.Weeks[6].Sessions[1].Exercises) != fmt.Sprint(b.Weeks[6].Sessions[1].Exercises) {
			t.Error("exercise choice depends on input order")
		}
	})
	t.Run("no glute-med exercise for the equipment", func(t *testing.T) {
		src := strings.Replace(profile("", week("easy", "", "easy", "", "easy", "", "")), `["band", "dumbbells", "bench", "step"]`, `["dumbbells"]`, 1)
		var exs []Exercise
		for _, e := range plannertest.Exercises() {
			if e.Slug != "side-plank-leg-lift" {
				exs = append(exs, e)
			}
		}
		p, _ := ParseProfile("programs/test.toml", []byte(src))
		_, err := Plan(p, exs)
		want := `programs/test.toml:6: rule 7 (single-leg and glute-med work every session): equipment = ["bodyweight", "dumbbells", "mat"] leaves no glute-med exercise for the stability phase; add "band" to equipment (used by clamshell)`
		if !errors.Is(err, ErrNoExercise) || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	})
}

func TestRule8Cadence(t *testing.T) {
	tests := []struct {
		current, weeks int
		target         int
		weekly         string
	}{
		{164, 8, 176, "[166 168 170 172 174 176 176 176]"},
		{164, 4, 176, "[167 170 173 176]"},
		{120, 8, 129, "[122 124 126 128 129 129 129 129]"},
		{220, 4, 237, "[225 230 235 237]"},
		{180, 12, 194, "[182 184 186 188 190 192 194 194 194 194 194 194]"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%dw", tt.current, tt.weeks), func(t *testing.T) {
			src := strings.Replace(strings.Replace(profile("", week("easy", "", "easy", "", "easy", "", "")),
				"cadence = 160", fmt.Sprintf("cadence = %d", tt.current), 1), "weeks = 8", fmt.Sprintf("weeks = %d", tt.weeks), 1)
			c := mustPlan(t, src).Cadence
			if c.Target != tt.target {
				t.Errorf("target %d, want %d", c.Target, tt.target)
			}
			if float64(c.Target) > float64(tt.current)*1.10 || float64(c.Target) < float64(tt.current)*1.05 {
				t.Errorf("target %d outside +5..+10 %% of %d", c.Target, tt.current)
			}
			if got := fmt.Sprint(c.Weekly); got != tt.weekly {
				t.Errorf("weekly %s, want %s", got, tt.weekly)
			}
			prev := tt.current
			for _, spm := range c.Weekly {
				if step := spm - prev; step < 0 || float64(step) > max(3, float64(tt.current)*0.025+0.5) {
					t.Errorf("step %d too large", step)
				}
				prev = spm
			}
			if len(c.Cues) == 0 || !strings.Contains(strings.Join(c.Cues, " "), "ankles") {
				t.Errorf("missing form cues: %v", c.Cues)
			}
		})
	}
}

func TestEveryDayExplained(t *testing.T) {
	prog := mustPlan(t, profile("", week("easy", "intervals", "", "tempo", "", "long", "easy")))
	for _, w := range prog.Weeks {
		for _, d := range w.Days {
			name := d.Date.Weekday().String()
			if !strings.HasPrefix(d.Note, name+": ") {
				t.Errorf("%s note %q", d.Date.Format(time.DateOnly), d.Note)
			}
		}
	}
	if len(prog.Explanations) < 6 {
		t.Errorf("want program-wide explanations, got %v", prog.Explanations)
	}
}

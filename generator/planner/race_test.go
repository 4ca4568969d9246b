package planner_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	. "github.com/stance-ssg/stance/generator/planner"
)

func TestRule2RunFirstOnDemandingDays(t *testing.T) {
	// Sunday is the only day without a run, so it stays the rest day and
	// both sessions share a day with a run.
	tests := []struct {
		name     string
		extra    string
		runs     string
		wantDays string
		want     []string // Session.Timing substrings, in session order
		wantTime []string
	}{
		{"timed hard run, coach's morning time moved after it", `session_time = "07:00"`,
			week("tempo@06:30", "easy", "tempo@06:30", "easy", "tempo@06:30", "easy", ""), "Wed Sat",
			[]string{"at 12:30, 6 h after the tempo run at 06:30 (moved from 07:00: hard runs come first)", "at 07:00; easy run in the evening"},
			[]string{"12:30", "07:00"}},
		{"coach's evening time kept after a morning hard run", `session_time = "19:00"`,
			week("tempo@07:00", "easy", "tempo@07:00", "easy", "tempo@07:00", "easy", ""), "Wed Sat",
			[]string{"at 19:00, 12 h after the tempo run at 07:00 (hard runs come first)"}, []string{"19:00"}},
		{"untimed hard run: run in the morning, strength in the evening", "",
			week("long", "easy", "long", "easy", "long", "easy", ""), "Wed Sat",
			[]string{"in the evening; long run first, in the morning"}, []string{""}},
		{"untimed hard run, morning session time moved", `session_time = "06:00"`,
			week("hills", "easy", "hills", "easy", "hills", "easy", ""), "Wed Sat",
			[]string{"at 18:00; hills run first, in the morning, at least six hours earlier (moved from 06:00: hard runs come first)"}, []string{"18:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := mustPlan(t, profile(tt.extra, tt.runs))
			if got := sessionDays(prog); got != tt.wantDays {
				t.Fatalf("session days %q, want %q", got, tt.wantDays)
			}
			s := prog.Weeks[0].Sessions
			for i := range tt.want {
				if !strings.Contains(s[i].Timing, tt.want[i]) {
					t.Errorf("session %d timing %q, want %q", i+1, s[i].Timing, tt.want[i])
				}
				if s[i].Time.String() != tt.wantTime[i] {
					t.Errorf("session %d at %q, want %q", i+1, s[i].Time, tt.wantTime[i])
				}
			}
			if !s[0].AfterRun {
				t.Errorf("session 1 shares a day with a hard run but is not marked after it")
			}
		})
	}
	t.Run("evening hard runs leave no room: plan error naming the run's line", func(t *testing.T) {
		_, err := plan(t, profile("", week("intervals@18:00", "easy", "tempo@19:00", "easy", "long@17:00", "easy", "")))
		want := "programs/test.toml:9: runs.monday: rule 2 (on a day with a demanding run, the run first and strength six hours later): only 1 of 2 sessions fit: the intervals run on Monday at 18:00 leaves no time for strength six hours after it (by 21:00); set sessions_per_week = 1, or give the Monday run a time by 15:00"
		if !errors.Is(err, ErrImpossibleWeek) || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	})
	t.Run("the athlete's run times never move", func(t *testing.T) {
		src := profile(`session_time = "07:00"`, week("tempo@06:30", "easy@12:00", "tempo@06:30", "easy", "tempo@06:30", "easy", ""))
		p, err := ParseProfile("programs/test.toml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		prog := mustPlan(t, src)
		for _, w := range prog.Weeks {
			for _, d := range w.Days {
				if d.Run != p.Runs[d.Date.Weekday()] {
					t.Fatalf("%s: run %+v, profile says %+v", d.Date.Format(time.DateOnly), d.Run, p.Runs[d.Date.Weekday()])
				}
			}
		}
	})
}

// raceProfile is a 10-week block of some experience that ends with a race.
func raceProfile(span string) string {
	return `athlete = "Test Runner"
` + span + `
experience = "some"
cadence = 170
equipment = ["dumbbells", "bench", "band", "step"]

[runs]
monday = "rest"
tuesday = "easy"
wednesday = "easy"
thursday = "tempo"
friday = "easy"
sunday = "long"
`
}

func TestRaceDateSetsTheBlock(t *testing.T) {
	tests := []struct {
		name      string
		span      string
		start     string
		weeks     int
		wantError string
	}{
		{"start and race: weeks follow", "start = 2027-03-01\nrace_date = 2027-05-09\nrace_name = \"Spring 10K\"", "2027-03-01", 10, ""},
		{"weeks and race: the block ends on race day", "weeks = 10\nrace_date = 2027-05-09", "2027-03-01", 10, ""},
		{"all three agree", "start = 2027-03-01\nweeks = 10\nrace_date = 2027-05-09", "2027-03-01", 10, ""},
		{"weeks disagree", "start = 2027-03-01\nweeks = 8\nrace_date = 2027-05-09", "", 0,
			"programs/race.toml:4: race_date: falls in week 10 of the block, but weeks = 8; the race must be in the last week: remove weeks (it follows from the race) or set weeks = 10"},
		{"race before start", "start = 2027-03-01\nrace_date = 2027-02-01", "", 0,
			"programs/race.toml:3: race_date: 2027-02-01 is before start (2027-03-01)"},
		{"race too far", "start = 2027-03-01\nrace_date = 2028-06-01", "", 0,
			"programs/race.toml:3: race_date: falls in week 66 after start; a block is 4 to 52 weeks, so move start"},
		{"neither start nor weeks", "race_date = 2027-05-09", "", 0,
			"programs/race.toml:2: race_date: give start = YYYY-MM-DD (the block then runs to the race) or weeks = N (the block then ends on race day)"},
		{"race name without a date", "start = 2027-03-01\nweeks = 8\nrace_name = \"Spring 10K\"", "", 0,
			"programs/race.toml:4: race_name: needs race_date = YYYY-MM-DD as well"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseProfile("programs/race.toml", []byte(raceProfile(tt.span)))
			if tt.wantError != "" {
				if err == nil || err.Error() != tt.wantError {
					t.Errorf("got  %v\nwant %s", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Start.Format(time.DateOnly); got != tt.start || p.Weeks != tt.weeks {
				t.Errorf("start %s, %d weeks; want %s, %d", got, p.Weeks, tt.start, tt.weeks)
			}
		})
	}
}

func TestRule9Taper(t *testing.T) {
	src := raceProfile("start = 2027-03-01\nrace_date = 2027-05-09\nrace_name = \"Spring 10K\"")
	prog := mustPlan(t, src)
	race := time.Date(2027, 5, 9, 0, 0, 0, 0, time.UTC)
	if fmt.Sprint(prog.TaperWeeks) != "[9 10]" {
		t.Errorf("taper weeks %v, want [9 10]", prog.TaperWeeks)
	}
	for _, w := range prog.Weeks {
		for _, d := range w.Days {
			before := int(race.Sub(d.Date).Hours() / 24)
			switch {
			case before == 0:
				if d.Run.Type != Race || d.Race != "Spring 10K" || d.Strength != nil {
					t.Errorf("race day: %+v", d)
				}
			case before < 0 && (d.Strength != nil || d.Run.Type.IsRun()):
				t.Errorf("%s after the race: %+v", d.Date.Format(time.DateOnly), d)
			case before <= RaceFreeDays && d.Strength != nil:
				t.Errorf("%s: strength %d days before the race", d.Date.Format(time.DateOnly), before)
			}
		}
	}
	last := prog.TaperWeeks[0] - 1 // the last full week before the taper
	for prog.Weeks[last-1].Deload {
		last--
	}
	full := weekSets(prog.Weeks[last-1])
	for _, n := range prog.TaperWeeks {
		if got := weekSets(prog.Weeks[n-1]); got >= full {
			t.Errorf("taper week %d has %d sets, not fewer than the %d of week %d", n, got, full, last)
		}
	}
	if !strings.Contains(strings.Join(prog.Explanations, "\n"), "Rule 9: the block leads to Spring 10K on Sunday 9 May 2027") {
		t.Errorf("explanations do not mention the race:\n%s", strings.Join(prog.Explanations, "\n"))
	}
}

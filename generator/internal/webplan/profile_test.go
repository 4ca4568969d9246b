package webplan

import (
	"errors"
	"strings"
	"testing"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/planner"
)

func answers(pairs ...string) []Answer {
	var out []Answer
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Answer{Name: pairs[i], Value: pairs[i+1]})
	}
	return out
}

func TestProfileTOMLWritesAProfile(t *testing.T) {
	got := ProfileTOML(answers(
		"runs.sunday.type", "long",
		"athlete", "  Alex Rivera ",
		"start", "2027-01-04",
		"weeks", "8",
		"experience", "new",
		"cadence", "164",
		"equipment", "band",
		"equipment", "dumbbells",
		"units", "kg",
		"paper", "A4",
		"session_time", "07:00",
		"slug", "",
		"loads.dumbbells", "4, 6,8 ,",
		"loads.band", "yellow, red",
		"runs.monday.type", "rest",
		"runs.tuesday.type", "intervals",
		"runs.tuesday.time", "18:00",
		"unknown", "ignored",
	))
	body := got[strings.Index(got, "athlete"):]
	want := `athlete = "Alex Rivera"
start = 2027-01-04
weeks = 8
experience = "new"
cadence = 164
equipment = ["band", "dumbbells"]
units = "kg"
paper = "A4"
session_time = "07:00"

[loads]
dumbbells = [4, 6, 8]
band = ["yellow", "red"]

[runs]
monday = "rest"
tuesday = { type = "intervals", time = "18:00" }
sunday = "long"
`
	if body != want {
		t.Errorf("profile:\n%s\nwant:\n%s", body, want)
	}
	p, err := planner.ParseProfile(ProfileName, []byte(got))
	if err != nil {
		t.Fatalf("the written profile does not parse: %v", err)
	}
	if p.Athlete != "Alex Rivera" || p.Weeks != 8 || len(p.Owned["dumbbells"]) != 3 || p.Runs[2].Time.String() != "18:00" {
		t.Errorf("parsed back as %+v", p)
	}
	if !strings.HasPrefix(got, "# ") {
		t.Error("the profile does not start with a comment saying where it came from")
	}
}

// Whatever is typed, the profile is valid TOML, and what does not fit a
// key reaches the planner as typed, so its message names the problem.
func TestProfileTOMLLeavesJudgementToThePlanner(t *testing.T) {
	tests := []struct {
		name    string
		answers []Answer
		key     string
		msg     string
	}{
		{"words for a number", answers("weeks", "eight"), "weeks", `must be a whole number, got the string "eight"`},
		{"a number too large", answers("cadence", "999"), "cadence", "must be between 120 and 220, got 999"},
		{"an impossible date", answers("start", "2027-02-30"), "start", "must be a date like 2027-01-04"},
		{"a control character", answers("athlete", "Al\x1bex"), "athlete", "contains the control character U+001B"},
		{"quotes and backslashes", answers("athlete", `Al "The \ Knee"`), "", ""},
		{"a weight with its unit", answers("equipment", "dumbbells", "loads.dumbbells", "4 kg, 6 kg"), "loads.dumbbells", `weights must be numbers in kg, got the string "4 kg"`},
		{"loads without the equipment", answers("loads.kettlebell", "8, 12"), "loads.kettlebell", `"kettlebell" is not in equipment`},
		{"a time without a run", answers("runs.friday.time", "07:00"), "runs.friday", "missing type"},
		{"a time that is not one", answers("runs.friday.type", "easy", "runs.friday.time", "7 pm"), "runs.friday.time", `must be a 24-hour time like "07:00", got "7 pm"`},
	}
	base := answers("athlete", "A", "start", "2027-01-04", "weeks", "8", "experience", "new", "cadence", "160")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ProfileTOML(append(append([]Answer(nil), tt.answers...), base...)) // the first answer to a key counts
			_, err := planner.ParseProfile(ProfileName, []byte(src))
			if tt.key == "" {
				if err != nil {
					t.Errorf("%v\n%s", err, src)
				}
				return
			}
			var found bool
			for _, p := range problems(err) {
				if p.Key == tt.key && strings.Contains(p.Message, tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem at %s saying %q; got %v\n%s", tt.key, tt.msg, err, src)
			}
		})
	}
}

func TestProblemsDropThePosition(t *testing.T) {
	err := errors.Join(diag.List{
		{File: ProfileName, Line: 3, Key: "weeks", Msg: "must be between 4 and 52, got 99"},
		{File: ProfileName, Line: 9, Key: "runs", Msg: "rule 4 (a full rest day each week): every day has a run; make one day a rest day"},
	})
	got := problems(err)
	want := []Problem{
		{Key: "weeks", Message: "must be between 4 and 52, got 99"},
		{Key: "runs", Message: "rule 4 (a full rest day each week): every day has a run; make one day a rest day"},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("problems %v, want %v", got, want)
	}
}

func TestWeekdaysStartOnMonday(t *testing.T) {
	days := Weekdays()
	if len(days) != 7 || days[0] != (Day{"monday", "Monday"}) || days[6] != (Day{"sunday", "Sunday"}) {
		t.Errorf("weekdays %v", days)
	}
	if types := RunTypes(); types[0] != "rest" || len(types) != 8 {
		t.Errorf("run types %v", types)
	}
}

func TestNewChecksTheData(t *testing.T) {
	ok := Data{Format: Format, Exercises: []planner.Exercise{{Slug: "x"}}, Template: `{{define "program.html"}}{{.Title}}{{end}}`}
	if _, err := New(ok); err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(*Data){
		"another format":        func(d *Data) { d.Format++ },
		"no exercises":          func(d *Data) { d.Exercises = nil },
		"a site function":       func(d *Data) { d.Template = `{{define "program.html"}}{{url "x"}}{{end}}` },
		"no program.html":       func(d *Data) { d.Template = `{{define "other"}}{{end}}` },
		"a template that fails": func(d *Data) { d.Template = `{{define "program.html"}}{{.Title}` },
		"a partial of the site": func(d *Data) { d.Template = `{{define "program.html"}}{{template "_site-partial" .}}{{end}}` },
	}
	for name, change := range bad {
		d := ok
		change(&d)
		if _, err := New(d); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := Load([]byte("{not json")); err == nil {
		t.Error("Load accepted text that is not JSON")
	}
}

// FuzzProfileTOML: whatever an athlete types, the profile the builder
// writes is TOML, and every problem the planner finds in it names the
// field it concerns, so the page can show it there.
func FuzzProfileTOML(f *testing.F) {
	f.Add("Alex Rivera", "8", "2027-01-04", "4, 6, 8", "easy", "18:00", "07:00")
	f.Add("Al\"ex\\", "eight", "2027-02-30", "4 kg", "sprint", "7 pm", "")
	f.Add("\x00\n\t\u2028", "-3", "1/4/2027", ",,", "", "25:00", "\x7f")
	f.Fuzz(func(t *testing.T, athlete, weeks, start, loads, run, runTime, sessionTime string) {
		src := ProfileTOML(answers(
			"athlete", athlete, "weeks", weeks, "start", start, "experience", "new", "cadence", "160",
			"equipment", "dumbbells", "loads.dumbbells", loads, "loads.band", loads,
			"runs.monday.type", run, "runs.monday.time", runTime, "session_time", sessionTime,
		))
		_, err := planner.ParseProfile(ProfileName, []byte(src))
		for _, p := range problems(err) {
			if p.Key == "" {
				t.Fatalf("a problem without a field: %q\nprofile:\n%s", p.Message, src)
			}
		}
	})
}

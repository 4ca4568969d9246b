package planner_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stance-ssg/stance/generator/diag"
	. "github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
)

const validProfile = `athlete = "Alex Rivera"
start = 2027-01-04
weeks = 8
experience = "new"
cadence = 164
equipment = ["band"]

[runs]
monday = "rest"
tuesday = { type = "intervals", time = "18:00" }
wednesday = "easy"
`

func TestParseProfileValid(t *testing.T) {
	p, err := ParseProfile("alex.toml", []byte(validProfile))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"slug derived", p.Slug, "alex-rivera"},
		{"start", p.Start, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
		{"sessions default", p.SessionsPerWeek, 2},
		{"units default", p.Units, "kg"},
		{"paper default", p.Paper, "A4"},
		{"equipment adds bodyweight and mat", strings.Join(p.Equipment, ","), "bodyweight,band,mat"},
		{"inline table run", p.Runs[time.Tuesday], Run{Type: Intervals, Time: ClockAt(18 * 60)}},
		{"missing day is rest", p.Runs[time.Sunday], Run{Type: Rest}},
		{"deload every 4th week by default", p.DeloadEvery, 4},
		{"no race", p.Race == nil, true},
		{"no owned loads", len(p.Owned), 0},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestParseProfileLoads(t *testing.T) {
	src := replace(`["band"]`, `["band", "dumbbells"]`)(validProfile) + "\n[loads]\ndumbbells = [2.5, 5, 7.5, 10]\nband = [\"yellow\", \"red\"]\n"
	p, err := ParseProfile("alex.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, im := range []string{"dumbbells", "band"} {
		for _, l := range p.Owned[im] {
			got = append(got, fmt.Sprintf("%s %s %g", im, l.Label, l.Weight))
		}
	}
	want := "dumbbells 2.5 kg 2.5|dumbbells 5 kg 5|dumbbells 7.5 kg 7.5|dumbbells 10 kg 10|band yellow 0|band red 0"
	if strings.Join(got, "|") != want {
		t.Errorf("owned loads\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestSlugFromAthlete(t *testing.T) {
	// The athlete's name gives the program's slug as a site term would
	// (package slug), so "José Peña" keeps his letters.
	for name, want := range map[string]string{"José Peña": "jose-pena", "日本 太郎": "日本-太郎", "Alex Rivera": "alex-rivera"} {
		p, err := ParseProfile("p.toml", []byte(strings.Replace(validProfile, "Alex Rivera", name, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if p.Slug != want {
			t.Errorf("%q: slug %q, want %q", name, p.Slug, want)
		}
	}
}

// TestParseProfileErrors checks that each mistake is reported with the
// file, the line (and column when known), the field and a useful message.
func TestParseProfileErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		line    int
		field   string
		message string
	}{
		{"unknown key", add("colour = \"red\""), 7, "colour", "unknown key"},
		{"unknown key in runs day", replace(`time = "18:00"`, `tme = "18:00"`), 10, "runs.tuesday.tme", "unknown key"},
		{"wrong type", replace("weeks = 8", `weeks = "eight"`), 3, "weeks", `whole number, got the string "eight"`},
		{"date in quotes", replace("start = 2027-01-04", `start = "2027-01-04"`), 2, "start", "must be a date"},
		{"bad date", replace("start = 2027-01-04", "start = 2027-02-30"), 2, "start", "invalid datetime"},
		{"date with time", replace("start = 2027-01-04", "start = 2027-01-04T07:00:00"), 2, "start", "no time"},
		{"weeks 0", replace("weeks = 8", "weeks = 0"), 3, "weeks", "must be between 4 and 52, got 0"},
		{"weeks 500", replace("weeks = 8", "weeks = 500"), 3, "weeks", "must be between 4 and 52, got 500"},
		{"cadence 0", replace("cadence = 164", "cadence = 0"), 5, "cadence", "must be between 120 and 220, got 0"},
		{"cadence 400", replace("cadence = 164", "cadence = 400"), 5, "cadence", "must be between 120 and 220, got 400"},
		{"unknown run type", replace(`wednesday = "easy"`, `wednesday = "jog"`), 11, "runs.wednesday", `unknown run type "jog"`},
		{"unknown run type inline", replace(`type = "intervals"`, `type = "sprints"`), 10, "runs.tuesday.type", `unknown run type "sprints"`},
		{"unknown equipment", replace(`["band"]`, `["band", "barbell"]`), 6, "equipment", `unknown equipment "barbell"`},
		{"bad experience", replace(`"new"`, `"pro"`), 4, "experience", `must be one of "new", "some", "experienced", got "pro"`},
		{"bad time", replace(`"18:00"`, `"6pm"`), 10, "runs.tuesday.time", `24-hour time like "07:00", got "6pm"`},
		{"bad slug", add(`slug = "../alex"`), 7, "slug", "one path segment"},
		{"sessions 4", add("sessions_per_week = 4"), 7, "sessions_per_week", "between 1 and 3, got 4"},
		{"missing athlete", replace(`athlete = "Alex Rivera"`, "#"), 1, "athlete", "missing"},
		{"escape sequence in athlete", replace(`"Alex Rivera"`, `"Alex \u001b[31mRivera"`), 1, "athlete", "contains the control character U+001B"},
		{"NUL in athlete", replace(`"Alex Rivera"`, `"Alex\u0000"`), 1, "athlete", "contains the control character U+0000"},
		{"athlete of 100 KB", replace(`"Alex Rivera"`, `"`+strings.Repeat("Alex ", 20000)+`"`), 1, "athlete", "is 99999 characters long, over the limit of 200"},
		{"syntax error", replace("weeks = 8", "weeks = = 8"), 3, "", "expected value"},
		{"deload_every too small", add("deload_every = 2"), 7, "deload_every", "must be between 3 and 6, got 2"},
		{"loads: unknown implement", appendTable("[loads]\nbarbell = [20]"), 14, "loads.barbell", `unknown implement; [loads] takes "dumbbells", "kettlebell", "backpack", "band"`},
		{"loads: implement not owned", appendTable("[loads]\nkettlebell = [8, 12]"), 14, "loads.kettlebell", `"kettlebell" is not in equipment; add it there too`},
		{"loads: weights out of order", appendTable("[loads]\nband = [\"red\", \"red\"]"), 14, "loads.band", `band "red" is listed twice`},
		{"loads: weights not ascending", func(s string) string {
			return appendTable("[loads]\ndumbbells = [10, 8]")(replace(`["band"]`, `["band", "dumbbells"]`)(s))
		}, 14, "loads.dumbbells", "list the weights lightest first without repeats: 8 comes after 10"},
		{"loads: not a list", func(s string) string {
			return appendTable("[loads]\ndumbbells = 10")(replace(`["band"]`, `["band", "dumbbells"]`)(s))
		}, 14, "loads.dumbbells", "must be a list of 1 to 30 weights, lightest first"},
		{"loads: negative weight", func(s string) string {
			return appendTable("[loads]\ndumbbells = [-2, 4]")(replace(`["band"]`, `["band", "dumbbells"]`)(s))
		}, 14, "loads.dumbbells", "weights must be above 0 and at most 500 kg, got -2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const file = "content/programs/alex.toml"
			_, err := ParseProfile(file, []byte(tt.edit(validProfile)))
			var errs diag.List
			if !errors.As(err, &errs) {
				t.Fatalf("got %v (%T), want diag.List", err, err)
			}
			e := errs[0]
			msg := e.Error()
			prefix := file + ":" + strconv.Itoa(tt.line) + ":"
			if !strings.HasPrefix(msg, prefix) {
				t.Errorf("message %q does not start with %q", msg, prefix)
			}
			if tt.field != "" && (e.Key != tt.field || !strings.Contains(msg, " "+tt.field+": ")) {
				t.Errorf("message %q does not name field %q (got field %q)", msg, tt.field, e.Key)
			}
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q does not contain %q", msg, tt.message)
			}
		})
	}
}

func TestParseProfileCollectsAllErrors(t *testing.T) {
	src := replace("weeks = 8", "weeks = 500")(replace("cadence = 164", "cadence = 400")(add("colour = 1")(validProfile)))
	_, err := ParseProfile("p.toml", []byte(src))
	var errs diag.List
	if !errors.As(err, &errs) || len(errs) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	lines := []int{errs[0].Line, errs[1].Line, errs[2].Line}
	if lines[0] != 3 || lines[1] != 5 || lines[2] != 7 {
		t.Errorf("errors not in line order: %v\n%v", lines, err)
	}
}

func TestExampleProfilesParseAndPlan(t *testing.T) {
	files, _ := filepath.Glob("../../content/programs/*.toml")
	if len(files) < 3 {
		t.Fatalf("want at least 3 example profiles, found %v", files)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseProfile(f, src)
		if err != nil {
			t.Fatalf("%v", err)
		}
		if _, err := Plan(p, plannertest.Exercises()); err != nil {
			t.Errorf("%v", err)
		}
	}
}

// add inserts a top-level line before the blank line above [runs], so it
// becomes line 7.
func add(line string) func(string) string {
	return func(s string) string {
		return strings.Replace(s, "\n\n[runs]\n", "\n"+line+"\n\n[runs]\n", 1)
	}
}

// appendTable adds a table after [runs]; validProfile has 11 lines and a
// blank line and the table header come first, so its first key is on line 14.
func appendTable(table string) func(string) string {
	return func(s string) string { return s + "\n" + table + "\n" }
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("test edit: " + old + " not found")
		}
		return strings.Replace(s, old, new, 1)
	}
}

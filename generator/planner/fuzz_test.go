package planner_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
)

// FuzzParseProfile feeds arbitrary bytes to ParseProfile and every profile
// that parses to Plan. Neither may panic; every error must name the file;
// a plan must cover the weeks asked for. Seeds live in
// testdata/fuzz/FuzzParseProfile.
func FuzzParseProfile(f *testing.F) {
	f.Add([]byte(plannertest.AlexTOML))
	f.Add([]byte("athlete = \"A\"\nstart = 2027-01-04\nweeks = 4\nexperience = \"some\"\ncadence = 120\nsessions_per_week = 3\n[runs]\nmonday = \"easy\"\ntuesday = \"easy\"\nwednesday = \"easy\"\nthursday = \"easy\"\nfriday = \"easy\"\nsaturday = \"easy\"\n"))
	f.Add([]byte("weeks = = 8"))
	f.Add([]byte("[runs]\nmonday = { type = 5, at = \"x\" }\n"))
	exercises := plannertest.Exercises()
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := planner.ParseProfile("fuzz.toml", src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		prog, err := planner.Plan(p, exercises)
		if err != nil {
			if !errors.Is(err, planner.ErrImpossibleWeek) && !errors.Is(err, planner.ErrNoExercise) &&
				!strings.HasPrefix(err.Error(), "fuzz.toml") {
				t.Fatalf("plan error is neither a rule nor positioned: %v", err)
			}
			return
		}
		if len(prog.Weeks) != p.Weeks {
			t.Fatalf("%d weeks planned, profile asks for %d", len(prog.Weeks), p.Weeks)
		}
		if !prog.End.After(prog.Start) {
			t.Fatalf("program ends %s, before it starts %s", prog.End, prog.Start)
		}
	})
}

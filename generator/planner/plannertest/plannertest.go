// Package plannertest holds fixtures shared by the tests of the planner,
// ics and program packages: an exercise list shaped like the site's
// exercise pages, a ready-parsed profile and golden-file checks.
package plannertest

import (
	"bytes"
	"os"
	"testing"

	"github.com/stance-ssg/stance/generator/planner"
)

var (
	stability = planner.RepScheme{Sets: 2, Min: 12, Max: 20, PerSide: true}
	strength  = planner.RepScheme{Sets: 3, Min: 6, Max: 10, PerSide: true}
	both      = []string{planner.Stability, planner.Strength}
)

func ex(slug, title string, equipment, focus []string, cues ...string) planner.Exercise {
	return planner.Exercise{
		Slug: slug, Title: title, URL: "/exercises/" + slug + "/",
		Equipment: equipment, Focus: focus, Phases: both,
		Reps: map[string]planner.RepScheme{planner.Stability: stability, planner.Strength: strength},
		Cues: cues,
	}
}

// Exercises returns a fresh fixture list each call, so tests may modify it.
func Exercises() []planner.Exercise {
	list := []planner.Exercise{
		ex("single-leg-deadlift", "Single-leg deadlift", []string{"dumbbells"}, []string{"single-leg", "hinge"}, "Hips level, back flat."),
		ex("bulgarian-split-squat", "Bulgarian split squat", []string{"bench"}, []string{"single-leg", "squat"}, "Front knee tracks over the foot."),
		ex("step-down", "Step-down", []string{"step"}, []string{"single-leg", "squat"}, "Lower slowly, knee over the second toe."),
		ex("clamshell", "Clamshell", []string{"band"}, []string{"glute-med"}, "Feet together, pelvis still."),
		ex("side-plank-leg-lift", "Side plank with leg lift", []string{"mat"}, []string{"glute-med", "core"}, "Body in one line."),
		ex("lateral-band-walk", "Lateral band walk", []string{"band"}, []string{"glute-med"}, "Knees out, small steps."),
		ex("hip-hike", "Hip hike", []string{"step"}, []string{"glute-med", "single-leg"}, "Move only the pelvis."),
		ex("glute-bridge", "Glute bridge", []string{"bodyweight"}, []string{"hinge"}, "Ribs down, squeeze at the top."),
		ex("single-leg-glute-bridge", "Single-leg glute bridge", []string{"bodyweight"}, []string{"single-leg", "hinge"}, "Hips level."),
		ex("calf-raise", "Calf raise", []string{"bodyweight"}, []string{"calf"}, "Full range, slow down."),
	}
	// Two-legged exercises count reps, not reps per side.
	for i := range list {
		if list[i].Slug == "glute-bridge" || list[i].Slug == "calf-raise" {
			for phase, r := range list[i].Reps {
				r.PerSide = false
				list[i].Reps[phase] = r
			}
		}
	}
	// Clamshells stay light: no strength-phase version.
	for i := range list {
		if list[i].Slug == "clamshell" {
			list[i].Phases = []string{planner.Stability}
			list[i].Reps = map[string]planner.RepScheme{planner.Stability: {Sets: 2, Min: 15, Max: 20, PerSide: true}}
		}
	}
	return list
}

// AlexTOML is a complete profile with free days and run times.
const AlexTOML = `athlete = "Alex Rivera"
start = 2027-01-04
weeks = 8
experience = "new"
cadence = 164
equipment = ["band", "dumbbells", "bench"]
session_time = "07:00"

[runs]
monday = "rest"
tuesday = "easy"
wednesday = { type = "tempo", time = "18:00" }
thursday = "rest"
friday = "easy"
saturday = "rest"
sunday = "long"
`

// Program parses src as file name and plans it with Exercises, failing the
// test on any error.
func Program(tb testing.TB, name, src string) *planner.Program {
	tb.Helper()
	p, err := planner.ParseProfile(name, []byte(src))
	if err != nil {
		tb.Fatalf("ParseProfile: %v", err)
	}
	prog, err := planner.Plan(p, Exercises())
	if err != nil {
		tb.Fatalf("Plan: %v", err)
	}
	return prog
}

// Golden compares got with the golden file at path, after rewriting the
// file when update is set (go test -update), so a deliberate change to the
// output is one command and a reviewed diff.
func Golden(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s; run go test -update and review the diff", path)
	}
}

// Package plannertest holds fixtures shared by the tests of the planner,
// ics and program packages: an exercise list shaped like the site's
// exercise pages, a ready-parsed profile and golden-file checks.
package plannertest

import (
	"bytes"
	"os"
	"testing"

	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/training"
)

var (
	stability = planner.RepScheme{Sets: 2, Min: 12, Max: 20, PerSide: true}
	strength  = planner.RepScheme{Sets: 3, Min: 6, Max: 10, PerSide: true}
	both      = []string{planner.Stability, planner.Strength}
)

func ex(slug, title string, level training.Level, equipment, focus []string, cues ...string) planner.Exercise {
	return planner.Exercise{
		Slug: slug, Title: title, URL: "/exercises/" + slug + "/", Level: level,
		Equipment: equipment, Focus: focus, Phases: both,
		Reps: map[string]planner.RepScheme{planner.Stability: stability, planner.Strength: strength},
		Cues: cues,
	}
}

// weights are the implements that load a standing or bridging exercise.
var weights = []string{"dumbbells", "kettlebell", "backpack"}

// Exercises returns a fresh fixture list each call, so tests may modify it.
// It is shaped like the site's library: levels from beginner to advanced,
// load options, and chains of easier and harder variations.
func Exercises() []planner.Exercise {
	b, i, a := training.Beginner, training.Intermediate, training.Advanced
	list := []planner.Exercise{
		ex("split-squat", "Split squat", b, []string{"bodyweight"}, []string{"single-leg", "squat"}, "Back knee straight down."),
		ex("reverse-lunge", "Reverse lunge", i, []string{"bodyweight"}, []string{"single-leg", "squat"}, "Step back long enough."),
		ex("bulgarian-split-squat", "Bulgarian split squat", i, []string{"bench"}, []string{"single-leg", "squat"}, "Front knee tracks over the foot."),
		ex("kickstand-deadlift", "Kickstand deadlift", b, []string{"bodyweight"}, []string{"single-leg", "hinge"}, "Back toes only for balance."),
		ex("single-leg-deadlift", "Single-leg deadlift", i, []string{"bodyweight"}, []string{"single-leg", "hinge"}, "Hips level, back flat."),
		ex("hip-airplane", "Hip airplane", a, []string{"bodyweight"}, []string{"single-leg", "glute-med"}, "Hinge first, then rotate."),
		ex("step-down", "Step-down", i, []string{"step"}, []string{"single-leg", "squat"}, "Lower slowly, knee over the second toe."),
		ex("clamshell", "Clamshell", b, []string{"mat"}, []string{"glute-med"}, "Feet together, pelvis still."),
		ex("side-plank-leg-lift", "Side plank with leg lift", i, []string{"mat"}, []string{"glute-med", "core"}, "Body in one line."),
		ex("lateral-band-walk", "Lateral band walk", b, []string{"band"}, []string{"glute-med"}, "Knees out, small steps."),
		ex("hip-hike", "Hip hike", i, []string{"step"}, []string{"glute-med", "single-leg"}, "Move only the pelvis."),
		ex("glute-bridge", "Glute bridge", b, []string{"bodyweight"}, []string{"hinge"}, "Ribs down, squeeze at the top."),
		ex("single-leg-glute-bridge", "Single-leg glute bridge", b, []string{"bodyweight"}, []string{"single-leg", "hinge"}, "Hips level."),
		ex("calf-raise", "Calf raise", b, []string{"bodyweight"}, []string{"calf", "single-leg"}, "Full range, slow down."),
	}
	variations := map[string][2]string{ // easier, harder
		"split-squat":             {"", "reverse-lunge"},
		"reverse-lunge":           {"split-squat", "bulgarian-split-squat"},
		"bulgarian-split-squat":   {"reverse-lunge", ""},
		"kickstand-deadlift":      {"", "single-leg-deadlift"},
		"single-leg-deadlift":     {"kickstand-deadlift", "hip-airplane"},
		"hip-airplane":            {"single-leg-deadlift", ""},
		"clamshell":               {"", "side-plank-leg-lift"},
		"glute-bridge":            {"", "single-leg-glute-bridge"},
		"single-leg-glute-bridge": {"glute-bridge", ""},
	}
	for k := range list {
		e := &list[k]
		e.Easier, e.Harder = variations[e.Slug][0], variations[e.Slug][1]
		switch e.Slug {
		case "clamshell", "side-plank-leg-lift", "lateral-band-walk":
			e.Load = []string{"band"}
		case "hip-airplane":
		default:
			e.Load = weights
		}
		// Two-legged exercises count reps, not reps per side.
		if e.Slug == "glute-bridge" {
			for phase, r := range e.Reps {
				r.PerSide = false
				e.Reps[phase] = r
			}
		}
		// Clamshells and band walks stay light: no strength-phase version.
		if e.Slug == "clamshell" || e.Slug == "lateral-band-walk" {
			e.Phases = []string{planner.Stability}
			e.Reps = map[string]planner.RepScheme{planner.Stability: {Sets: 2, Min: 15, Max: 20, PerSide: true}}
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

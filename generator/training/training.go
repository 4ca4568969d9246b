// Package training is the vocabulary that exercise pages and athlete
// profiles share: the two training phases and their rep ranges, the
// equipment words, the implements that add load, and exercise levels.
//
// It has one owner so that the content loader, which checks exercise
// pages, and the planner, which uses them, can never disagree about a
// word or a number.
package training

import "slices"

// Phase names, used as keys of an exercise's phases and reps.
const (
	Stability = "stability"
	Strength  = "strength"
)

// Phases lists the phases in block order.
var Phases = []string{Stability, Strength}

// RepRange is the reps per set a phase works in.
type RepRange struct{ Min, Max int }

// PhaseReps are the rep ranges of the two phases: light stability work at
// 12 to 20 reps, heavier strength work at 6 to 10.
var PhaseReps = map[string]RepRange{
	Stability: {12, 20},
	Strength:  {6, 10},
}

// Equipment words a page or profile may name. Bodyweight and a mat are
// always assumed to be at hand.
var Equipment = []string{"bodyweight", "band", "dumbbells", "kettlebell", "backpack", "bench", "step", "mat", "wall"}

// AlwaysAvailable is added to every athlete's equipment.
var AlwaysAvailable = []string{"bodyweight", "mat"}

// Implements are the equipment that adds load to an exercise, heaviest
// first: when an exercise can take several, the planner uses the first
// one the athlete has. A pair of dumbbells usually outweighs one
// kettlebell, a kettlebell a loaded backpack, and any of them a band.
var Implements = []string{"dumbbells", "kettlebell", "backpack", "band"}

// IsImplement reports whether item can load an exercise.
func IsImplement(item string) bool { return slices.Contains(Implements, item) }

// Level is how much strength-training experience an exercise asks for.
type Level int

// Exercise levels, easiest first.
const (
	Beginner Level = iota + 1
	Intermediate
	Advanced
)

// DefaultLevel is the level of an exercise page that names none: a move of
// unknown difficulty is kept from athletes who are new to lifting.
const DefaultLevel = Intermediate

var levelNames = map[Level]string{Beginner: "beginner", Intermediate: "intermediate", Advanced: "advanced"}

// LevelNames lists the level words, easiest first.
var LevelNames = []string{"beginner", "intermediate", "advanced"}

func (l Level) String() string { return levelNames[l] }

// ParseLevel reads a level word.
func ParseLevel(s string) (Level, bool) {
	for l, name := range levelNames {
		if name == s {
			return l, true
		}
	}
	return 0, false
}

// Focus words say what an exercise trains. Every session needs single-leg
// and glute-med work; the others round a session out.
const (
	FocusSingleLeg = "single-leg"
	FocusGluteMed  = "glute-med"
	FocusHinge     = "hinge"
	FocusSquat     = "squat"
	FocusCalf      = "calf"
	FocusCore      = "core"
)

// Focuses lists the focus words.
var Focuses = []string{FocusSingleLeg, FocusGluteMed, FocusHinge, FocusSquat, FocusCalf, FocusCore}

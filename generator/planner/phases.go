package planner

import (
	"fmt"
	"math"
)

// stabilityWeeks returns the length of phase 1 (stability and control); the
// rest of the block is phase 2 (strength).
//
// Newer lifters need longer to learn to control the knee before load goes
// up, so the share shrinks with experience:
//
//	new:         max(3, floor(weeks/2))       half the block, at least 3 weeks
//	some:        max(2, round(weeks*3/8))     about three eighths, at least 2
//	experienced: max(2, round(weeks/4))       a quarter, at least 2
//
// Phase 2 always keeps at least one week because weeks >= 4.
func stabilityWeeks(exp Experience, weeks int) int {
	var n int
	switch exp {
	case New:
		n = max(3, weeks/2)
	case Some:
		n = max(2, roundDiv(weeks*3, 8))
	default:
		n = max(2, roundDiv(weeks, 4))
	}
	return min(n, weeks-1)
}

// roundDiv is a/b rounded half up, for non-negative a and positive b.
func roundDiv(a, b int) int { return (2*a + b) / (2 * b) }

// isDeload reports whether week (1-based) is an easier week: every 4th week
// of a block of 8 weeks or more, so the body can absorb the work.
func isDeload(week, weeks int) bool {
	return weeks >= 8 && week%4 == 0
}

// deloadWeeks lists the easier weeks of a block.
func deloadWeeks(weeks int) []int {
	var out []int
	for w := 1; w <= weeks; w++ {
		if isDeload(w, weeks) {
			out = append(out, w)
		}
	}
	return out
}

// Cadence rule constants.
const (
	cadenceRaise    = 0.075 // aim 7.5 % above the current cadence...
	cadenceMaxRaise = 0.10  // ...never more than 10 %...
	cadenceMinRaise = 0.05  // ...and at least 5 %, where the benefit starts.
	minCadenceStep  = 2     // steps per minute per week
)

// planCadence sets the target to the current cadence + 7.5 % (rounded, kept
// within +5 % .. +10 %) and reaches it in equal weekly steps of at least 2
// and at most max(3, 2.5 % of current) steps per minute, starting in week 1
// and holding the target once reached. If the block is too short for the
// largest step, the last week ends below target and says so.
func planCadence(current, weeks int) CadencePlan {
	lo := int(math.Ceil(float64(current) * (1 + cadenceMinRaise)))
	hi := int(math.Floor(float64(current) * (1 + cadenceMaxRaise)))
	target := min(hi, max(lo, int(math.Round(float64(current)*(1+cadenceRaise)))))
	maxStep := max(3, int(math.Round(float64(current)*0.025)))
	gap := target - current
	step := min(maxStep, max(minCadenceStep, (gap+weeks-1)/weeks))

	weekly := make([]int, weeks)
	for i := range weekly {
		weekly[i] = min(target, current+step*(i+1))
	}
	rule := fmt.Sprintf("Target %d spm: %d + 7.5 %% (kept between +5 %% and +10 %%). Raise the metronome by up to %d spm a week from week 1, then hold.",
		target, current, step)
	if weekly[weeks-1] < target {
		rule += fmt.Sprintf(" The block ends at %d spm; keep stepping up by %d a week after it.", weekly[weeks-1], step)
	}
	return CadencePlan{
		Current: current,
		Target:  target,
		Step:    step,
		Weekly:  weekly,
		Rule:    rule,
		Cues: []string{
			"Set a metronome app to this week's number on easy and recovery runs; fast runs raise cadence on their own.",
			"Shorter, quicker steps: the foot lands under the body, not out in front with a straight knee.",
			"Lean slightly forward from the ankles, not the waist.",
			"Land softly on the midfoot with the knee a little bent; no hard heel strike.",
		},
	}
}

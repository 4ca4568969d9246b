package planner

import (
	"fmt"
	"math"
	"slices"
)

// PhaseOne is how long phase 1 (stability and control) lasts for one
// level of experience: Num/Den of the block, rounded, kept between Min and
// Max weeks. Newer lifters need longer to learn to control the knee before
// load goes up. The phases guide states the same ranges.
type PhaseOne struct {
	Num, Den int
	Min, Max int
}

// PhaseOneRules are the phase 1 lengths by experience (rule 5).
var PhaseOneRules = map[Experience]PhaseOne{
	New:         {Num: 1, Den: 2, Min: 4, Max: 6},
	Some:        {Num: 3, Den: 8, Min: 2, Max: 4},
	Experienced: {Num: 1, Den: 4, Min: 2, Max: 3},
}

// MinStrengthWeeks is the shortest phase 2: a first loaded week and one
// week of progress. In short blocks phase 1 gives way to it.
const MinStrengthWeeks = 2

// stabilityWeeks returns the length of phase 1; the rest of the block is
// phase 2 (strength).
func stabilityWeeks(exp Experience, weeks int) int {
	r := PhaseOneRules[exp]
	n := min(r.Max, max(r.Min, roundDiv(weeks*r.Num, r.Den)))
	return min(n, weeks-MinStrengthWeeks)
}

// roundDiv is a/b rounded half up, for non-negative a and positive b.
func roundDiv(a, b int) int { return (2*a + b) / (2 * b) }

// TaperLongBlock is the block length from which the taper before a race
// takes two weeks instead of one.
const TaperLongBlock = 8

// taperWeeks lists the weeks of the taper: the race week and, in blocks of
// TaperLongBlock weeks or more, the week before it.
func taperWeeks(weeks int, race *GoalRace) []int {
	switch {
	case race == nil:
		return nil
	case weeks >= TaperLongBlock:
		return []int{weeks - 1, weeks}
	}
	return []int{weeks}
}

// deloadWeeks lists the easier weeks: in blocks of at least two
// intervals, every n-th week of each phase, counted from the phase's first
// week. So an easier week never opens a phase, and never comes after a
// single week of new work. Taper weeks are light already and are left out.
func deloadWeeks(weeks, every int, phases []Phase, taper []int) []int {
	if weeks < 2*every {
		return nil
	}
	var out []int
	for _, ph := range phases {
		for w := ph.FirstWeek + every - 1; w <= ph.LastWeek; w += every {
			if !slices.Contains(taper, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// Cadence rule constants (rule 8); the cadence guide states the same.
const (
	CadenceRaise    = 0.075 // aim 7.5 % above the current cadence...
	CadenceMaxRaise = 0.10  // ...never more than 10 %...
	CadenceMinRaise = 0.05  // ...and at least 5 %, where the benefit starts.
	MinCadenceStep  = 2     // steps per minute per week, at least...
	MaxCadenceStep  = 3     // ...and at most this, or MaxCadenceShare of
	MaxCadenceShare = 0.025 // the current cadence when that is more
)

// planCadence sets the target to the current cadence + 7.5 % (rounded, kept
// within +5 % .. +10 %) and reaches it in equal weekly steps of at least 2
// and at most max(3, 2.5 % of current) steps per minute, starting in week 1
// and holding the target once reached. If the block is too short for the
// largest step, the last week ends below target and says so.
func planCadence(current, weeks int) CadencePlan {
	lo := int(math.Ceil(float64(current) * (1 + CadenceMinRaise)))
	hi := int(math.Floor(float64(current) * (1 + CadenceMaxRaise)))
	target := min(hi, max(lo, int(math.Round(float64(current)*(1+CadenceRaise)))))
	maxStep := max(MaxCadenceStep, int(math.Round(float64(current)*MaxCadenceShare)))
	gap := target - current
	step := min(maxStep, max(MinCadenceStep, (gap+weeks-1)/weeks))

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
			"Do not force a midfoot or forefoot strike: a foot that lands under a bent knee finds a gentler strike by itself.",
		},
	}
}

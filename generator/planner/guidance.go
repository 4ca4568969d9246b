package planner

import (
	"fmt"
	"strconv"
	"strings"
)

// Guidance printed with the program. The planner owns these rules; the
// warm-up and safety guides state the same numbers, and a test holds the
// guides to them.

// Pain rule of thumb (pain-monitoring model, Silbernagel et al. 2007, with
// the stricter limit many physiotherapists use for runners' knees): pain
// during an exercise up to PainLimit out of 10 is acceptable if it has
// settled by the next morning.
const PainLimit = 3

// WarmupItem is one step of the warm-up before every session.
type WarmupItem struct {
	Text string
	URL  string // the exercise page it comes from, or ""
}

// Warm-up parts: general movement, leg swings, then activation drawn
// from the exercise library.
const (
	WarmupCardioMinutes = "3 to 5"
	WarmupSwings        = 10
	WarmupActivation    = 10
)

// warmup is the warm-up of a session: about eight minutes, ending with a
// lighter set of the first exercise in phase 2 so the first working set
// is not the first heavy one. Activation exercises come from the library
// when the site has them and the session does not already include them.
func warmup(phase string, first Prescription, library map[string]*Exercise, session []Prescription) []WarmupItem {
	// Short forms: the printout has one line for the warm-up, and the
	// warm-up guide explains each part.
	items := []WarmupItem{
		{Text: WarmupCardioMinutes + " min easy movement"},
		{Text: fmt.Sprintf("leg swings %d forward and back, %d sideways, each leg", WarmupSwings, WarmupSwings)},
	}
	for _, slug := range []string{"glute-bridge", "clamshell"} {
		e, ok := library[slug]
		if !ok || inSession(session, slug) {
			continue
		}
		reps := strconv.Itoa(WarmupActivation)
		if perSide(e) {
			reps += " per side"
		}
		items = append(items, WarmupItem{Text: strings.ToLower(e.Title[:1]) + e.Title[1:] + " × " + reps, URL: e.URL})
	}
	if phase == Strength && first.Implement != "" {
		items = append(items, WarmupItem{Text: strings.ToLower(first.Title[:1]) + first.Title[1:] + ": one set of 5 with about half the working load", URL: first.URL})
	}
	return items
}

func perSide(e *Exercise) bool {
	for _, s := range e.Reps {
		return s.PerSide
	}
	return false
}

func inSession(session []Prescription, slug string) bool {
	for _, p := range session {
		if p.Slug == slug {
			return true
		}
	}
	return false
}

// WhatIf is one situation an athlete meets during a block, with the rule.
type WhatIf struct {
	When, Do string
}

// WhatIfs are the rules printed on every week: consistent with the safety
// guide, the progression guide and rule 9.
func WhatIfs() []WhatIf {
	return []WhatIf{
		{"Sore or in pain", fmt.Sprintf("Soreness for a day or two is normal. Pain up to %d of 10 during an exercise is fine if it has settled by the next morning. Sharp pain, swelling, the knee giving way, or pain worse the next morning: stop that exercise, use its easier variation next time, and see a physiotherapist if it keeps coming back.", PainLimit)},
		{"Missed a session", "Do the next one as written; never two in one day. Missed a whole week: repeat the last week you completed."},
		{"Unwell", "No strength work with a fever or a chest infection. Afterwards, restart with one set fewer for a week."},
		{"Race coming", fmt.Sprintf("No strength in the %s days before a race; the week before, one set fewer at the same load.", countWord(RaceFreeDays))},
	}
}

// PainScale is the rule of thumb printed beside each session's pain score.
func PainScale() string {
	return fmt.Sprintf("0–%d, gone by morning: fine; more: see What if", PainLimit)
}

package planner

import (
	"errors"
	"fmt"
	"strings"

	"github.com/stance-ssg/stance/generator/diag"
)

// ErrImpossibleWeek is what a plan error stands for (errors.Is) when no
// weekly layout of strength sessions satisfies rules 1 to 4.
var ErrImpossibleWeek = errors.New("no week satisfies the rules")

// ErrNoExercise is what a plan error stands for when the athlete's
// equipment leaves a required focus without an exercise (rule 7).
var ErrNoExercise = errors.New("no exercise fits the equipment")

// Rule names as printed in errors and explanations.
const (
	ruleRestDay     = "a full rest day each week"
	ruleConsecutive = "no strength on consecutive days"
	ruleDayBefore   = "no heavy session the day before a demanding run"
	ruleRunFirst    = "on a day with a demanding run, the run first and strength six hours later"
	ruleFoci        = "single-leg and glute-med work every session"
)

// planRule is a rule that made planning fail.
type planRule struct {
	number int
	name   string
	err    error // ErrImpossibleWeek or ErrNoExercise
}

// planError says which rule made planning fail, at the profile field to
// change (key, such as "runs", "thursday"), and what to change: printed as
// "file:line: key: rule N (name): problem; fix".
func planError(p *Profile, key []string, r planRule, problem, fix string) *diag.Error {
	return &diag.Error{
		File: p.File, Line: p.line(key...), Key: strings.Join(key, "."),
		Msg: fmt.Sprintf("rule %d (%s): %s; %s", r.number, r.name, problem, fix),
		Err: r.err,
	}
}

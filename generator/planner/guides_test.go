package planner_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	. "github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
	"github.com/stance-ssg/stance/generator/training"
)

// The planner is the source of every rule and number that the guides and
// the README also state. These tests read the repository's guides and
// fail when one of them says something else, so the two cannot drift: a
// change to a rule means changing the planner, its guide and this table.

const repo = "../../"

type guideFact struct {
	file, name string
	pattern    string // a regular expression the file must match
}

func guideFacts() []guideFact {
	st, sg := training.PhaseReps[Stability], training.PhaseReps[Strength]
	q := regexp.QuoteMeta
	phaseRow := func(label string, exp Experience) string {
		r := PhaseOneRules[exp]
		return fmt.Sprintf(`\| %s \| (About )?%d to %d weeks`, label, r.Min, r.Max)
	}
	facts := []guideFact{
		// Phases (rule 5).
		{"content/routine/phases.md", "phase 1 reps", fmt.Sprintf(`\| Reps \| %d to %d per set`, st.Min, st.Max)},
		{"content/routine/phases.md", "phase 2 reps", fmt.Sprintf(`\| Reps \| %d to %d per set`, sg.Min, sg.Max)},
		{"content/routine/phases.md", "phase 1 for new lifters", phaseRow("New to strength training", New)},
		{"content/routine/phases.md", "phase 1 with some experience", phaseRow("Some gym experience", Some)},
		{"content/routine/phases.md", "phase 1 for experienced lifters", phaseRow("Experienced lifter new to single-leg work", Experienced)},
		{"content/routine/phases.md", "phase 2 keeps two weeks", fmt.Sprintf(`phase 2 keeps at least %s weeks`, numberWord(MinStrengthWeeks))},

		// Progression (rule 6).
		{"content/routine/progression.md", "phase 1 rep step", fmt.Sprintf(`add %s reps (to each set )?(a|each) week`, numberWord(RepStep))},
		{"content/routine/progression.md", "phase 2 starts at the top", fmt.Sprintf(`lift %d times with %s reps in reserve`, sg.Max, numberWord(2))},
		{"content/routine/progression.md", "load up, reps down", fmt.Sprintf(`back to %d reps`, sg.Min)},
		{"content/routine/progression.md", "ladder order", `harder variation[^.]*one more set[^.]*slower lowering[^.]*pause`},
		{"content/routine/progression.md", "dumbbell step", `\| Dumbbells \| ` + q(LoadStep("dumbbells", "kg")) + ` \(` + q(LoadStep("dumbbells", "lb")) + `\)`},
		{"content/routine/progression.md", "backpack step", `\| Loaded backpack \| ` + q(LoadStep("backpack", "kg")) + ` \(` + q(LoadStep("backpack", "lb")) + `\)`},
		{"content/routine/progression.md", "deload interval", fmt.Sprintf(`every %s week of each phase`, ordinalWord(DefaultDeloadEvery))},

		// The coaches' page repeats the planner's settings.
		{"content/routine/personal-programs.md", "phase 1 for new", `\| new \| ` + q(PhaseOneText(New)) + ` \|`},
		{"content/routine/personal-programs.md", "phase 1 for some", `\| some \| ` + q(PhaseOneText(Some)) + ` \|`},
		{"content/routine/personal-programs.md", "phase 1 for experienced", `\| experienced \| ` + q(PhaseOneText(Experienced)) + ` \|`},
		{"content/routine/personal-programs.md", "deload_every", fmt.Sprintf(`deload_every = %d +# %d to %d`, DefaultDeloadEvery, MinDeloadEvery, MaxDeloadEvery)},
		{"content/routine/personal-programs.md", "latest session", `by ` + fmt.Sprintf("%02d:00", LatestSession/60)},
		{"content/routine/personal-programs.md", "race-free days", fmt.Sprintf(`no strength in the %s days before`, numberWord(RaceFreeDays))},
		{"content/routine/personal-programs.md", "taper length", fmt.Sprintf(`blocks of %d weeks or more`, TaperLongBlock)},
		{"content/routine/personal-programs.md", "cadence target", fmt.Sprintf(`plus %s %%`, q(fmt.Sprint(CadenceRaise*100)))},

		// Placing sessions (rules 2, 3 and 9).
		{"content/routine/weekly-plan.md", "six hours", `at least six hours`},
		{"content/routine/weekly-plan.md", "run first", `run first`},
		{"content/routine/weekly-plan.md", "race-free days", fmt.Sprintf(`no strength in the %s days before`, numberWord(RaceFreeDays))},

		// Cadence (rule 8).
		{"content/running-form/cadence.md", "target", fmt.Sprintf(`%s %%`, q(fmt.Sprint(CadenceRaise*100)))},
		{"content/running-form/cadence.md", "band", fmt.Sprintf(`%d and %d %%`, int(CadenceMinRaise*100), int(CadenceMaxRaise*100))},
		{"content/running-form/cadence.md", "weekly steps", fmt.Sprintf(`%s or %s steps per minute a week`, numberWord(MinCadenceStep), numberWord(MaxCadenceStep))},

		// Warm-up and pain rules printed on every session.
		{"content/routine/warm-up.md", "cardio", q(WarmupCardioMinutes) + ` minutes`},
		{"content/routine/warm-up.md", "leg swings", fmt.Sprintf(`%d forward and back`, WarmupSwings)},
		{"content/routine/warm-up.md", "activation", fmt.Sprintf(`%d (easy )?reps`, WarmupActivation)},
		{"content/routine/warm-up.md", "ramp-up set", `one set of 5 with about half the working load`},
		{"content/safety.md", "pain limit", fmt.Sprintf(`%d (out )?of 10`, PainLimit)},

		// The README documents the rules.
		{"README.md", "README phase 1", q(PhaseOneText(New))},
		{"README.md", "README deload", fmt.Sprintf(`deload_every = %d +# %d to %d`, DefaultDeloadEvery, MinDeloadEvery, MaxDeloadEvery)},
		{"README.md", "README cadence", fmt.Sprintf(`current cadence \+ %s %%`, q(fmt.Sprint(CadenceRaise*100)))},
		{"README.md", "README race-free days", fmt.Sprintf(`no strength in the %s days before`, numberWord(RaceFreeDays))},
	}
	for _, word := range training.Equipment {
		facts = append(facts, guideFact{"content/routine/personal-programs.md", "equipment word " + word, "`" + word + "`"})
	}
	return facts
}

func numberWord(n int) string {
	return map[int]string{2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}[n]
}

func ordinalWord(n int) string {
	return map[int]string{3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}[n]
}

func TestGuidesAgreeWithPlanner(t *testing.T) {
	texts := map[string]string{}
	for _, f := range guideFacts() {
		text, ok := texts[f.file]
		if !ok {
			src, err := os.ReadFile(repo + f.file)
			if err != nil {
				t.Fatal(err)
			}
			// Line breaks inside a paragraph are spaces to the reader.
			text = strings.Join(strings.Fields(string(src)), " ")
			texts[f.file] = text
		}
		if !regexp.MustCompile("(?i)" + f.pattern).MatchString(text) {
			t.Errorf("%s no longer states the planner's %s (pattern %q): change the guide or the planner, not one alone", f.file, f.name, f.pattern)
		}
	}
}

// TestSampleWeeksArePlanned plans the sample weeks of the weekly-plan
// guide and checks that the planner puts strength where the guide does.
func TestSampleWeeksArePlanned(t *testing.T) {
	src, err := os.ReadFile(repo + "content/routine/weekly-plan.md")
	if err != nil {
		t.Fatal(err)
	}
	weeks := sampleWeeks(string(src))
	if len(weeks) < 2 {
		t.Fatalf("found %d sample weeks in weekly-plan.md, want at least 2", len(weeks))
	}
	for _, w := range weeks {
		t.Run(w.title, func(t *testing.T) {
			var runs strings.Builder
			runs.WriteString("[runs]\n")
			runDays := 0
			for i, run := range w.runs {
				fmt.Fprintf(&runs, "%s = %q\n", strings.ToLower(time.Weekday((i+1)%7).String()), run)
				if run != "rest" {
					runDays++
				}
			}
			if m := regexp.MustCompile(`(\w+) runs`).FindStringSubmatch(w.title); m != nil {
				if want := map[string]int{"three": 3, "four": 4, "five": 5, "six": 6}[m[1]]; want != runDays {
					t.Errorf("%q shows %d runs", w.title, runDays)
				}
			}
			prog := plannertest.Program(t, "sample.toml", "athlete = \"Sample\"\nstart = 2027-01-04\nweeks = 8\nexperience = \"new\"\ncadence = 164\n"+runs.String())
			var got []string
			for _, d := range prog.Weeks[0].Days {
				if d.Strength != nil {
					got = append(got, d.Date.Weekday().String())
				}
			}
			if strings.Join(got, " ") != strings.Join(w.strength, " ") {
				t.Errorf("the planner puts strength on %v, the guide on %v", got, w.strength)
			}
		})
	}
}

type sampleWeek struct {
	title    string
	runs     [7]string // Monday first, planner run types
	strength []string  // weekdays with a session
}

// sampleWeeks reads the "## Sample week: ..." tables: Day | Running |
// Strength | Notes, one row per day, Monday first.
func sampleWeeks(md string) []sampleWeek {
	var out []sampleWeek
	var cur *sampleWeek
	row := 0
	for _, line := range strings.Split(md, "\n") {
		if title, ok := strings.CutPrefix(line, "## Sample week: "); ok {
			out = append(out, sampleWeek{title: title})
			cur, row = &out[len(out)-1], 0
			continue
		}
		if strings.HasPrefix(line, "## ") {
			cur = nil
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if cur == nil || len(cells) != 4 || cells[0] == "Day" || strings.HasPrefix(cells[0], "---") || row >= 7 {
			continue
		}
		cur.runs[row] = runType(cells[1])
		if !strings.HasPrefix(cells[2], "None") {
			cur.strength = append(cur.strength, cells[0])
		}
		row++
	}
	return out
}

// runType reads the Running cell of a sample week.
func runType(cell string) string {
	c := strings.ToLower(cell)
	for _, t := range []string{"intervals", "tempo", "hills", "long", "recovery", "easy"} {
		if strings.HasPrefix(c, t) {
			return t
		}
	}
	return "rest"
}

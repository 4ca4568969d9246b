package planner

import (
	"time"

	"github.com/stance-ssg/stance/generator/training"
)

// Phase names, used as keys of Exercise.Phases and Exercise.Reps.
const (
	Stability = training.Stability
	Strength  = training.Strength
)

// Program is a planned strength block: everything the printable page and the
// calendar file show. All text is plain (unescaped); renderers escape it.
type Program struct {
	Athlete         string
	Slug            string
	File            string // the profile's file name
	Paper           string // "A4" or "Letter"
	Units           string // "kg" or "lb"
	Experience      Experience
	Start           time.Time // first day
	End             time.Time // last day (inclusive)
	SessionsPerWeek int
	Equipment       []string
	Owned           map[string][]Load // the profile's [loads], by implement
	Race            *GoalRace         // nil without a race

	Phases      []Phase
	DeloadEvery int   // the interval the profile asked for
	DeloadWeeks []int // week numbers of easier weeks
	TaperWeeks  []int // week numbers of the taper before the race
	Weeks       []Week

	Cadence CadencePlan

	// Explanations are the program-wide choices, one line each. Day-level
	// choices are in Day.Note.
	Explanations []string
}

// Phase is a run of weeks with one training goal.
type Phase struct {
	Number    int    // 1 or 2
	Name      string // Stability or Strength (the phase key)
	Title     string // "Stability and control"
	FirstWeek int
	LastWeek  int
	Goal      string // one line: load and rep range
}

// Week is seven days from Start + 7*(Number-1).
type Week struct {
	Number   int
	Phase    string // Stability or Strength
	Deload   bool   // an easier week
	Taper    bool   // a week of the taper before the race
	Cadence  int    // metronome setting for easy runs, steps per minute
	Days     [7]Day
	Sessions []*Session // the week's strength sessions in day order
}

// Day is one date of the program.
type Day struct {
	Date     time.Time
	Run      Run      // the race itself on race day
	Strength *Session // nil on days without strength
	Note     string   // why the day has (or has no) strength session
	Race     string   // on race day: the race's name, or "Race"
}

// Session is one strength session.
type Session struct {
	Number    int       // 1-based within the week
	Week      int       // week number
	Date      time.Time // the day
	Time      Clock     // unset when neither the coach nor a run time set one
	Timing    string    // e.g. "at 18:00, six hours after the tempo run at 06:30"
	Heavy     bool      // strength-phase session (rule 3 applies)
	AfterRun  bool      // shares the day with a demanding run, which comes first
	Warmup    []WarmupItem
	Exercises []Prescription
}

// Prescription is one exercise of one session with this week's dose.
type Prescription struct {
	Slug     string
	Title    string
	URL      string
	Focus    []string
	Sets     int
	RepCount int    // reps per set (per side when PerSide)
	PerSide  bool   // reps count for each side
	Reps     string // e.g. "14 per side"
	Load     string // what to lift this week: "8 kg dumbbells", "bodyweight"
	Tempo    string // "3 s lowering, 2 s pause" (at the hardest point), or ""
	Cue      string // the exercise's first cue, if any

	// Implement loads the exercise ("" for bodyweight). LoadRank is its
	// load: the index in the athlete's owned list, or the steps above the
	// weight found in the calibration week; -1 for bodyweight. Weight is
	// the named weight when the athlete listed what they own.
	Implement string
	LoadRank  int
	Weight    float64
	Calibrate bool // this week the athlete finds the weight and writes it down

	TempoSeconds, PauseSeconds int
	Step                       int    // progression steps taken in this phase
	Change                     string // what changed since last week
}

// CadencePlan moves the easy-run cadence toward a target in weekly steps.
type CadencePlan struct {
	Current int
	Target  int
	Step    int      // largest weekly increase, steps per minute
	Weekly  []int    // metronome setting per week, index 0 = week 1
	Rule    string   // how target and steps were chosen
	Cues    []string // running-form cues
}

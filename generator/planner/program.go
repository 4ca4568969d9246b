package planner

import "time"

// Phase names, used as keys of Exercise.Phases and Exercise.Reps.
const (
	Stability = "stability"
	Strength  = "strength"
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

	Phases      []Phase
	DeloadWeeks []int // week numbers, empty for blocks under 8 weeks
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
	Deload   bool
	Cadence  int // metronome setting for easy runs, steps per minute
	Days     [7]Day
	Sessions []*Session // the week's strength sessions in day order
}

// Day is one date of the program.
type Day struct {
	Date     time.Time
	Run      Run
	Strength *Session // nil on days without strength
	Note     string   // why the day has (or has no) strength session
}

// Session is one strength session.
type Session struct {
	Number    int       // 1-based within the week
	Week      int       // week number
	Date      time.Time // the day
	Time      string    // "HH:MM", or empty when the coach gave no time
	Timing    string    // e.g. "morning, run in the evening"
	Heavy     bool      // strength-phase session (rule 3 applies)
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
	Load     string // load guidance for this week
	Cue      string // the exercise's first cue, if any
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

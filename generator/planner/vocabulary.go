package planner

// The words and limits of a profile: what a coach may write, and what the
// planner makes of it.

// Limits of a profile, checked by ParseProfile.
const (
	MinWeeks   = 4
	MaxWeeks   = 52
	MinCadence = 120
	MaxCadence = 220

	// Deloads: every DefaultDeloadEvery-th week is easier unless the
	// profile sets deload_every, from MinDeloadEvery to MaxDeloadEvery.
	// Strength athletes report a lighter week every 5 to 6 weeks, running
	// plans step back every 3rd or 4th (see the progression guide).
	DefaultDeloadEvery = 4
	MinDeloadEvery     = 3
	MaxDeloadEvery     = 6

	// Strength sessions a week (rule 1).
	MinSessions     = 1
	MaxSessions     = 3
	DefaultSessions = 2

	maxOwnedLoads = 30 // entries in one [loads] list
)

// Experience with strength training; it sets the length of phase 1.
type Experience string

// The experience levels a profile may name.
const (
	New         Experience = "new"
	Some        Experience = "some"
	Experienced Experience = "experienced"
)

// RunType is the kind of run on one day of the usual running week.
type RunType string

// The run types a profile may name.
const (
	Rest      RunType = "rest"
	Easy      RunType = "easy"
	Recovery  RunType = "recovery"
	Tempo     RunType = "tempo"
	Intervals RunType = "intervals"
	Hills     RunType = "hills"
	Long      RunType = "long"
	Race      RunType = "race"
)

var runTypes = []RunType{Rest, Easy, Recovery, Tempo, Intervals, Hills, Long, Race}

// RunTypes lists the run types a profile may name, rest first, for forms
// that offer them (the program builder).
func RunTypes() []RunType { return append([]RunType(nil), runTypes...) }

// Demanding reports whether the run loads the legs hard enough that a heavy
// strength session must not come the day before it (rule 3).
func (t RunType) Demanding() bool {
	switch t {
	case Tempo, Intervals, Hills, Long, Race:
		return true
	}
	return false
}

// IsRun reports whether the day has a run at all.
func (t RunType) IsRun() bool { return t != Rest && t != "" }

// Run is the run on one weekday.
type Run struct {
	Type RunType
	Time Clock // unset when the profile gives no time
}

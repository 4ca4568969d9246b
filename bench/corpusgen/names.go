package corpusgen

import (
	"strconv"
	"strings"
	"time"

	"github.com/stance-ssg/stance/generator/training"
)

// Names, slugs and dates depend only on a page's kind and number, never on
// the seed, so a page's file and URL are known without generating it.

// movement is one exercise family: its muscles, what it needs and what it
// trains. Variations of a movement are easier or harder than each other.
type movement struct {
	name      string
	muscles   []string
	equipment []string
	focus     []string
	perSide   bool
}

var movements = []movement{
	{"split squat", []string{"quadriceps", "gluteus maximus"}, []string{"bodyweight"}, []string{"single-leg", "squat"}, true},
	{"step-down", []string{"quadriceps", "gluteus medius"}, []string{"step"}, []string{"single-leg", "squat"}, true},
	{"step-up", []string{"quadriceps", "gluteus maximus"}, []string{"step"}, []string{"single-leg", "squat"}, true},
	{"reverse lunge", []string{"quadriceps", "gluteus maximus", "adductors"}, []string{"bodyweight"}, []string{"single-leg", "squat"}, true},
	{"single-leg deadlift", []string{"hamstrings", "gluteus maximus"}, []string{"bodyweight"}, []string{"single-leg", "hinge"}, true},
	{"kickstand deadlift", []string{"hamstrings", "gluteus maximus"}, []string{"bodyweight"}, []string{"hinge"}, true},
	{"glute bridge", []string{"gluteus maximus", "hamstrings"}, []string{"mat"}, []string{"hinge"}, false},
	{"single-leg glute bridge", []string{"gluteus maximus", "hamstrings"}, []string{"mat"}, []string{"single-leg", "hinge"}, true},
	{"clamshell", []string{"gluteus medius", "gluteus minimus"}, []string{"mat"}, []string{"glute-med"}, true},
	{"side plank", []string{"obliques", "gluteus medius"}, []string{"mat"}, []string{"core", "glute-med"}, true},
	{"lateral band walk", []string{"gluteus medius", "gluteus minimus"}, []string{"band"}, []string{"glute-med"}, false},
	{"hip hike", []string{"gluteus medius"}, []string{"step"}, []string{"glute-med", "single-leg"}, true},
	{"hip airplane", []string{"gluteus medius", "gluteus maximus"}, []string{"wall"}, []string{"glute-med", "single-leg"}, true},
	{"calf raise", []string{"gastrocnemius", "soleus"}, []string{"step"}, []string{"calf"}, true},
	{"bent-knee calf raise", []string{"soleus"}, []string{"step"}, []string{"calf"}, true},
	{"wall sit", []string{"quadriceps"}, []string{"wall"}, []string{"squat"}, false},
	{"Bulgarian split squat", []string{"quadriceps", "gluteus maximus", "adductors"}, []string{"bench"}, []string{"single-leg", "squat"}, true},
	{"Copenhagen plank", []string{"adductors", "obliques"}, []string{"bench"}, []string{"core"}, true},
	{"dead bug", []string{"obliques", "erector spinae"}, []string{"mat"}, []string{"core"}, false},
	{"bird dog", []string{"erector spinae", "gluteus maximus"}, []string{"mat"}, []string{"core"}, true},
	{"goblet squat", []string{"quadriceps", "gluteus maximus"}, []string{"bodyweight"}, []string{"squat"}, false},
	{"lateral lunge", []string{"adductors", "quadriceps"}, []string{"bodyweight"}, []string{"single-leg", "squat"}, true},
	{"hip thrust", []string{"gluteus maximus"}, []string{"bench"}, []string{"hinge"}, false},
	{"tibialis raise", []string{"tibialis anterior"}, []string{"wall"}, []string{"calf"}, false},
}

// modifier makes a variation of a movement: easiest first, so a
// variation's easier neighbour is the one before it.
type modifier struct {
	prefix string
	adds   string // equipment the variation needs besides the movement's
	load   []string
}

var modifiers = []modifier{
	{"", "", nil},
	{"tempo", "", nil},
	{"paused", "", nil},
	{"banded", "band", []string{"band"}},
	{"backpack", "backpack", []string{"backpack"}},
	{"kettlebell", "kettlebell", []string{"kettlebell"}},
	{"dumbbell", "dumbbells", []string{"dumbbells"}},
	{"offset dumbbell", "dumbbells", []string{"dumbbells", "kettlebell"}},
	{"elevated", "step", []string{"dumbbells", "backpack"}},
	{"deficit", "step", []string{"dumbbells", "kettlebell", "band"}},
}

var variations = len(movements) * len(modifiers)

// exercise n is a variation of movement n/len(modifiers) of its round:
// the first len(movements)*len(modifiers) exercises have plain names, the
// next round the same names with " 2", and so on.
func exerciseParts(n int) (movement, modifier, int) {
	within := n % variations
	return movements[within/len(modifiers)], modifiers[within%len(modifiers)], n / variations
}

func exerciseTitle(n int) string {
	m, mod, round := exerciseParts(n)
	t := m.name
	if mod.prefix != "" {
		t = mod.prefix + " " + t
	}
	if round > 0 {
		t += " " + strconv.Itoa(round+1)
	}
	return capital(t)
}

func exerciseSlug(n int) string { return slugify(exerciseTitle(n)) }

// exerciseLevel grows along a movement's variations.
func exerciseLevel(n int) string {
	return training.LevelNames[n%len(modifiers)*len(training.LevelNames)/len(modifiers)]
}

// easierOf and harderOf are the neighbouring variations of the same
// movement, when the corpus has them (-1 otherwise).
func (c *Corpus) easierOf(n int) int {
	if n%len(modifiers) == 0 {
		return -1
	}
	return n - 1
}

func (c *Corpus) harderOf(n int) int {
	if n%len(modifiers) == len(modifiers)-1 || n+1 >= c.count(exercise) {
		return -1
	}
	return n + 1
}

// topic is a folder of guides.
type topic struct{ dir, title string }

var topics = []topic{
	{"strength", "Strength training"},
	{"running-form", "Running form"},
	{"recovery", "Recovery"},
	{"planning", "Planning a season"},
	{"injury-prevention", "Injury prevention"},
}

// guideSubjects are five per topic, in the order of topics: the guide of
// subject s is in topic s/5.
var guideSubjects = []string{
	"Single-leg strength", "Hip stability", "Calf strength", "Strength sessions", "Gluteus medius work",
	"Cadence", "Foot strike", "Overstriding", "Trail descents", "Hill repeats",
	"Sleep and recovery", "Deload weeks", "Easy running", "Mobility", "Warm-ups",
	"Tempo runs", "Long runs", "Base building", "Race week", "Interval sessions",
	"Knee pain", "Returning from injury", "Core work", "Tendon load", "Training logs",
}

func guideTopic(n int) topic { return topics[n%len(guideSubjects)*len(topics)/len(guideSubjects)] }

var guideAngles = []string{
	" for beginners", " for masters runners", " in a marathon block", " on two sessions a week",
	" without a gym", " for trail runners", ": the basics", ": a coach's checklist",
	": common mistakes", ": how to progress", ": what the research says", " in winter",
	" for youth athletes", " at home", " with a club group",
}

func guideTitle(n int) string {
	t := guideSubjects[n%len(guideSubjects)] + guideAngles[n/len(guideSubjects)%len(guideAngles)]
	if round := n / (len(guideSubjects) * len(guideAngles)); round > 0 {
		t += ", part " + strconv.Itoa(round+1)
	}
	return t
}

func guideSlug(n int) string { return slugify(guideTitle(n)) }

var newsSubjects = []string{
	"Winter track sessions start", "Club championship results", "New strength class on Thursdays",
	"Volunteers needed for parkrun", "Annual general meeting", "Club kit order open",
	"Coaching course places", "Trail weekend away", "Summer relay league", "Junior section news",
	"Cross-country fixtures", "Beginners course graduates", "Route changes for the Sunday long run",
	"Awards night", "Track closed for resurfacing", "Physio drop-in sessions",
}

func newsTitle(n int) string {
	d := newsDate(n)
	return newsSubjects[n%len(newsSubjects)] + ", " + d.Format("January 2006")
}

func newsSlug(n int) string {
	return slugify(newsSubjects[n%len(newsSubjects)]) + "-" + strconv.Itoa(n)
}

// newsDate spreads posts over ten years, a few a week.
func newsDate(n int) time.Time {
	return time.Date(2016, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n*7919%3650)
}

var racePlaces = []string{
	"Riverside", "Harbour", "Moorland", "Castle", "Forest", "Lakeside", "Canal", "Hillfort",
	"Valley", "Coastal", "Abbey", "Heath",
}

var raceEvents = []string{
	"Half Marathon", "10K", "Marathon", "Trail 30K", "Cross-Country", "Fell Race", "5K", "Relays",
	"10 Mile", "Ultra 50K",
}

func raceTitle(n int) string {
	return racePlaces[n%len(racePlaces)] + " " + raceEvents[n/len(racePlaces)%len(raceEvents)] + " " + strconv.Itoa(raceDate(n).Year())
}

func raceSlug(n int) string { return slugify(raceTitle(n)) + "-" + strconv.Itoa(n) }

func raceDate(n int) time.Time {
	return time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n*6113%3900)
}

// raceBundle: one race report in four is a bundle with a course profile.
func raceBundle(n int) bool { return n%4 == 1 }

func guideDate(n int) time.Time {
	return time.Date(2018, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n*4099%2900)
}

func exerciseDate(n int) time.Time {
	return time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n*2557%2000)
}

var tagWords = strings.Fields(`strength form recovery planning injury mobility tempo long-run
	intervals hills trail track beginners masters coaching nutrition sleep footwear cadence
	stability balance glutes hips calves knees core warm-up drills racing base-building deload
	consistency technique youth club marathon half-marathon 5k cross-country`)

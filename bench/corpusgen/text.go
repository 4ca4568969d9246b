package corpusgen

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/stance-ssg/stance/generator/training"
)

// The filler text is generated from sentence patterns whose {slots} are
// filled from the word lists below: training prose, not lorem ipsum, so
// the Markdown has the word lengths, punctuation and inline markup of the
// guides a coach writes.

var slots = map[string][]string{
	"subject": {
		"the stance leg", "the working hip", "a tired runner", "the front knee", "your pelvis",
		"a club runner", "a new athlete", "the back foot", "the trunk", "the supporting ankle",
		"a runner returning from injury", "the gluteus medius", "the calf", "the lower back",
		"a masters runner", "the hamstring", "the landing leg", "the weaker side",
	},
	"predicate": {
		"should stay level", "drifts inward late in a long run", "absorbs most of the landing",
		"takes a few weeks to adapt", "works harder than it looks", "tends to rush the lowering",
		"needs a slower tempo", "gives way first when fatigue builds", "copes well with extra load",
		"settles after a short warm-up", "is easy to overlook", "benefits from single-leg work",
		"should feel challenged but never painful", "can do more than most runners expect",
	},
	"when": {
		"on every stride", "in the last kilometres of a race", "during hill repeats",
		"on tired legs", "when the surface is uneven", "in the first weeks of the block",
		"after a long run", "on the downhill sections", "at faster paces", "when cadence drops",
		"in the stability phase", "in the strength phase", "on a recovery day",
	},
	"bodypart": {
		"the knee", "the hip", "your ribcage", "the heel", "the pelvis", "the big toe", "each shoulder",
		"the back knee", "the front shin", "your chin", "the standing foot", "the spine",
	},
	"cue": {
		"over the second toe", "level", "stacked", "down and back", "soft", "quiet", "tall",
		"in line with the foot", "heavy on the floor", "still", "relaxed", "under control",
	},
	"action": {
		"lower into the squat", "step down from the box", "hinge forward", "drive up onto the step",
		"open the knee", "lift the hips", "rise onto the ball of the foot", "switch legs",
		"land from the hop", "push the floor away", "pause at the bottom", "return to standing",
	},
	"effort": {
		"easy", "steady", "comfortably hard", "conversational", "controlled", "relaxed", "hard but smooth",
	},
	"session": {
		"the tempo run", "the long run", "the interval session", "the hill session",
		"the easy run", "the strength session", "the track workout", "the recovery jog",
		"the fartlek", "the parkrun",
	},
	"day": {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
	"distance": {
		"5 km", "10 km", "half marathon", "marathon", "trail 30 km", "cross-country",
		"ultra", "mile", "parkrun", "10 mile",
	},
	"muscle": {
		"gluteus medius", "gluteus maximus", "hamstrings", "quadriceps", "calves", "soleus",
		"adductors", "hip flexors", "obliques", "tibialis anterior", "erector spinae",
	},
	"symptom": {
		"the knee aches the next morning", "pain rises above 3 out of 10", "the hip drops on one side",
		"the lowering becomes rushed", "you lose balance repeatedly", "the back arches",
		"the foot rolls in", "the last reps look different from the first",
		"the tendon feels stiff on the stairs", "sleep has been poor all week",
	},
	"advice": {
		"cut the volume by a third for a week", "go back to the easier variation",
		"slow the tempo and count the lowering", "swap the session for an easy run",
		"keep a short log of what you did", "ask a physiotherapist to look at it",
		"reduce the range until the form is clean", "add a rest day before the long run",
		"film a set from the front", "hold the top position for two seconds",
	},
	"habit": {
		"skip the warm-up when time is short", "add load before the form is ready",
		"run every easy day too fast", "do strength work the day before intervals",
		"stop strength training once racing starts", "rush the last set",
		"stretch instead of strengthening", "increase mileage and hills in the same week",
	},
	"consequence": {
		"leaves the hips doing less than they could", "makes the hard days less productive",
		"shows up as knee pain a few weeks later", "hides a weak side", "slows the adaptation",
		"puts the tendon under more stress than it is ready for", "costs more than it saves",
	},
	"purpose": {
		"a quieter landing", "a level pelvis", "stronger push-off", "better control on descents",
		"less knee pain", "a more stable single-leg stance", "a faster finish", "resilient tendons",
	},
	"exercise": {
		"the split squat", "the step-down", "the clamshell", "the single-leg deadlift", "the glute bridge",
		"the calf raise", "the side plank", "the lateral band walk", "the step-up", "the reverse lunge",
		"the hip hike", "the Copenhagen plank", "the wall sit", "the Bulgarian split squat",
	},
	"how": {
		"one variable at a time", "by adding a second of pause", "by adding a light band",
		"by adding two kilograms", "by moving to a higher step", "by adding one set",
		"by slowing the lowering", "from two-leg to one-leg work",
	},
	"condition": {
		"all sets feel easy", "the form holds on the last rep", "the next morning is pain-free",
		"you can do 20 clean reps", "both sides match", "two sessions in a row felt solid",
	},
	"weeks":    {"two", "three", "four", "six", "eight", "ten", "twelve"},
	"place":    {"the canal path", "the track", "the park loop", "the forest trail", "the hill by the school", "the seafront", "the club house", "the river path"},
	"weather":  {"a cold headwind", "steady rain", "warm sunshine", "thick fog", "gusty crosswinds", "a light drizzle", "frost on the grass"},
	"feeling":  {"strong", "flat", "surprisingly fresh", "heavy-legged", "patient", "nervous", "relaxed", "determined"},
	"pacenote": {"went out too fast", "held back for the first half", "settled into goal pace", "tucked in behind a group", "pushed the downhills", "eased off on the climb"},
	"name":     {"Sam", "Jordan", "Alex", "Priya", "Tom", "Ines", "Kofi", "Maria", "Lena", "Chris", "Aisha", "Ben", "Nora", "Luis", "Mei", "Owen"},
}

// patterns are the sentences the text is made of; each {slot} is replaced
// by a random entry of its list, {n} by a small number, {sets} and {reps}
// by a prescription.
var patterns = []string{
	"{Subject} {predicate} {when}.",
	"Keep {bodypart} {cue} as you {action}.",
	"In the {phase} phase, aim for {sets} sets of {reps} reps, resting about {n}0 seconds between sets.",
	"If {symptom}, {advice}.",
	"A common habit is to {habit}, which {consequence}.",
	"{Exercise} trains the {muscle} for {purpose}.",
	"Progress {how} once {condition}.",
	"Across a whole {distance}, that is thousands of landings on each leg.",
	"{Session} on {day} should feel {effort}, not heroic.",
	"After {weeks} weeks of regular work, {subject} {predicate}.",
	"Count two seconds down and one second up, and stop the set when {symptom}.",
	"Two strength sessions a week, away from {session}, are enough for most runners.",
	"{Subject} {predicate}, so {advice}.",
	"When {symptom}, it usually means {subject} {predicate}.",
	"Run {session} at a pace where you could still talk, and keep {bodypart} {cue}.",
	"{Exercise} is a good choice {when}, because it asks the {muscle} to work while {bodypart} stays {cue}.",
	"Write down the load, the sets and how {day} felt; the log shows progress long before a race result does.",
	"Pain up to 3 out of 10 is acceptable {when} if it has settled by the next morning.",
	"{Name} {pacenote} and felt {feeling} {when}.",
	"The group met at {place} in {weather} and kept {session} {effort} from start to finish.",
	"Do not {habit}: it {consequence}.",
	"{Name} says {subject} {predicate} {when}.",
	"For {purpose}, pair {exercise} with {session} on {day}.",
	"Plan {weeks} weeks of {phase} work before adding {distance} pace.",
	"If {subject} {predicate}, {advice} and try again next week.",
}

// compiled patterns: literal text and slot names alternate.
type part struct {
	text  string
	slot  string
	upper bool
}

var compiled = func() [][]part {
	out := make([][]part, len(patterns))
	for i, p := range patterns {
		for p != "" {
			open := strings.IndexByte(p, '{')
			if open < 0 {
				out[i] = append(out[i], part{text: p})
				break
			}
			if open > 0 {
				out[i] = append(out[i], part{text: p[:open]})
			}
			end := strings.IndexByte(p[open:], '}') + open
			name := p[open+1 : end]
			upper := name[0] >= 'A' && name[0] <= 'Z'
			out[i] = append(out[i], part{slot: strings.ToLower(name[:1]) + name[1:], upper: upper})
			p = p[end+1:]
		}
	}
	return out
}()

// writer builds one page: the random source of that page and its text.
type writer struct {
	r *rand.Rand
	b strings.Builder
}

func (w *writer) pick(list []string) string { return list[w.r.IntN(len(list))] }

func (w *writer) intn(n int) int { return w.r.IntN(n) }

// between returns a number from lo to hi inclusive.
func (w *writer) between(lo, hi int) int { return lo + w.r.IntN(hi-lo+1) }

func (w *writer) chance(percent int) bool { return w.r.IntN(100) < percent }

func (w *writer) str(s ...string) {
	for _, x := range s {
		w.b.WriteString(x)
	}
}

func (w *writer) num(n int) { w.b.WriteString(strconv.Itoa(n)) }

// sentence writes one sentence; now and then a phrase is emphasised.
func (w *writer) sentence() {
	parts := compiled[w.intn(len(compiled))]
	mark := ""
	switch w.intn(12) {
	case 0:
		mark = "*"
	case 1:
		mark = "**"
	}
	w.fill(parts, mark)
}

// fill writes the parts of one sentence, its slots filled; a mark other
// than "" emphasises the first filled slot longer than three letters that
// does not start the sentence.
func (w *writer) fill(parts []part, mark string) {
	marked := false
	for _, p := range parts {
		if p.slot == "" {
			w.b.WriteString(p.text)
			continue
		}
		v := w.slot(p.slot)
		if p.upper {
			v = capital(v)
		}
		if mark != "" && !marked && !p.upper && len(v) > 3 {
			w.str(mark, v, mark)
			marked = true
			continue
		}
		w.b.WriteString(v)
	}
}

func (w *writer) slot(name string) string {
	switch name {
	case "n":
		return strconv.Itoa(w.between(3, 9))
	case "sets":
		return strconv.Itoa(w.between(2, 4))
	case "reps":
		if w.chance(50) {
			return strconv.Itoa(w.between(6, 8)) + " to " + strconv.Itoa(w.between(9, 10))
		}
		return strconv.Itoa(w.between(12, 14)) + " to " + strconv.Itoa(w.between(15, 20))
	case "phase":
		return w.pick(training.Phases)
	}
	return w.pick(slots[name])
}

// paragraph writes n sentences and a blank line.
func (w *writer) paragraph(n int) {
	for i := 0; i < n; i++ {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		w.sentence()
	}
	w.b.WriteString("\n\n")
}

// paragraphLink writes a paragraph with a link to another page among its
// sentences.
func (w *writer) paragraphLink(n int, text, href string) {
	at := w.intn(n)
	for i := 0; i < n; i++ {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		if i == at {
			w.str("See [", text, "](", href, ") ", w.pick(linkTails))
			continue
		}
		w.sentence()
	}
	w.b.WriteString("\n\n")
}

var linkTails = []string{
	"for the details.", "before you start.", "for the progression.", "for the why behind it.",
	"if this is new to you.", "for a version that needs no equipment.",
}

func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// slugify makes a URL segment of a title of plain ASCII words.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

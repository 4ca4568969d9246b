package corpusgen

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stance-ssg/stance/generator/training"
)

// writer returns the writer of page i: its own random stream of the
// corpus seed, so a page is the same whichever pages come before it.
// Negative streams are for a page's other files (its image).
func (c *Corpus) writer(i int) *writer {
	return &writer{r: rand.New(rand.NewPCG(c.opts.Seed, uint64(int64(i))+0x5eed))}
}

// sectionFiles are the home page and the list pages of every section.
func (c *Corpus) sectionFiles() []File {
	var files []File
	add := func(file, title string, weight int, body func(w *writer, file string)) {
		w := c.writer(-1_000_000 - len(files))
		w.str("+++\ntitle = ", strconv.Quote(title), "\n")
		if weight > 0 {
			w.str("weight = ")
			w.num(weight)
			w.str("\n")
		}
		w.str("+++\n")
		body(w, file)
		files = append(files, File{"content/" + file, []byte(w.b.String())})
	}
	add("_index.md", "Stronger running club", 0, func(w *writer, file string) {
		w.paragraph(3)
		w.str("Start with the [guides](guides/_index.md), pick exercises from the [exercise library](exercises/_index.md), and read the latest [club news](news/_index.md) and [race reports](races/_index.md).\n\n")
		w.paragraph(2)
	})
	add("guides/_index.md", "Guides", 10, func(w *writer, file string) {
		w.paragraph(2)
		for _, t := range topics {
			w.str("- [", t.title, "](", t.dir, "/_index.md)\n")
		}
		w.str("\n")
	})
	for i, t := range topics {
		add("guides/"+t.dir+"/_index.md", t.title, i+1, func(w *writer, file string) {
			w.paragraph(3)
		})
	}
	add("exercises/_index.md", "Exercises", 20, func(w *writer, file string) {
		w.paragraph(3)
		w.str("The rep ranges match the two phases described in the [planning guides](../guides/planning/_index.md).\n\n")
	})
	add("races/_index.md", "Race reports", 30, func(w *writer, file string) { w.paragraph(2) })
	add("news/_index.md", "Club news", 40, func(w *writer, file string) { w.paragraph(2) })
	return files
}

// front writes the keys every page has.
func (w *writer) front(title, description string, date time.Time, weight int, tags []string) {
	w.str("+++\ntitle = ", strconv.Quote(title), "\ndescription = ", strconv.Quote(description), "\ndate = ", date.Format("2006-01-02"), "\n")
	if weight > 0 {
		w.str("weight = ")
		w.num(weight)
		w.str("\n")
	}
	w.list("tags", tags)
}

// list writes a TOML array of strings.
func (w *writer) list(key string, values []string) {
	if len(values) == 0 {
		return
	}
	w.str(key, " = [")
	for i, v := range values {
		if i > 0 {
			w.str(", ")
		}
		w.str(strconv.Quote(v))
	}
	w.str("]\n")
}

// plain is one sentence without inline markup, for front matter.
func (w *writer) plain() string {
	sub := writer{r: w.r}
	sub.fill(compiled[w.intn(len(compiled))], "")
	return sub.b.String()
}

// tags picks n distinct tags.
func (w *writer) tags(n int) []string {
	var out []string
	for len(out) < n {
		t := w.pick(tagWords)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// link returns the title of a random page of kind k and the link to it
// from the page file from; with no page of that kind, the kind's list.
func (c *Corpus) link(w *writer, from string, k kind) (string, string) {
	if c.count(k) == 0 {
		dir := map[kind]string{exercise: "exercises", guide: "guides", news: "news", race: "races"}[k]
		return "the " + kindNames[k] + " pages", rel(from, dir+"/_index.md")
	}
	j := pageOf(k, w.intn(c.count(k)))
	_, n := c.kindOf(j)
	var title string
	switch k {
	case exercise:
		title = strings.ToLower(exerciseTitle(n))
	case guide:
		title = guideTitle(n)
	case news:
		title = newsTitle(n)
	default:
		title = raceTitle(n)
	}
	return title, rel(from, c.file(j))
}

// linkParagraph writes a paragraph of n sentences with a link to a page
// of kind k.
func (c *Corpus) linkParagraph(w *writer, from string, n int, k kind) {
	text, href := c.link(w, from, k)
	w.paragraphLink(n, text, href)
}

// bullets writes an unordered list of n items.
func (w *writer) bullets(n int) {
	for i := 0; i < n; i++ {
		w.str("- ")
		w.sentence()
		w.str("\n")
	}
	w.str("\n")
}

// steps writes an ordered list of n items.
func (w *writer) steps(n int) {
	for i := 1; i <= n; i++ {
		w.num(i)
		w.str(". ")
		w.sentence()
		w.str("\n")
	}
	w.str("\n")
}

// quote writes a block quote of a coach's advice.
func (w *writer) quote() {
	w.str("> ")
	w.sentence()
	w.str(" ")
	w.sentence()
	w.str("\n>\n> — Coach ", w.pick(slots["name"]), "\n\n")
}

func (w *writer) heading(level int, text string) {
	w.str(strings.Repeat("#", level), " ", text, "\n\n")
}

var guideHeadings = []string{
	"Why it matters", "What happens when it goes wrong", "How to spot it", "How to train it",
	"A sample week", "Progressing over a block", "Common mistakes", "When to back off",
	"What the evidence says", "Fitting it around running", "At home or in the gym",
	"For coaches", "Questions runners ask", "Checklist",
}

var exerciseFaults = []string{
	"Knee drifts inward", "Pelvis drops on one side", "Rushing the lowering", "Heel lifts",
	"Lower back arches", "Holding the breath", "Leaning the trunk sideways", "Feet too close together",
	"Bouncing out of the bottom", "Shoulders creeping up",
}

// progressionTable writes a table of sets and reps over a block.
func (w *writer) progressionTable(weeks int) {
	w.str("| Week | Session | Sets | Reps | Load | Note |\n|---:|---|---:|---:|---|---|\n")
	for wk := 1; wk <= weeks; wk++ {
		w.str("| ")
		w.num(wk)
		w.str(" | ", capital(strings.TrimPrefix(w.pick(slots["exercise"]), "the ")), " | ")
		w.num(w.between(2, 4))
		w.str(" | ")
		if wk <= weeks/2 {
			w.num(w.between(12, 15))
			w.str("–")
			w.num(w.between(16, 20))
		} else {
			w.num(w.between(6, 7))
			w.str("–")
			w.num(w.between(8, 10))
		}
		w.str(" | ", w.pick(loads), " | ", w.pick(slots["cue"]), " |\n")
	}
	w.str("\n")
}

var loads = []string{"body weight", "light band", "medium band", "2 × 6 kg", "2 × 10 kg", "12 kg kettlebell", "8 kg backpack", "16 kg kettlebell"}

// footnoteRef marks the end of a sentence with footnote n.
func (w *writer) footnoteRef(n int) {
	w.str("[^")
	w.num(n)
	w.str("]")
}

func (w *writer) footnotes(n int) {
	for i := 1; i <= n; i++ {
		w.str("[^")
		w.num(i)
		w.str("]: ")
		w.sentence()
		w.str(" ", w.pick(sources), "\n")
	}
	w.str("\n")
}

var sources = []string{
	"A summary of the running injury studies is in the club library.",
	"From the coaching course notes, module 3.",
	"Reported by the club physiotherapist at the spring workshop.",
	"See the [consensus statement](https://example.org/research/running-strength) for the details.",
	"Numbers from our own training logs, 2019 to 2024.",
}

// exercisePage is a short page: a bundle with a diagram, full exercise
// front matter, setup, steps, faults, variations.
func (c *Corpus) exercisePage(w *writer, n int, e Edit) {
	file := c.file(pageOf(exercise, n))
	m, mod, _ := exerciseParts(n)
	title := exerciseTitle(n)
	if e.Title != "" {
		title = e.Title
	}
	w.front(title, w.plain(), exerciseDate(n), 0, w.tags(w.between(2, 4)))
	muscles := slices.Clone(m.muscles)
	if w.chance(30) && !slices.Contains(muscles, "gluteus medius") {
		muscles = append(muscles, "gluteus medius")
	}
	w.list("muscles", muscles)
	equipment := slices.Clone(m.equipment)
	if mod.adds != "" && !slices.Contains(equipment, mod.adds) {
		equipment = append(equipment, mod.adds)
	}
	w.list("equipment", equipment)
	w.str("level = ", strconv.Quote(exerciseLevel(n)), "\n")
	w.list("load", mod.load)
	easier, harder := c.easierOf(n), c.harderOf(n)
	if easier >= 0 {
		w.str("easier = ", strconv.Quote(exerciseSlug(easier)), "\n")
	}
	if harder >= 0 {
		w.str("harder = ", strconv.Quote(exerciseSlug(harder)), "\n")
	}
	phases := []string{training.Stability, training.Strength}
	switch w.intn(3) {
	case 0:
		phases = phases[:1]
	case 1:
		phases = phases[1:]
	}
	w.list("phase", phases)
	w.list("focus", m.focus)
	cues := make([]string, w.between(2, 4))
	for i := range cues {
		cues[i] = "Keep " + w.pick(slots["bodypart"]) + " " + w.pick(slots["cue"]) + "."
	}
	w.list("cues", cues)
	for _, p := range phases {
		r := training.PhaseReps[p]
		lo := w.between(r.Min, (r.Min+r.Max)/2)
		w.str("[reps.", p, "]\nsets = ")
		w.num(w.between(2, 4))
		w.str("\nmin = ")
		w.num(lo)
		w.str("\nmax = ")
		w.num(w.between(lo, r.Max))
		w.str("\nper_side = ", strconv.FormatBool(m.perSide), "\n")
	}
	w.str("+++\n")

	w.str("![Diagram of the ", strings.ToLower(exerciseTitle(n)), ": start and end positions](diagram.svg)\n\n")
	w.paragraph(w.between(2, 4))
	w.heading(2, "Why runners do it")
	c.linkParagraph(w, file, w.between(2, 4), guide)
	w.heading(2, "Setup")
	w.bullets(w.between(3, 5))
	w.heading(2, "How to do it")
	w.steps(w.between(4, 6))
	w.heading(2, "Common faults")
	for _, f := range pickN(w, exerciseFaults, w.between(2, 4)) {
		w.str("- **", f, "** → ")
		w.sentence()
		w.str("\n")
	}
	w.str("\n")
	if w.chance(50) {
		w.heading(2, "Sets and reps")
		w.progressionTable(w.between(3, 5))
	}
	w.heading(2, "Make it easier or harder")
	if easier >= 0 {
		w.str("- Go back to the [", strings.ToLower(exerciseTitle(easier)), "](", rel(file, c.file(pageOf(exercise, easier))), ") if ")
		w.str(w.pick(slots["symptom"]), ".\n")
	}
	if harder >= 0 {
		w.str("- Progress to the [", strings.ToLower(exerciseTitle(harder)), "](", rel(file, c.file(pageOf(exercise, harder))), ") once ")
		w.str(w.pick(slots["condition"]), ".\n")
	}
	w.str("- ")
	w.sentence()
	w.str("\n")
}

func pickN(w *writer, list []string, n int) []string {
	var out []string
	for _, i := range w.r.Perm(len(list))[:n] {
		out = append(out, list[i])
	}
	return out
}

// guidePage is a long article: sections with paragraphs, subsections,
// lists, a table, a quote, footnotes, an exercise diagram, links, and on
// one guide in ten a code fence.
func (c *Corpus) guidePage(w *writer, n int, e Edit) {
	file := c.file(pageOf(guide, n))
	title := guideTitle(n)
	if e.Title != "" {
		title = e.Title
	}
	weight := 0
	if w.chance(20) {
		weight = w.between(1, 50)
	}
	w.front(title, w.plain(), guideDate(n), weight, w.tags(w.between(2, 5)))
	w.str("+++\n")
	w.paragraph(w.between(3, 6))
	w.paragraph(w.between(2, 5))
	notes := 0
	if w.chance(40) {
		notes = w.between(1, 3)
	}
	fence := w.chance(10)
	sections := w.between(4, 9)
	for s := 0; s < sections; s++ {
		w.heading(2, guideHeadings[(n+s*5)%len(guideHeadings)])
		for p := w.between(2, 3); p > 0; p-- {
			switch w.intn(4) {
			case 0:
				c.linkParagraph(w, file, w.between(3, 6), exercise)
			case 1:
				c.linkParagraph(w, file, w.between(3, 6), guide)
			default:
				w.paragraph(w.between(3, 6))
			}
		}
		if notes >= s+1 {
			w.str("This is where most of the benefit comes from.")
			w.footnoteRef(s + 1)
			w.str("\n\n")
		}
		switch w.intn(6) {
		case 0:
			w.bullets(w.between(3, 6))
		case 1:
			w.steps(w.between(3, 6))
		case 2:
			w.progressionTable(w.between(4, 8))
		case 3:
			w.quote()
		case 4:
			w.heading(3, capital(w.pick(slots["session"])[4:]))
			w.paragraph(w.between(2, 5))
			w.bullets(w.between(2, 4))
		default:
			if c.count(exercise) > 0 {
				j := w.intn(c.count(exercise))
				w.str("![Diagram of the ", strings.ToLower(exerciseTitle(j)), "](", rel(file, "exercises/"+exerciseSlug(j)+"/diagram.svg"), ")\n\n")
			}
		}
		if fence && s == 1 {
			w.codeFence()
		}
	}
	if notes > 0 {
		w.footnotes(notes)
	}
}

// codeFence writes one of the few code blocks of the corpus: a program
// profile in TOML, a training log in YAML or a shell command.
func (w *writer) codeFence() {
	switch w.intn(3) {
	case 0:
		w.str("An athlete profile for the program planner looks like this:\n\n```toml\n")
		w.str("athlete = \"", w.pick(slots["name"]), " Runner\"\nstart = 2027-01-0", strconv.Itoa(w.between(1, 9)), "\nweeks = ")
		w.num(w.between(6, 16))
		w.str("\nexperience = \"", w.pick([]string{"new", "some", "experienced"}), "\"\ncadence = ")
		w.num(w.between(158, 178))
		w.str("\nequipment = [\"band\", \"dumbbells\", \"bench\"]\nsession_time = \"07:00\"\n\n[runs]\n")
		for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
			w.str(d, " = \"", w.pick([]string{"rest", "easy", "tempo", "intervals", "long", "hills"}), "\"\n")
		}
		w.str("```\n\n")
	case 1:
		w.str("Our watch export, trimmed to one week, reads:\n\n```yaml\nweek: ")
		w.num(w.between(1, 52))
		w.str("\nathlete: ", w.pick(slots["name"]), "\nsessions:\n")
		for _, d := range []string{"mon", "wed", "thu", "sat", "sun"} {
			w.str("  - day: ", d, "\n    type: ", w.pick([]string{"easy", "tempo", "strength", "long", "intervals"}), "\n    minutes: ")
			w.num(w.between(30, 120))
			w.str("\n    rpe: ")
			w.num(w.between(3, 9))
			w.str("\n")
		}
		w.str("```\n\n")
	default:
		w.str("To turn a watch file into something the club's results page takes:\n\n```shell\n")
		w.str("# convert the export to GPX, then upload it\ngpsbabel -i garmin_fit -f long-run.fit -o gpx -F long-run.gpx\n")
		w.str("curl -F file=@long-run.gpx https://club.example.org/upload?week=")
		w.num(w.between(1, 52))
		w.str("\n```\n\n")
	}
}

// newsPage is a short, dated club post.
func (c *Corpus) newsPage(w *writer, n int, e Edit) {
	file := c.file(pageOf(news, n))
	title := newsTitle(n)
	if e.Title != "" {
		title = e.Title
	}
	w.front(title, w.plain(), newsDate(n), 0, append([]string{"club"}, w.tags(w.between(1, 2))...))
	w.str("+++\n")
	for p := w.between(2, 4); p > 0; p-- {
		w.paragraph(w.between(3, 6))
	}
	switch w.intn(3) {
	case 0:
		w.heading(2, "Session times")
		for _, d := range pickN(w, slots["day"], w.between(2, 4)) {
			w.str("- **", d, "**, ", strconv.Itoa(w.between(6, 19)), ":", []string{"00", "15", "30", "45"}[w.intn(4)], ": ")
			w.sentence()
			w.str("\n")
		}
		w.str("\n")
	case 1:
		w.heading(2, "Results")
		w.str("| Runner | Event | Time | Place |\n|---|---|---:|---:|\n")
		for r := w.between(3, 8); r > 0; r-- {
			w.str("| ", w.pick(slots["name"]), " ", string(rune('A'+w.intn(26))), ". | ", w.pick(raceEvents), " | ", clock(w.between(900, 12000)), " | ")
			w.num(w.between(1, 400))
			w.str(" |\n")
		}
		w.str("\n")
	}
	c.linkParagraph(w, file, w.between(2, 4), race)
	if w.chance(50) {
		w.paragraph(w.between(2, 5))
	}
}

// racePage is a race report: build-up, race day with a table of splits,
// a quote, lessons, sometimes a course profile.
func (c *Corpus) racePage(w *writer, n int, e Edit) {
	file := c.file(pageOf(race, n))
	title := "Race report: " + raceTitle(n)
	if e.Title != "" {
		title = e.Title
	}
	w.front(title, w.plain(), raceDate(n), 0, append([]string{"racing"}, w.tags(w.between(1, 3))...))
	w.str("+++\n")
	if raceBundle(n) {
		w.str("![Course profile of the ", raceTitle(n), "](course.svg)\n\n")
	}
	w.paragraph(w.between(2, 4))
	w.heading(2, "The build-up")
	c.linkParagraph(w, file, w.between(3, 6), guide)
	w.paragraph(w.between(2, 5))
	if w.chance(50) {
		w.paragraph(w.between(3, 6))
	}
	w.heading(2, "Race day")
	w.paragraph(w.between(3, 6))
	w.paragraph(w.between(2, 5))
	w.str("| km | Split | Elapsed | Note |\n|---:|---:|---:|---|\n")
	elapsed := 0
	base := w.between(230, 360)
	kms := w.between(5, 12)
	for km := 1; km <= kms; km++ {
		split := base + w.between(-15, 25)
		elapsed += split
		w.str("| ")
		w.num(km)
		w.str(" | ", clock(split), " | ", clock(elapsed), " | ", w.pick(slots["pacenote"]), " |\n")
	}
	w.str("\n")
	if w.chance(60) {
		w.quote()
	}
	w.paragraph(w.between(2, 5))
	if w.chance(50) {
		w.heading(2, "After the finish")
		w.paragraph(w.between(3, 6))
	}
	w.heading(2, "What I learned")
	w.bullets(w.between(3, 5))
	c.linkParagraph(w, file, w.between(3, 5), exercise)
	w.paragraph(w.between(2, 4))
	if w.chance(30) {
		w.str("The course was remeasured this year.")
		w.footnoteRef(1)
		w.str("\n\n")
		w.footnotes(1)
	}
}

// clock formats seconds as m:ss or h:mm:ss.
func clock(s int) string {
	if s >= 3600 {
		return strconv.Itoa(s/3600) + ":" + two(s/60%60) + ":" + two(s%60)
	}
	return strconv.Itoa(s/60) + ":" + two(s%60)
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// diagramSVG draws an exercise's start and end positions as two stick
// figures, about a kilobyte like a simple hand-made diagram.
func diagramSVG(w *writer, title string) []byte {
	w.str(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 240" role="img" aria-label="`, title, `">`, "\n")
	for fig := 0; fig < 2; fig++ {
		x := 120 + fig*240
		w.str(`<g fill="none" stroke="#333" stroke-width="6" stroke-linecap="round">`, "\n")
		w.str(`<circle cx="`, strconv.Itoa(x), `" cy="40" r="16"/>`, "\n")
		hip := 110 + w.between(0, 40)
		w.str(`<path d="M`, strconv.Itoa(x), ` 58L`, strconv.Itoa(x+w.between(-10, 10)), ` `, strconv.Itoa(hip), `"/>`, "\n")
		for leg := -1; leg <= 1; leg += 2 {
			kx, ky := x+leg*w.between(10, 40), hip+w.between(30, 50)
			w.str(`<path d="M`, strconv.Itoa(x), ` `, strconv.Itoa(hip), `L`, strconv.Itoa(kx), ` `, strconv.Itoa(ky), `L`, strconv.Itoa(kx+leg*w.between(0, 20)), ` 220"/>`, "\n")
		}
		w.str(`<path d="M`, strconv.Itoa(x-40), ` `, strconv.Itoa(80+w.between(0, 30)), `L`, strconv.Itoa(x), ` 70L`, strconv.Itoa(x+40), ` `, strconv.Itoa(80+w.between(0, 30)), `"/>`, "\n</g>\n")
	}
	w.str(`<path d="M20 222H460" stroke="#999" stroke-width="2"/>`, "\n</svg>\n")
	return []byte(w.b.String())
}

// courseSVG draws a race's elevation profile.
func courseSVG(w *writer, title string) []byte {
	w.str(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 160" role="img" aria-label="Course profile: `, title, `">`, "\n<polyline fill=\"none\" stroke=\"#2a6\" stroke-width=\"3\" points=\"")
	y := 100
	for x := 0; x <= 600; x += 12 {
		y = min(max(y+w.between(-9, 9), 20), 150)
		if x > 0 {
			w.str(" ")
		}
		w.str(strconv.Itoa(x), ",", strconv.Itoa(y))
	}
	w.str("\"/>\n</svg>\n")
	return []byte(w.b.String())
}

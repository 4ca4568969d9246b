// Package corpusgen writes the benchmark corpus: a deterministic site of
// generated Markdown pages that both Stance and Hugo build, with minimal and
// equivalent templates for each, so their build times can be compared on
// the same input and comparable output.
package corpusgen

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/afero"
)

// Sections is the number of top-level sections the pages are spread over.
const Sections = 10

// Options choose the size of the corpus.
type Options struct {
	Pages int    // content pages, not counting section and home list pages
	Seed  uint64 // same seed, same corpus
}

// File is one file of the corpus, its path slash separated below the site
// folder.
type File struct {
	Path string
	Data []byte
}

// Generate returns every file of the corpus in a fixed order: the two
// configurations, both template sets, then content/.
func Generate(opts Options) []File {
	files := Config()
	files = append(files, Content(opts)...)
	return files
}

// Write generates the corpus into dir on fsys (created if missing): a real
// folder for the comparison with Hugo, memory for tests and benchmarks.
func Write(fsys afero.Fs, dir string, opts Options) error {
	for _, f := range Generate(opts) {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := fsys.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(fsys, p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Config returns site.toml, hugo.toml and both template sets.
func Config() []File {
	var files []File
	add := func(path, text string) { files = append(files, File{path, []byte(text)}) }
	add("site.toml", stanceConfig)
	add("hugo.toml", hugoConfig)
	for _, name := range slices.Sorted(maps.Keys(stanceTemplates)) {
		add("templates/"+name, stanceTemplates[name])
	}
	for _, name := range slices.Sorted(maps.Keys(hugoLayouts)) {
		add("layouts/"+name, hugoLayouts[name])
	}
	return files
}

// Content returns content/: a home page, one _index.md per section and
// opts.Pages pages spread evenly over the sections.
func Content(opts Options) []File {
	r := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	files := []File{{"content/_index.md", []byte("+++\ntitle = \"Benchmark corpus\"\n+++\nA generated site for build benchmarks.\n")}}
	for s := 0; s < Sections; s++ {
		files = append(files, File{
			Path: fmt.Sprintf("content/%s/_index.md", sectionName(s)),
			Data: []byte(fmt.Sprintf("+++\ntitle = %q\n+++\n%s\n", title(sectionName(s)), paragraph(r, 3))),
		})
	}
	for i := 0; i < opts.Pages; i++ {
		files = append(files, File{
			Path: fmt.Sprintf("content/%s/page-%05d.md", sectionName(i%Sections), i),
			Data: page(r, i),
		})
	}
	return files
}

func sectionName(i int) string { return fmt.Sprintf("%s-%d", sectionWords[i%len(sectionWords)], i) }

var sectionWords = []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"}

var words = strings.Fields(`knee hip glute tendon stride cadence tempo
	easy long interval recovery strength stability balance single leg squat
	lunge bridge plank band dumbbell bench load volume week phase deload
	runner coach club training session rest mileage pace form posture ankle
	calf hamstring quad core pelvis landing impact surface shoe hill track
	trail warm cool mobility drill progression consistency fatigue sleep`)

var tags = strings.Fields(`strength form recovery planning injury mobility
	tempo long-run intervals hills trail track beginners masters coaching
	nutrition sleep footwear cadence stability balance glutes hips calves
	ankles core warm-up cool-down drills racing base-building deload volume
	consistency technique posture surfaces shoes clubs youth`)

func word(r *rand.Rand) string { return words[r.IntN(len(words))] }

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func sentence(r *rand.Rand) string {
	n := 8 + r.IntN(10)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = word(r)
	}
	switch r.IntN(6) {
	case 0:
		ws[2] = "*" + ws[2] + "*"
	case 1:
		ws[3] = "**" + ws[3] + "**"
	case 2:
		ws[4] = "`" + ws[4] + "`"
	}
	return title(strings.Join(ws, " ")) + "."
}

func paragraph(r *rand.Rand, sentences int) string {
	s := make([]string, sentences)
	for i := range s {
		s[i] = sentence(r)
	}
	return strings.Join(s, " ")
}

// page writes one page of about 4 KB: front matter, headings, paragraphs,
// a list, a table and a Go code fence.
func page(r *rand.Rand, i int) []byte {
	var b strings.Builder
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(1500))
	t1 := tags[r.IntN(len(tags))]
	t2 := tags[r.IntN(len(tags))]
	for t2 == t1 {
		t2 = tags[r.IntN(len(tags))]
	}
	fmt.Fprintf(&b, "+++\ntitle = \"%s %s %d\"\ndate = %s\ntags = [%q, %q]\n+++\n\n",
		title(word(r)), word(r), i, date.Format("2006-01-02"), t1, t2)
	fmt.Fprintf(&b, "%s\n\n## %s %s\n\n%s\n\n", paragraph(r, 5), title(word(r)), word(r), paragraph(r, 6))
	for j := 0; j < 5; j++ {
		fmt.Fprintf(&b, "- %s %s %s\n", title(word(r)), word(r), word(r))
	}
	b.WriteString("\n| Exercise | Sets | Reps | Note |\n|---|---:|---:|---|\n")
	for j := 0; j < 5; j++ {
		fmt.Fprintf(&b, "| %s %s | %d | %d | %s %s |\n", title(word(r)), word(r), 1+r.IntN(5), 6+r.IntN(15), word(r), word(r))
	}
	fmt.Fprintf(&b, "\n%s\n\n```go\n%s```\n\n### %s %s\n\n%s\n\n%s\n\n## %s\n\n%s\n\n%s\n",
		paragraph(r, 4), goCode(r, i), title(word(r)), word(r), paragraph(r, 6), paragraph(r, 5), title(word(r)), paragraph(r, 6), paragraph(r, 4))
	return []byte(b.String())
}

func goCode(r *rand.Rand, i int) string {
	a, c := word(r), word(r)
	return fmt.Sprintf(`// %s%d returns the %s %s of a session.
func %s%d(sets []int, limit int) (int, error) {
	total := 0
	for i, reps := range sets {
		if reps > limit {
			return 0, fmt.Errorf("set %%d: %%d reps is over %%d", i, reps, limit)
		}
		total += reps * %d
	}
	name := "%s"
	_ = strings.ToUpper(name)
	return total, nil
}
`, a, i, a, c, a, i, 1+r.IntN(9), c)
}

// Package corpusgen writes the benchmark corpus: a deterministic training
// site of generated pages that both Stance and Hugo build, with minimal and
// equivalent templates for each, so their build times can be compared on
// the same input and comparable output. The same site, with Stance's
// default theme, is the large site of the serve and live-rebuild tests.
//
// The corpus is shaped like a coaching site: exercise pages (bundles with
// a diagram, structured front matter: muscles, equipment, level, load,
// easier and harder variations, phases, cues, sets and reps), long guides
// in five topic sections, club news and race reports. Pages have headings,
// lists, tables of sets and reps or splits, quotes, footnotes, images and
// links to other pages, all of which resolve; a few percent of pages have a
// code fence, in TOML, YAML or shell. Page lengths vary from short news to
// long guides, about 5 KB on average.
//
// Page i's kind, file and URL depend on i alone, and its text on the seed
// and i, so one page can be produced again (edited) without generating
// the rest.
package corpusgen

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"

	"github.com/spf13/afero"
)

// Options choose the size of the corpus.
type Options struct {
	Pages int    // content pages, not counting section and home list pages
	Seed  uint64 // same seed, same corpus
	// DefaultTheme leaves out templates/ and Hugo's files, so Stance builds
	// the site with its embedded theme, as an author's site would look
	// (the serve and live-rebuild tests).
	DefaultTheme bool
}

// File is one file of the corpus, its path slash separated below the site
// folder.
type File struct {
	Path string
	Data []byte
}

// Corpus generates the files of one corpus, or any one page of it.
type Corpus struct {
	opts Options
}

// New returns the corpus opts describe.
func New(opts Options) *Corpus { return &Corpus{opts: opts} }

// Generate returns every file of the corpus in a fixed order: the
// configurations, the template sets, then content/.
func Generate(opts Options) []File { return New(opts).Files() }

// Write generates the corpus into dir on fsys (created if missing): a real
// folder for the comparison with Hugo, memory for tests and benchmarks.
func Write(fsys afero.Fs, dir string, opts Options) error { return New(opts).Write(fsys, dir) }

// Files returns every file of the corpus; see Generate.
func (c *Corpus) Files() []File {
	var files []File
	if c.opts.DefaultTheme {
		files = []File{{"site.toml", []byte(stanceConfig)}}
	} else {
		files = Config()
	}
	return append(files, c.Content()...)
}

// Write writes every file of the corpus below dir on fsys.
func (c *Corpus) Write(fsys afero.Fs, dir string) error {
	made := map[string]bool{}
	for _, f := range c.Files() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(p); !made[d] {
			if err := fsys.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
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

// Content returns content/: the home page, the section list pages, then
// every page in order, each bundle's image after its page.
func (c *Corpus) Content() []File {
	files := c.sectionFiles()
	for i := 0; i < c.opts.Pages; i++ {
		files = append(files, File{Path: c.PagePath(i), Data: c.Page(i, Edit{})})
		if img, data := c.pageImage(i); img != "" {
			files = append(files, File{Path: img, Data: data})
		}
	}
	return files
}

// Edit changes a page the way an author editing it in `stance serve`
// would: Body is appended to the page's Markdown, so an edit of Body alone
// changes only the body; Title, if set, replaces the title in the front
// matter and leaves every other key as it was.
type Edit struct {
	Title string
	Body  string
}

// Page is the source of page i (front matter and Markdown) with e applied.
// Page(i, Edit{}) is the file Generate writes.
func (c *Corpus) Page(i int, e Edit) []byte {
	w := c.writer(i)
	k, n := c.kindOf(i)
	switch k {
	case exercise:
		c.exercisePage(w, n, e)
	case guide:
		c.guidePage(w, n, e)
	case news:
		c.newsPage(w, n, e)
	default:
		c.racePage(w, n, e)
	}
	if e.Body != "" {
		w.str("\n", e.Body, "\n")
	}
	return []byte(w.b.String())
}

// PagePath is the file of page i, slash separated below the site folder:
// "content/exercises/split-squat/index.md".
func (c *Corpus) PagePath(i int) string { return "content/" + c.file(i) }

// PageURL is the URL path of page i below the site root:
// "exercises/split-squat/".
func (c *Corpus) PageURL(i int) string {
	f := c.file(i)
	if path.Base(f) == "index.md" {
		return path.Dir(f) + "/"
	}
	return f[:len(f)-len(".md")] + "/"
}

// Kind names the kind of page i: "exercise", "guide", "news" or "race".
func (c *Corpus) Kind(i int) string { k, _ := c.kindOf(i); return kindNames[k] }

// Pages is the number of content pages.
func (c *Corpus) Pages() int { return c.opts.Pages }

// A page is one of four kinds; they take turns in a fixed cycle of 20
// pages, so that any prefix of the corpus has them in the same shares:
// 15 % exercises, 30 % guides, 30 % news, 25 % race reports.
type kind int

const (
	exercise kind = iota
	guide
	news
	race
	kinds
)

var kindNames = [kinds]string{"exercise", "guide", "news", "race"}

var cycle = [...]kind{
	exercise, guide, news, race, guide, news, exercise, guide, news, race,
	guide, news, race, exercise, guide, news, race, guide, news, race,
}

// perCycle counts each kind in the cycle; slotOf[k][n] is the place in the
// cycle of the n-th page of kind k.
var perCycle, slotOf = func() (per [kinds]int, slots [kinds][]int) {
	for s, k := range cycle {
		per[k]++
		slots[k] = append(slots[k], s)
	}
	return per, slots
}()

// kindOf returns the kind of page i and its number among pages of that
// kind.
func (c *Corpus) kindOf(i int) (kind, int) {
	k := cycle[i%len(cycle)]
	n := i / len(cycle) * perCycle[k]
	for _, s := range slotOf[k] {
		if s < i%len(cycle) {
			n++
		}
	}
	return k, n
}

// pageOf is the page index of the n-th page of kind k.
func pageOf(k kind, n int) int {
	return n/perCycle[k]*len(cycle) + slotOf[k][n%perCycle[k]]
}

// count is how many pages of kind k the corpus has.
func (c *Corpus) count(k kind) int {
	n := c.opts.Pages / len(cycle) * perCycle[k]
	for _, s := range slotOf[k] {
		if s < c.opts.Pages%len(cycle) {
			n++
		}
	}
	return n
}

// file is page i's path below content/.
func (c *Corpus) file(i int) string {
	k, n := c.kindOf(i)
	switch k {
	case exercise:
		return "exercises/" + exerciseSlug(n) + "/index.md"
	case guide:
		return "guides/" + guideTopic(n).dir + "/" + guideSlug(n) + ".md"
	case news:
		return "news/" + newsSlug(n) + ".md"
	default:
		if raceBundle(n) {
			return "races/" + raceSlug(n) + "/index.md"
		}
		return "races/" + raceSlug(n) + ".md"
	}
}

// pageImage is the image file of page i's bundle, if it is one.
func (c *Corpus) pageImage(i int) (string, []byte) {
	k, n := c.kindOf(i)
	switch {
	case k == exercise:
		return "content/exercises/" + exerciseSlug(n) + "/diagram.svg", diagramSVG(c.writer(-1-i), exerciseTitle(n))
	case k == race && raceBundle(n):
		return "content/races/" + raceSlug(n) + "/course.svg", courseSVG(c.writer(-1-i), raceTitle(n))
	}
	return "", nil
}

// rel is the link from the page file from to the file to, both below
// content/, as an author writes it: "../../exercises/step-up/index.md".
func rel(from, to string) string {
	dir := path.Dir(from)
	up := ""
	for dir != "." && !isUnder(to, dir) {
		dir = path.Dir(dir)
		up += "../"
	}
	if dir == "." {
		return up + to
	}
	return up + to[len(dir)+1:]
}

func isUnder(file, dir string) bool {
	return len(file) > len(dir) && file[:len(dir)] == dir && file[len(dir)] == '/'
}

func (c *Corpus) String() string {
	return fmt.Sprintf("corpus of %d pages, seed %d", c.opts.Pages, c.opts.Seed)
}

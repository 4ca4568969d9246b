package corpusgen_test

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/bench/corpusgen"
	"github.com/stance-ssg/stance/generator/site"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a := corpusgen.Generate(corpusgen.Options{Pages: 60, Seed: 7})
	b := corpusgen.Generate(corpusgen.Options{Pages: 60, Seed: 7})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s", i, a[i].Path)
		}
	}
	c := corpusgen.Generate(corpusgen.Options{Pages: 60, Seed: 8})
	same := 0
	for i := range a {
		if bytes.Equal(a[i].Data, c[i].Data) {
			same++
		}
	}
	if same > len(a)/2 {
		t.Errorf("seeds 7 and 8 share %d of %d files; the seed should change the text", same, len(a))
	}
}

// pageFiles are the content pages of a corpus (not list pages, images
// or configuration), by path.
func pageFiles(files []corpusgen.File) map[string][]byte {
	pages := map[string][]byte{}
	for _, f := range files {
		if strings.HasPrefix(f.Path, "content/") && strings.HasSuffix(f.Path, ".md") && path.Base(f.Path) != "_index.md" {
			pages[f.Path] = f.Data
		}
	}
	return pages
}

// TestShape checks the promises of the package comment on the full-size
// corpus: 10,000 pages at about 5 KB on average, lengths that vary, code
// fences on a few percent of pages, and every kind of Markdown a coaching
// site uses. -short (the race run) checks the first 2,000 pages, whose
// kinds come in the same shares.
func TestShape(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 2000
	}
	c := corpusgen.New(corpusgen.Options{Pages: n, Seed: 1})
	pages := pageFiles(c.Files())
	if len(pages) != n {
		t.Fatalf("%d pages, want %d", len(pages), n)
	}
	var total, fenced, shortest, longest int
	shortest = 1 << 30
	kinds := map[string]int{}
	has := map[string]int{}
	features := map[string]string{
		"table": "\n|---", "quote": "\n> ", "footnote": "\n[^1]: ", "image": "![",
		"link": "](../", "list": "\n- ", "ordered list": "\n1. ", "subheading": "\n### ",
		"muscles": "\nmuscles = [", "reps": "\n[reps.", "easier": "\neasier = ", "harder": "\nharder = ",
	}
	for i := 0; i < n; i++ {
		src, ok := pages[c.PagePath(i)]
		if !ok {
			t.Fatalf("page %d: no file %s", i, c.PagePath(i))
		}
		total += len(src)
		shortest, longest = min(shortest, len(src)), max(longest, len(src))
		if bytes.Contains(src, []byte("\n```")) {
			fenced++
		}
		kinds[c.Kind(i)]++
		for name, marker := range features {
			if bytes.Contains(src, []byte(marker)) {
				has[name]++
			}
		}
	}
	avg := total / n
	t.Logf("%d pages, %.1f MB, average %d bytes (%d to %d), %d with a code fence, kinds %v, features %v",
		n, float64(total)/(1<<20), avg, shortest, longest, fenced, kinds, has)
	if avg < 4500 || avg > 5500 {
		t.Errorf("average page is %d bytes, want about 5 KB", avg)
	}
	if shortest > 1500 || longest < 12000 {
		t.Errorf("pages run from %d to %d bytes; want short exercise and news pages and long guides", shortest, longest)
	}
	if fenced < n/100 || fenced > n*5/100 {
		t.Errorf("%d of %d pages have a code fence, want a few percent", fenced, n)
	}
	for name, share := range map[string]int{"exercise": 15, "guide": 30, "news": 30, "race": 25} {
		if want := n * share / 100; kinds[name] != want {
			t.Errorf("%d %s pages, want %d", kinds[name], name, want)
		}
	}
	for name := range features {
		if has[name] < n/100 {
			t.Errorf("only %d pages have a %s", has[name], name)
		}
	}
}

// TestCorpusBuildsWithStance builds a corpus with the minimal templates
// and with the default theme: every link, image, variation and front
// matter value must pass Stance's checks, and every page must be written
// at PageURL.
func TestCorpusBuildsWithStance(t *testing.T) {
	for _, defaultTheme := range []bool{false, true} {
		fs := afero.NewMemMapFs()
		opts := corpusgen.Options{Pages: 300, Seed: 3, DefaultTheme: defaultTheme}
		c := corpusgen.New(opts)
		if err := c.Write(fs, "/site"); err != nil {
			t.Fatal(err)
		}
		res, err := site.Build(fs, site.Options{Source: "/site", Destination: "/out"})
		if err != nil {
			t.Fatalf("default theme %v: %v", defaultTheme, err)
		}
		if res.Pages != opts.Pages {
			t.Errorf("built %d pages, want %d", res.Pages, opts.Pages)
		}
		for i := 0; i < opts.Pages; i++ {
			if ok, _ := afero.Exists(fs, "/out/"+c.PageURL(i)+"index.html"); !ok {
				t.Fatalf("page %d (%s) not written at /%s", i, c.PagePath(i), c.PageURL(i))
			}
		}
		for _, f := range []string{"tags/index.html", "muscles/gluteus-medius/index.html", "equipment/band/index.html",
			"guides/strength/index.html", "exercises/split-squat/diagram.svg"} {
			if ok, _ := afero.Exists(fs, "/out/"+f); !ok {
				t.Errorf("default theme %v: no %s", defaultTheme, f)
			}
		}
		if defaultTheme {
			continue
		}
		// The first exercise, as the minimal template renders it: links and
		// its diagram resolved to URLs.
		page, err := afero.ReadFile(fs, "/out/"+c.PageURL(0)+"index.html")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<nav><ul><li><a href="/guides/">Guides</a>`, `<a href="/muscles/`, `<img src="/` + c.PageURL(0) + `diagram.svg"`,
			`<a href="/guides/`, "<h2 id=\"setup\">Setup</h2>", `<a href="/tags/`} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s lacks %q:\n%.1500s", c.PageURL(0), want, page)
			}
		}
	}
}

// TestPageEdits checks the edits the serve tests make: Page(i, Edit{})
// is the generated file, a body edit appends to the body only, a title
// edit changes the title line only.
func TestPageEdits(t *testing.T) {
	c := corpusgen.New(corpusgen.Options{Pages: 40, Seed: 1})
	pages := pageFiles(c.Files())
	for i := 0; i < 40; i++ {
		orig := c.Page(i, corpusgen.Edit{})
		if !bytes.Equal(orig, pages[c.PagePath(i)]) {
			t.Fatalf("Page(%d) is not the file Generate writes", i)
		}
		body := c.Page(i, corpusgen.Edit{Body: "One more paragraph."})
		if want := string(orig) + "\nOne more paragraph.\n"; string(body) != want {
			t.Errorf("page %d: body edit is not the page with the text appended", i)
		}
		titled := c.Page(i, corpusgen.Edit{Title: "A new title"})
		a, b := strings.Split(string(orig), "\n"), strings.Split(string(titled), "\n")
		if len(a) != len(b) || a[0] != "+++" || !strings.HasPrefix(a[1], "title = ") || b[1] != `title = "A new title"` {
			t.Fatalf("page %d: title edit gives\n%.200s", i, titled)
		}
		for l := 2; l < len(a); l++ {
			if a[l] != b[l] {
				t.Errorf("page %d: title edit changed line %d: %q to %q", i, l+1, a[l], b[l])
			}
		}
	}
}

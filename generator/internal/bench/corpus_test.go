package bench

import (
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/bench/corpusgen"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
	"github.com/stance-ssg/stance/generator/site"
)

// TestCorpusBuilds checks that Stance builds the benchmark corpus with its
// minimal templates, highlights its few code fences, and writes the same
// bytes twice.
func TestCorpusBuilds(t *testing.T) {
	fs := afero.NewMemMapFs()
	c := corpusgen.New(corpusgen.Options{Pages: 200, Seed: 1})
	if err := c.Write(fs, "/c"); err != nil {
		t.Fatal(err)
	}
	var trees []map[string][]byte
	for _, out := range []string{"/out1", "/out2"} {
		if _, err := site.Build(fs, site.Options{Source: "/c", Destination: out}); err != nil {
			t.Fatal(err)
		}
		tree, err := outputtest.ReadTree(fs, out)
		if err != nil {
			t.Fatal(err)
		}
		trees = append(trees, tree)
	}
	if ok, why := outputtest.Equal(trees[0], trees[1]); !ok {
		t.Fatalf("two builds differ: %s", why)
	}
	page := string(trees[0][c.PageURL(0)+"index.html"])
	for _, want := range []string{`<nav><ul><li><a href="/guides/">`, `<a href="/tags/`, `<a href="/muscles/`, "<ol>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%.600s", want, page)
		}
	}
	highlighted := 0
	for name, data := range trees[0] {
		if strings.HasSuffix(name, ".html") && strings.Contains(string(data), `<pre class="chroma">`) {
			highlighted++
		}
	}
	if highlighted == 0 || highlighted > 200/10 {
		t.Errorf("%d of 200 pages have highlighted code, want a few", highlighted)
	}
	for _, f := range []string{"tags/index.html", "muscles/index.html", "equipment/index.html"} {
		if _, ok := trees[0][f]; !ok {
			t.Errorf("no %s", f)
		}
	}
}

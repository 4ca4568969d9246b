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
// minimal templates, highlights the code, and writes the same bytes twice.
func TestCorpusBuilds(t *testing.T) {
	fs := afero.NewMemMapFs()
	if err := corpusgen.Write(fs, "/c", corpusgen.Options{Pages: 40, Seed: 1}); err != nil {
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
	page := string(trees[0]["alpha-0/page-00000/index.html"])
	for _, want := range []string{`<nav><ul><li><a href="/alpha-0/">`, `<span class="kd">func</span>`, "<table>", `<a href="/tags/`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%.600s", want, page)
		}
	}
	if _, ok := trees[0]["tags/index.html"]; !ok {
		t.Error("no tags page")
	}
}

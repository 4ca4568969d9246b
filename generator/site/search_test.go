package site

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
	"github.com/stance-ssg/stance/templates"
)

// TestSearchMarkup: the default theme marks guides and exercises for
// Pagefind (body, kind, and an exercise's muscle, equipment, phase and
// level), leaves every other page out of the index, writes the search page
// and the header's box under the base path, and gives the exercise library
// its filter panel. Only the search page and the library have a script.
func TestSearchMarkup(t *testing.T) {
	out := build(t, newSite(t, basicSite), Options{})
	tests := []struct {
		file      string
		want, not []string
	}{
		{"hips/valgus/index.html", []string{
			`<main id="main" tabindex="-1" data-pagefind-body data-pagefind-filter="kind:guide">`,
			`<nav class="breadcrumbs" aria-label="Breadcrumb" data-pagefind-ignore>`,
			`<form class="site-search" role="search" aria-label="Site" action="/knees/search/" method="get">`,
		}, []string{"<script", "data-pagefind-filter=\"muscle"}},
		{"exercises/clamshell/index.html", []string{
			`data-pagefind-body data-pagefind-filter="kind:exercise"`,
			`<span data-pagefind-filter="muscle:gluteus medius"></span>`,
			`<span data-pagefind-filter="equipment:band"></span>`,
			`<span data-pagefind-filter="phase:stability"></span>`,
			`<span data-pagefind-filter="level:intermediate"></span>`,
			`<figure class="sheet-qr" data-pagefind-ignore="all">`,
			`<p class="safety-line" data-pagefind-ignore>`,
		}, []string{"<script"}},
		{"exercises/index.html", []string{
			`<form class="filters" data-filters="exercise-list" aria-labelledby="filters-title" hidden>`,
			`<legend>Muscle</legend>`,
			`<input type="checkbox" name="muscle" value="gluteus medius">`,
			`<input type="checkbox" name="equipment" value="band">`,
			`<input type="checkbox" name="phase" value="strength">`,
			`<input type="checkbox" name="level" value="advanced">`,
			`<p class="filters-status" role="status" data-filters-status></p>`,
			`<li class="ex-card" data-muscle="gluteus medius" data-equipment="band" data-phase="stability" data-level="intermediate">`,
			`<link rel="stylesheet" href="/knees/theme/search.css">`,
			`<script type="module" src="/knees/theme/filter.js"></script>`,
		}, []string{"data-pagefind-body"}},
		{"search/index.html", []string{
			`<title>Search · Knee Lab</title>`,
			`<div class="search-page" data-search data-base="/knees/">`,
			`action="/knees/search/"`,
			`npx -y pagefind@`,
			`<a href="/knees/muscles/">Exercises by muscle</a>`,
			`<a href="/knees/equipment/">Exercises by equipment</a>`,
			`<script type="module" src="/knees/theme/search.js"></script>`,
		}, []string{"data-pagefind-body", `id="site-search-q"`}},
		{"index.html", []string{`action="/knees/search/"`}, []string{"data-pagefind-body", "<script"}},
		{"hips/index.html", nil, []string{"data-pagefind-body", "<script"}},
		{"tags/glutes/index.html", nil, []string{"data-pagefind-body", "<script"}},
		{"404.html", nil, []string{"data-pagefind-body", "<script"}},
		{"theme/search.js", []string{"pagefind/pagefind.js"}, nil},
		{"theme/filter.js", []string{"data-filters"}, nil},
		{"theme/search.css", []string{".filter-group"}, nil},
	}
	for _, tt := range tests {
		checkFile(t, out, tt.file, tt.want, tt.not)
	}
	if strings.Contains(out["sitemap.xml"], "search/") {
		t.Error("the sitemap lists the search page, which has no content of its own")
	}
}

// TestRepositorySiteIndexing: in the repository's site, exactly the guides
// and exercises carry data-pagefind-body; program pages never do, so
// Pagefind leaves them out (once any page has it, pages without it are
// not indexed), and they have no script.
func TestRepositorySiteIndexing(t *testing.T) {
	fsys := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(fsys, Options{Source: "../..", Destination: dest})
	if err != nil {
		t.Fatal(err)
	}
	tree, err := outputtest.ReadTree(fsys, dest)
	if err != nil {
		t.Fatal(err)
	}
	indexed, programs := 0, 0
	for name, body := range tree {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if strings.Contains(string(body), "data-pagefind-body") {
			indexed++
		}
		if strings.HasPrefix(name, "programs/") {
			programs++
			if strings.Contains(string(body), "data-pagefind") || strings.Contains(string(body), "<script") {
				t.Errorf("%s is marked for Pagefind or has a script", name)
			}
		}
	}
	if indexed != res.Pages {
		t.Errorf("%d pages have data-pagefind-body; the site has %d guides and exercises", indexed, res.Pages)
	}
	if programs == 0 {
		t.Error("the repository's site has no program pages to check")
	}
}

// TestSearchPageNeedsItsLayout: a theme without search.html (a whole
// replacement theme) gets no search page.
func TestSearchPageNeedsItsLayout(t *testing.T) {
	theme := fstest.MapFS{}
	entries, err := fs.ReadDir(templates.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "search.html" {
			continue
		}
		data, err := fs.ReadFile(templates.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		theme[e.Name()] = &fstest.MapFile{Data: data}
	}
	out := build(t, newSite(t, basicSite), Options{Theme: theme})
	if _, ok := out["search/index.html"]; ok {
		t.Error("a search page was written without search.html")
	}
	if _, ok := out["index.html"]; !ok {
		t.Error("the site was not built")
	}
}

// TestSearchPageIsReserved: a content page at /search/ would take the
// search page's place; the build says so.
func TestSearchPageIsReserved(t *testing.T) {
	fsys := newSite(t, with(basicSite, map[string]string{"content/search.md": page(`title = "Search and rescue"`, "Text.\n")}))
	_, err := Build(fsys, Options{Source: "/site"})
	if err == nil || !strings.Contains(err.Error(), "/search/ is also produced by the build itself") {
		t.Fatalf("want an error naming /search/, got %v", err)
	}
}

// TestPagefindVersionAgrees: the command the README, the search page,
// serve and the publishing recipes give runs the Pagefind that the browser
// suite's lock file pins.
func TestPagefindVersionAgrees(t *testing.T) {
	lockData, err := os.ReadFile("../../browser-tests/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(lockData, &lock); err != nil {
		t.Fatal(err)
	}
	want := lock.Packages["node_modules/pagefind"].Version
	if want == "" {
		t.Fatal("package-lock.json pins no pagefind")
	}
	versioned := regexp.MustCompile(`pagefind@([0-9][^ \x60"]*)`)
	for _, file := range []string{
		"../../README.md", "../../templates/search.html", "../server/server.go",
		"../../docs/publish.md", "../../.github/workflows/pages.yml", "../../netlify.toml",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		found := versioned.FindAllStringSubmatch(string(data), -1)
		if len(found) == 0 {
			t.Errorf("%s names no pagefind@<version> command", file)
		}
		for _, m := range found {
			if m[1] != want {
				t.Errorf("%s runs pagefind@%s; the lock file pins %s", file, m[1], want)
			}
		}
	}
}

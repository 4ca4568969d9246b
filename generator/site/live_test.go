package site

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/bench/corpusgen"
	"github.com/stance-ssg/stance/generator/internal/output"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
)

// liveSite is basicSite with a second guide in the hips section, so the
// valgus guide has a neighbour.
var liveSite = with(basicSite, map[string]string{
	"content/hips/bridge-basics.md": page(`title = "Bridge basics"
description = "Start here"
weight = 3
tags = ["glutes"]`, "Lift the hips.\n"),
})

func newLive(t testing.TB, fs afero.Fs) *Live {
	t.Helper()
	l := NewLive(fs, Options{Source: "/site"})
	if _, err := l.Build(); err != nil {
		t.Fatalf("first build failed:\n%v", err)
	}
	return l
}

// edit writes (or, for a nil value, removes) files below /site and returns
// their paths, as a watcher would report them.
func edit(t testing.TB, fs afero.Fs, files map[string]*string) []string {
	t.Helper()
	var paths []string
	for rel, text := range files {
		name := filepath.Join("/site", rel)
		paths = append(paths, name)
		if text == nil {
			if err := fs.RemoveAll(name); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := fs.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(fs, name, []byte(*text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return paths
}

func text(s string) *string { return &s }

// assertSameAsFullBuild checks that the live output matches a fresh build
// of the same files: incremental updates must never drift from Build.
func assertSameAsFullBuild(t *testing.T, fs afero.Fs, l *Live) {
	t.Helper()
	if _, err := Build(fs, Options{Source: "/site", Destination: "/full"}); err != nil {
		t.Fatalf("full build failed:\n%v", err)
	}
	want, err := outputtest.ReadTree(fs, "/full")
	if err != nil {
		t.Fatal(err)
	}
	delete(want, output.Marker)
	var got map[string][]byte
	l.View(func(out afero.Fs, _ error) { got, err = outputtest.ReadTree(out, "/") })
	if err != nil {
		t.Fatal(err)
	}
	if same, diff := outputtest.Equal(got, want); !same {
		t.Errorf("live output differs from a full build: %s", diff)
	}
}

// assertChange compares what an update did with what it should have:
// everything or not, the outputs written and those removed.
func assertChange(t *testing.T, ch, want *Change) {
	t.Helper()
	if ch.Full != want.Full || ch.All != want.All {
		t.Errorf("full, all = %v, %v; want %v, %v", ch.Full, ch.All, want.Full, want.All)
	}
	if !reflect.DeepEqual(ch.Written, want.Written) {
		t.Errorf("written:\n got %q\nwant %q", ch.Written, want.Written)
	}
	if !reflect.DeepEqual(ch.Removed, want.Removed) {
		t.Errorf("removed: got %q, want %q", ch.Removed, want.Removed)
	}
}

func TestLiveUpdateRendersWhatTheChangeTouches(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]*string
		full    bool
		all     bool
		written []string
		removed []string
	}{
		{
			name:    "body edit renders only the page",
			files:   map[string]*string{"content/hips/valgus.md": text(page(valgusFront, "New body, no links.\n"))},
			written: []string{"hips/valgus/index.html"},
		},
		{
			name:  "saving unchanged renders nothing",
			files: map[string]*string{"content/hips/valgus.md": text(liveSite["content/hips/valgus.md"])},
		},
		{
			name: "description edit renders the lists that show it",
			files: map[string]*string{"content/hips/valgus.md": text(page(
				strings.Replace(valgusFront, "When the knee caves in", "Knees that cave in", 1), "Body.\n"))},
			written: []string{
				"feed.xml", "hips/bridge-basics/index.html", "hips/index.html", "hips/valgus/index.html",
				"index.html", "tags/glutes/index.html", "tags/knee-pain/index.html",
			},
		},
		{
			name: "section description renders its parent list",
			files: map[string]*string{"content/hips/_index.md": text(page(`title = "Hips & glutes"
description = "Hips steer the knee"
weight = 1`, "The hip section.\n"))},
			written: []string{"feed.xml", "hips/index.html", "index.html"},
		},
		{
			name:    "exercise body renders only the exercise",
			files:   map[string]*string{"content/exercises/clamshell/index.md": text(page(clamshellFront, "## Setup\n\nLie down.\n"))},
			written: []string{"exercises/clamshell/index.html"},
		},
		{
			name: "exercise cues render its lists, the guides with its card and the programs planned again",
			files: map[string]*string{"content/exercises/clamshell/index.md": text(page(
				strings.Replace(clamshellFront, "Keep your feet together.", "Feet together.", 1), "## Setup\n"))},
			written: []string{"equipment/band/index.html", "exercises/clamshell/index.html", "exercises/index.html", "feed.xml",
				"hips/valgus/index.html", "index.html", "muscles/gluteus-medius/index.html", "programs/"},
		},
		{
			name:  "site.toml rebuilds",
			files: map[string]*string{"site.toml": text(siteTOML + "description = \"More\"\n")},
			full:  true,
		},
		{
			name: "page layout renders the pages that use it",
			files: map[string]*string{"templates/page.html": text(
				"{{template \"base\" .}}\n{{define \"main\"}}<h1 class=\"custom\">{{.Page.Title}}</h1>{{.Page.Content}}{{end}}\n")},
			written: []string{"hips/bridge-basics/index.html", "hips/valgus/index.html", "safety/index.html"},
		},
		{
			name:  "base template renders everything",
			files: map[string]*string{"templates/base.html": text("{{define \"base\"}}<body>{{template \"main\" .}}{{.Live}}</body>{{end}}\n")},
			all:   true,
		},
		{
			name:    "term layout renders the taxonomy pages",
			files:   map[string]*string{"templates/term.html": text("{{template \"base\" .}}{{define \"main\"}}<h1>{{.Page.Title}}</h1>{{end}}\n")},
			written: []string{"equipment/", "muscles/", "tags/"},
		},
		{
			name:    "search layout renders the build's own pages",
			files:   map[string]*string{"templates/search.html": text("{{template \"base\" .}}{{define \"main\"}}<h1>Find</h1>{{end}}\n")},
			written: []string{"404.html", "search/index.html"},
		},
		{
			name:    "a theme script rewrites the theme assets",
			files:   map[string]*string{"templates/search.js": text("// no search\n")},
			written: []string{"theme/"},
		},
		{
			name:    "stylesheet rewrites the theme assets",
			files:   map[string]*string{"templates/style.css": text("body { color: red }\n")},
			written: []string{"theme/"},
		},
		{
			name:    "static file is copied",
			files:   map[string]*string{"static/favicon.ico": text("new icon")},
			written: []string{"favicon.ico"},
		},
		{
			name:    "new static file is copied",
			files:   map[string]*string{"static/img/logo.svg": text("<svg/>")},
			written: []string{"img/logo.svg"},
		},
		{
			name:    "removed static file is removed",
			files:   map[string]*string{"static/favicon.ico": nil},
			removed: []string{"favicon.ico"},
		},
		{
			name:    "bundle image is copied",
			files:   map[string]*string{"content/exercises/clamshell/diagram.svg": text("<svg>new</svg>")},
			written: []string{"exercises/clamshell/diagram.svg"},
		},
		{
			name:  "editor swap files are ignored",
			files: map[string]*string{"content/hips/.valgus.md.swp": text("junk")},
		},
		{
			name:  "files outside the watched folders are ignored",
			files: map[string]*string{"notes.txt": text("todo")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newSite(t, liveSite)
			l := newLive(t, fs)
			ch, err := l.Update(edit(t, fs, tt.files))
			if err != nil {
				t.Fatalf("update failed:\n%v", err)
			}
			assertChange(t, ch, &Change{Full: tt.full, All: tt.all, Written: tt.written, Removed: tt.removed})
			assertSameAsFullBuild(t, fs, l)
		})
	}
}

func TestLiveClassifiesProgramProfilesAsRebuild(t *testing.T) {
	l := newLive(t, newSite(t, liveSite))
	p := newPlan()
	l.classify([]string{"/site/content/programs/alex.toml"}, p)
	if !p.full {
		t.Error("a changed program profile must re-plan the programs (full rebuild)")
	}
}

func TestLiveRecoversFromErrors(t *testing.T) {
	tests := []struct {
		name, file, bad, wantErr string
	}{
		{"bad front matter", "content/hips/valgus.md", "+++\ntitle = \n+++\nBody\n", "content/hips/valgus.md:2"},
		{"broken link", "content/hips/valgus.md", page(valgusFront, "See [gone](missing.md).\n"), "content/hips/valgus.md:"},
		{"template syntax", "templates/page.html", "{{template \"base\" .}}{{define \"main\"}}{{.Page.Title{{end}}", "templates/page.html:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newSite(t, liveSite)
			l := newLive(t, fs)
			before := liveFile(t, l, "hips/valgus/index.html")

			_, err := l.Update(edit(t, fs, map[string]*string{tt.file: text(tt.bad)}))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v; want one mentioning %q", err, tt.wantErr)
			}
			if l.Err() == nil {
				t.Error("Err() is nil after a failed update")
			}
			if got := liveFile(t, l, "hips/valgus/index.html"); got != before && tt.name == "bad front matter" {
				t.Error("a page that does not parse changed the output")
			}

			// Fixing the file brings the site back, with the page edited.
			fixed := map[string]*string{"content/hips/valgus.md": text(page(valgusFront, "Fixed body.\n"))}
			if strings.HasPrefix(tt.file, "templates/") {
				fixed[tt.file] = nil
			}
			if _, err := l.Update(edit(t, fs, fixed)); err != nil {
				t.Fatalf("update after the fix failed:\n%v", err)
			}
			if l.Err() != nil {
				t.Errorf("Err() = %v after a good update", l.Err())
			}
			if !strings.Contains(liveFile(t, l, "hips/valgus/index.html"), "Fixed body.") {
				t.Error("the fixed page is not in the output")
			}
			assertSameAsFullBuild(t, fs, l)
		})
	}
}

// TestLiveTryHoldsTheFailureBack: a failed Try is not shown until Fail,
// and a success in between makes Fail a no-op.
func TestLiveTryHoldsTheFailureBack(t *testing.T) {
	fs := newSite(t, liveSite)
	l := newLive(t, fs)
	bad := edit(t, fs, map[string]*string{"content/hips/valgus.md": text("+++\ntitle = \n+++\n")})
	_, err := l.Try(bad)
	if err == nil {
		t.Fatal("a bad page built")
	}
	if l.Err() != nil {
		t.Fatalf("Err() = %v before Fail", l.Err())
	}
	l.Fail(err)
	if l.Err() == nil {
		t.Fatal("Fail did not show the failure")
	}

	_, err = l.Try(bad)
	good := edit(t, fs, map[string]*string{"content/hips/valgus.md": text(page(valgusFront, "Good.\n"))})
	if _, err := l.Try(good); err != nil {
		t.Fatal(err)
	}
	l.Fail(err) // too late: the site built since
	if l.Err() != nil {
		t.Errorf("Err() = %v after a success and a stale Fail", l.Err())
	}
	assertSameAsFullBuild(t, fs, l)
}

func liveFile(t *testing.T, l *Live, rel string) string {
	t.Helper()
	var b []byte
	var err error
	l.View(func(out afero.Fs, _ error) { b, err = afero.ReadFile(out, "/"+rel) })
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// BenchmarkLiveBodyEdit measures the fast path: one page of a generated
// 10,000-page site gets a new paragraph, and Update renders it.
//
//	go test ./generator/site/ -run '^$' -bench LiveBodyEdit -benchtime 200x
func BenchmarkLiveBodyEdit(b *testing.B) {
	fs := afero.NewMemMapFs()
	c := corpusgen.New(corpusgen.Options{Pages: 10000, Seed: 1, DefaultTheme: true})
	if err := c.Write(fs, "/site"); err != nil {
		b.Fatal(err)
	}
	first := filepath.Join("/site", c.PagePath(0))
	l := newLive(b, fs)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := c.Page(0, corpusgen.Edit{Body: strings.Repeat("Edited. ", i%7+1)})
		if err := afero.WriteFile(fs, first, []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
		ch, err := l.Update([]string{first})
		if err != nil {
			b.Fatal(err)
		}
		if len(ch.Written) != 1 {
			b.Fatalf("body edit wrote %q; want one page", ch.Written)
		}
	}
}

// BenchmarkLiveTitleEdit measures a front matter edit that changes lists:
// the title of one page of a generated 10,000-page site, which serve
// answers by assembling the site again from the pages it has and
// rendering the page, its neighbours, its section, home, terms, feed and
// sitemap.
//
//	go test ./generator/site/ -run '^$' -bench LiveTitleEdit -benchtime 50x
func BenchmarkLiveTitleEdit(b *testing.B) {
	fs := afero.NewMemMapFs()
	c := corpusgen.New(corpusgen.Options{Pages: 10000, Seed: 1, DefaultTheme: true})
	if err := c.Write(fs, "/site"); err != nil {
		b.Fatal(err)
	}
	guide := 0
	for c.Kind(guide) != "guide" {
		guide++
	}
	first := filepath.Join("/site", c.PagePath(guide))
	l := newLive(b, fs)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := c.Page(guide, corpusgen.Edit{Title: fmt.Sprintf("Edited title, take %d", i)})
		if err := afero.WriteFile(fs, first, src, 0o644); err != nil {
			b.Fatal(err)
		}
		ch, err := l.Update([]string{first})
		if err != nil {
			b.Fatal(err)
		}
		if ch.Full || ch.All {
			b.Fatalf("a title edit rendered everything: %s", ch)
		}
	}
}

// TestLiveReloadsProgramPages checks that stance serve's reload script
// reaches program pages too, and that a build for publishing has none.
func TestLiveReloadsProgramPages(t *testing.T) {
	const script = "<script>live()</script>"
	l := NewLive(afero.NewReadOnlyFs(afero.NewOsFs()), Options{Source: "../..", LiveReload: script})
	if _, err := l.Build(); err != nil {
		t.Fatal(err)
	}
	var page []byte
	var err error
	l.View(func(out afero.Fs, _ error) { page, err = afero.ReadFile(out, "/programs/alex-rivera/index.html") })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), script+"\n</body>") {
		t.Error("the program page has no live-reload script under serve")
	}
}

package site

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
)

const siteTOML = "title = \"Knee Lab\"\nbase_url = \"https://example.org/knees/\"\nauthor = \"Coach <Kim>\"\n"

// newSite returns an in-memory site made of files (path -> content) below
// /site.
func newSite(t *testing.T, files map[string]string) afero.Fs {
	t.Helper()
	fs := afero.NewMemMapFs()
	for name, body := range files {
		if err := afero.WriteFile(fs, filepath.Join("/site", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fs
}

func build(t *testing.T, fs afero.Fs, opts Options) map[string]string {
	t.Helper()
	if opts.Source == "" {
		opts.Source = "/site"
	}
	if _, err := Build(fs, opts); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	tree, err := outputtest.ReadTree(fs, filepath.Join(opts.Source, "public"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range tree {
		out[k] = string(v)
	}
	return out
}

func page(front, body string) string { return "+++\n" + front + "\n+++\n" + body }

const valgusFront = `title = "Knee <valgus> & you"
description = "When the knee caves in"
date = 2026-10-02
weight = 2
tags = ["Knee pain", "glutes"]
aliases = ["/old/valgus/", "/valgus.html"]`

const clamshellFront = `title = "Clamshell"
date = 2026-10-01
muscles = ["gluteus medius"]
equipment = ["band"]
phase = ["stability"]
focus = ["glute-med"]
cues = ["Keep your feet together."]
[reps.stability]
sets = 2
min = 15
max = 20
per_side = true`

var basicSite = map[string]string{
	"site.toml":         siteTOML,
	"content/_index.md": page(`title = "Strong knees"`, "Welcome. Start with [the clamshell](exercises/clamshell/index.md).\n"),
	"content/safety.md": page(`title = "Safety"`, "Stop on sharp pain.\n"),
	"content/hips/_index.md": page(`title = "Hips & glutes"
description = "Why hips matter"
weight = 1`, "The hip section.\n"),
	"content/hips/valgus.md": page(valgusFront, "## Why\n\nSee [clamshell](../exercises/clamshell/index.md#setup) and [safety](../safety.md).\n\n```go\nfunc main() {}\n```\n\n```exercise\nclamshell\n```\n"),
	"content/hips/draft.md": page(`title = "Unfinished"
draft = true`, "Not yet.\n"),
	"content/exercises/clamshell/index.md":    page(clamshellFront, "![Side-lying, top knee lifts](diagram.svg)\n\n## Setup\n\nLie on your side.\n"),
	"content/exercises/clamshell/diagram.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
	"static/favicon.ico":                      "icon",
}

// copyRepoSite copies the repository's site.toml and the folders named
// (content, templates) to dst on fsys.
func copyRepoSite(t *testing.T, fsys afero.Fs, dst string, dirs ...string) {
	t.Helper()
	root := filepath.Join("..", "..")
	osfs := afero.NewOsFs()
	copyFile := func(rel string) error {
		data, err := afero.ReadFile(osfs, filepath.Join(root, rel))
		if err != nil {
			return err
		}
		if err := fsys.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return afero.WriteFile(fsys, filepath.Join(dst, rel), data, 0o644)
	}
	if err := copyFile("site.toml"); err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		err := afero.Walk(osfs, filepath.Join(root, dir), func(p string, info fileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			return copyFile(rel)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// checkFile reports a file of out that was not written, each string of
// want it lacks and each string of not it holds.
func checkFile(t *testing.T, out map[string]string, file string, want, not []string) {
	t.Helper()
	got, ok := out[file]
	if !ok {
		t.Errorf("%s was not written", file)
		return
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", file, w)
		}
	}
	for _, n := range not {
		if strings.Contains(got, n) {
			t.Errorf("%s has %q", file, n)
		}
	}
}

func TestBuildWholeSite(t *testing.T) {
	out := build(t, newSite(t, basicSite), Options{})
	tests := []struct {
		file string
		want []string
	}{
		{"index.html", []string{
			"<title>Knee Lab</title>",
			`<h1>Strong knees</h1>`,
			`<a href="/knees/exercises/clamshell/">the clamshell</a>`,
			`<a href="/knees/hips/">Hips &amp; glutes</a>`,
			`<link rel="canonical" href="https://example.org/knees/">`,
			`href="#main">Skip to content`,
		}},
		{"hips/valgus/index.html", []string{
			"<title>Knee &lt;valgus&gt; &amp; you · Knee Lab</title>",
			"<h1>Knee &lt;valgus&gt; &amp; you</h1>",
			`<h2 id="why">Why</h2>`,
			`href="/knees/exercises/clamshell/#setup"`,
			`href="/knees/safety/"`,
			`<span class="kd">func</span>`,
			`<aside class="exercise-card"`,
			`<meta property="og:type" content="article">`,
			`<meta property="og:url" content="https://example.org/knees/hips/valgus/">`,
			`<a href="/knees/tags/knee-pain/">Knee pain</a>`,
			`<time datetime="2026-10-02">2 October 2026</time>`,
			`aria-current="page">Hips &amp; glutes</a>`,
		}},
		{"exercises/clamshell/index.html", []string{
			`<img src="/knees/exercises/clamshell/diagram.svg" alt="Side-lying, top knee lifts"`,
			`<a href="/knees/muscles/gluteus-medius/">gluteus medius</a>`,
			"<td>15–20 per side</td>",
			"<li>Keep your feet together.</li>",
		}},
		{"hips/index.html", []string{"<h1>Hips &amp; glutes</h1>", `<a href="/knees/hips/valgus/">Knee &lt;valgus&gt; &amp; you</a>`}},
		{"muscles/gluteus-medius/index.html", []string{`<a href="/knees/exercises/clamshell/">Clamshell</a>`}},
		{"tags/index.html", []string{`<a href="/knees/tags/glutes/">glutes</a>`, `<a href="/knees/tags/knee-pain/">Knee pain</a>`}},
		{"old/valgus/index.html", []string{`<meta http-equiv="refresh" content="0; url=/knees/hips/valgus/">`, `<link rel="canonical" href="https://example.org/knees/hips/valgus/">`}},
		{"valgus.html", []string{`<meta http-equiv="refresh" content="0; url=/knees/hips/valgus/">`}},
		{"sitemap.xml", []string{"<loc>https://example.org/knees/hips/valgus/</loc>", "<lastmod>2026-10-02</lastmod>", "<loc>https://example.org/knees/tags/glutes/</loc>"}},
		{"feed.xml", []string{"<title>Knee &lt;valgus&gt; &amp; you</title>", "<updated>2026-10-02T00:00:00Z</updated>", "<name>Coach &lt;Kim&gt;</name>"}},
		{"robots.txt", []string{"Sitemap: https://example.org/knees/sitemap.xml"}},
		{"404.html", []string{"Page not found", `href="/knees/theme/style.css"`}},
		{"theme/syntax.css", []string{".chroma .kd", "prefers-color-scheme: dark"}},
		{"theme/style.css", []string{"@media print"}},
		{"exercises/clamshell/diagram.svg", []string{"<svg"}},
		{"favicon.ico", []string{"icon"}},
	}
	for _, tt := range tests {
		checkFile(t, out, tt.file, tt.want, nil)
	}
	if _, ok := out["hips/draft/index.html"]; ok {
		t.Error("draft page was published without --drafts")
	}
	if _, ok := out["valgus.html/index.html"]; ok {
		t.Error("the alias /valgus.html became a folder; hosts serve /valgus.html only as a file")
	}
	if strings.Contains(out["sitemap.xml"], "old/valgus") || strings.Contains(out["sitemap.xml"], "404") {
		t.Error("sitemap lists an alias or the 404 page")
	}
	if n := strings.Count(out["hips/valgus/index.html"], "<h1"); n != 1 {
		t.Errorf("guide has %d h1 elements, want 1", n)
	}
}

// TestDatesKeepTheirOffset: a date written with an offset is that moment,
// in that zone, everywhere it is shown.
func TestDatesKeepTheirOffset(t *testing.T) {
	files := map[string]string{
		"site.toml":         siteTOML,
		"content/_index.md": page(`title = "Home"`, ""),
		"content/late.md":   page("title = \"Late\"\ndate = 2026-03-01T23:30:00-08:00", ""),
		"content/early.md":  page("title = \"Early\"\ndate = 2026-03-02T01:00:00Z", ""),
	}
	out := build(t, newSite(t, files), Options{})
	feed := out["feed.xml"]
	for _, want := range []string{"<updated>2026-03-01T23:30:00-08:00</updated>", "<updated>2026-03-02T01:00:00Z</updated>"} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed lacks %s:\n%s", want, feed)
		}
	}
	// 23:30 in California is 07:30 UTC on the 2nd: the later entry.
	if strings.Index(feed, "Late") > strings.Index(feed, "Early") {
		t.Error("the feed does not list the later moment first")
	}
	if !strings.Contains(out["sitemap.xml"], "<lastmod>2026-03-01</lastmod>") {
		t.Error("sitemap does not give the author's own day")
	}
	if !strings.Contains(out["late/index.html"], "1 March 2026") {
		t.Error("the page does not show the author's own day")
	}
}

func TestDraftsFlag(t *testing.T) {
	out := build(t, newSite(t, basicSite), Options{Drafts: true})
	if !strings.Contains(out["hips/draft/index.html"], "Unfinished") {
		t.Error("--drafts did not publish the draft")
	}
}

func TestBaseURLFlag(t *testing.T) {
	out := build(t, newSite(t, basicSite), Options{BaseURL: "https://user.github.io/proj"})
	if !strings.Contains(out["index.html"], `<link rel="canonical" href="https://user.github.io/proj/">`) ||
		!strings.Contains(out["index.html"], `href="/proj/exercises/clamshell/"`) {
		t.Errorf("base URL override not applied:\n%s", out["index.html"])
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	fs := newSite(t, basicSite)
	first := build(t, fs, Options{})
	second := build(t, fs, Options{Workers: 1})
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for k, v := range first {
		if second[k] != v {
			t.Errorf("%s differs between two builds", k)
		}
	}
}

func with(files map[string]string, changes map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name    string
		changes map[string]string
		want    []string
	}{
		{"broken link names file and line", map[string]string{
			"content/hips/bad.md": page(`title = "Bad"`, "Line one.\n\nSee [missing](../exercises/nope.md).\n"),
		}, []string{`content/hips/bad.md:6: broken link "../exercises/nope.md"`}},
		{"every bad file is reported", map[string]string{
			"content/a.md": page(`titel = "typo"`, ""),
			"content/b.md": page("title = \"B\"\nweight = \"first\"", ""),
			"content/c.md": "no front matter\n",
		}, []string{"content/a.md:2: titel: unknown key", "content/b.md:3: weight: incompatible types", "content/c.md:1: missing front matter"}},
		{"missing title", map[string]string{"content/d.md": page(`description = "x"`, "")}, []string{"content/d.md:1: title: missing"}},
		{"slug escapes", map[string]string{"content/e.md": page("title = \"E\"\nslug = \"../../etc\"", "")}, []string{"content/e.md:3: slug:", "not a single URL segment"}},
		{"alias escapes", map[string]string{"content/f.md": page("title = \"F\"\naliases = [\"/../../x/\"]", "")}, []string{"content/f.md:3: aliases:", "not a clean path"}},
		{"duplicate URL", map[string]string{"content/hips/g.md": page("title = \"G\"\nslug = \"valgus\"", "")}, []string{"/hips/valgus/ is also produced by"}},
		{"reps out of phase range", map[string]string{"content/exercises/h.md": page("title = \"H\"\nphase = [\"strength\"]\n[reps.strength]\nsets = 3\nmin = 12\nmax = 15", "")}, []string{"content/exercises/h.md:6: reps.strength.min: the strength phase works in 6 to 10 reps"}},
		{"bad site.toml", map[string]string{"site.toml": "title = \"x\"\nbase_url = \"https://e.org/\"\ncolour = \"red\"\n"}, []string{"site.toml:3: colour: unknown key"}},
		{"unknown exercise card", map[string]string{"content/i.md": page(`title = "I"`, "```exercise\nplank\n```\n")}, []string{`content/i.md:4: unknown exercise "plank"`}},
		{"template syntax error", map[string]string{"templates/page.html": "{{template \"base\" .}}\n{{define \"main\"}}\n{{if}}\n{{end}}\n"}, []string{"templates/page.html:3:"}},
		{"template missing field", map[string]string{"templates/page.html": "{{template \"base\" .}}\n{{define \"main\"}}\n{{.Page.Nope}}\n{{end}}\n"}, []string{"templates/page.html:3:", "Nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(newSite(t, with(basicSite, tt.changes)), Options{Source: "/site"})
			if err == nil {
				t.Fatal("build succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	fs := newSite(t, basicSite)
	before := build(t, fs, Options{})
	afero.WriteFile(fs, "/site/content/hips/bad.md", []byte(page(`title = "Bad"`, "[x](nope.md)\n")), 0o644)
	if _, err := Build(fs, Options{Source: "/site"}); err == nil {
		t.Fatal("want a broken link error")
	}
	tree, _ := outputtest.ReadTree(fs, "/site/public")
	if len(tree) != len(before) {
		t.Fatalf("output has %d files after a failed build, had %d", len(tree), len(before))
	}
	for k, v := range before {
		if string(tree[k]) != v {
			t.Errorf("%s changed by a failed build", k)
		}
	}
	// The next build starts from what the failed one left in the staging
	// folder and must still come out exactly as it should.
	fs.Remove("/site/content/hips/bad.md")
	after := build(t, fs, Options{})
	if len(after) != len(before) {
		t.Fatalf("rebuild after a failed build has %d files, want %d", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s differs after a failed build and a rebuild", k)
		}
	}
}

func TestDestinationSafety(t *testing.T) {
	tests := []struct {
		name, dest, want string
		setup            func(afero.Fs)
	}{
		{"site root", "/site", "is the site folder itself", nil},
		{"parent of site", "/", "contains the site folder", nil},
		{"inside content", "/site/content/out", "inside content/", nil},
		{"foreign folder", "/site/docs", "did not write", func(fs afero.Fs) { afero.WriteFile(fs, "/site/docs/thesis.pdf", []byte("x"), 0o644) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newSite(t, basicSite)
			if tt.setup != nil {
				tt.setup(fs)
			}
			_, err := Build(fs, Options{Source: "/site", Destination: tt.dest})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestCleanReplacesForeignFolder(t *testing.T) {
	fs := newSite(t, basicSite)
	afero.WriteFile(fs, "/site/docs/old.html", []byte("x"), 0o644)
	if _, err := Build(fs, Options{Source: "/site", Destination: "/site/docs", Clean: true}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := afero.Exists(fs, "/site/docs/old.html"); ok {
		t.Error("--clean kept the old file")
	}
}

func TestTemplateOverride(t *testing.T) {
	files := with(basicSite, map[string]string{
		"templates/page.html": "{{template \"base\" .}}\n{{define \"main\"}}<h1 class=\"custom\">{{.Page.Title}}</h1>{{end}}\n",
	})
	out := build(t, newSite(t, files), Options{})
	if !strings.Contains(out["hips/valgus/index.html"], `<h1 class="custom">`) {
		t.Error("templates/page.html did not override the embedded layout")
	}
	if !strings.Contains(out["exercises/clamshell/index.html"], `class="facts"`) {
		t.Error("other layouts should still come from the embedded theme")
	}
}

// TestLongListsStayShort: the home page shows the first 20 pages of a
// section and links to the rest, and the feed lists the newest
// FeedEntries pages, while the section list and the sitemap have them all.
func TestLongListsStayShort(t *testing.T) {
	files := map[string]string{
		"site.toml":              siteTOML,
		"content/_index.md":      page(`title = "Home"`, ""),
		"content/news/_index.md": page(`title = "Club news"`, ""),
	}
	for i := 1; i <= 60; i++ {
		files[fmt.Sprintf("content/news/n%02d.md", i)] = page(fmt.Sprintf("title = \"News %02d\"\ndate = 2026-01-01T%02d:%02d:00Z", i, i/10, i%10), "")
	}
	out := build(t, newSite(t, files), Options{})
	home := out["index.html"]
	if n := strings.Count(home, `href="/knees/news/n`); n != 20 {
		t.Errorf("home links %d news pages, want 20", n)
	}
	if !strings.Contains(home, `<a href="/knees/news/">All 60 in Club news</a>`) {
		t.Error("home does not link to the rest of the section")
	}
	if n := strings.Count(out["news/index.html"], `href="/knees/news/n`); n != 60 {
		t.Errorf("the section list links %d pages, want 60", n)
	}
	feed := out["feed.xml"]
	if n := strings.Count(feed, "<entry>"); n != FeedEntries {
		t.Errorf("feed has %d entries, want %d", n, FeedEntries)
	}
	if !strings.Contains(feed, "News 60") || strings.Contains(feed, "News 10<") {
		t.Error("the feed does not keep the newest entries")
	}
	if n := strings.Count(out["sitemap.xml"], "<loc>https://example.org/knees/news/n"); n != 60 {
		t.Errorf("sitemap lists %d news pages, want 60", n)
	}
}

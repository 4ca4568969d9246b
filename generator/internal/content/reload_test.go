package content

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/bench/corpusgen"
)

// reloadSite writes a site of n guides in ten sections, each with a title,
// a date, a weight for some and two tags.
func reloadSite(t testing.TB, n int) afero.Fs {
	t.Helper()
	fs := afero.NewMemMapFs()
	write := func(name, src string) {
		if err := afero.WriteFile(fs, path.Join("/c", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("_index.md", "+++\ntitle = \"Home\"\n+++\n")
	for i := 0; i < n; i++ {
		weight := ""
		if i%7 == 0 {
			weight = fmt.Sprintf("weight = %d\n", i%5+1)
		}
		write(fmt.Sprintf("s%d/p%05d.md", i%10, i), fmt.Sprintf("+++\ntitle = \"Page %d\"\ndate = 2026-01-%02d\n%stags = [\"t%d\", \"u%d\"]\n+++\nBody of %d links to [the first](../s0/p00000.md).\n",
			i, 1+i%28, weight, i%40, i%13, i))
	}
	return fs
}

// TestReloadMatchesLoad: a site reloaded after edits is the site a fresh
// Load of the same files gives: the same pages in the same order, with
// the same URLs, neighbours and terms.
func TestReloadMatchesLoad(t *testing.T) {
	fs := reloadSite(t, 60)
	opts := Options{Dir: "/c", BaseURL: "https://example.org/", BasePath: "/"}
	s, err := Load(fs, opts)
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]string{
		"s1/p00001.md": "+++\ntitle = \"Zebra\"\nweight = 1\ntags = [\"new\"]\n+++\nMoved to the top.\n",
		"s2/p00002.md": "",                                                           // removed
		"s3/added.md":  "+++\ntitle = \"Added\"\nslug = \"fresh\"\n+++\nNew page.\n", // added, with a slug
		"s4/p00004.md": "+++\ntitle = \"Draft now\"\ndraft = true\n+++\n",            // hidden
	}
	var files []string
	for name, src := range edits {
		files = append(files, name)
		if src == "" {
			fs.Remove(path.Join("/c", name))
			continue
		}
		afero.WriteFile(fs, path.Join("/c", name), []byte(src), 0o644)
	}
	before := describeSite(s)
	got, err := s.Reload(fs, files)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load(fs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := describeSite(got), describeSite(want); g != w {
		t.Errorf("reloaded site differs from a fresh load:\n got %s\nwant %s", g, w)
	}
	if describeSite(s) != before {
		t.Error("Reload changed the site it started from")
	}
	if got.Bytes != want.Bytes {
		t.Errorf("Bytes = %d, want %d", got.Bytes, want.Bytes)
	}
}

// describeSite prints what templates and the build read of a site.
func describeSite(s *Site) string {
	var b strings.Builder
	for _, p := range s.Pages {
		prev, next := p.Neighbours()
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s;", p.File, p.URL, p.Title, pageName(prev), pageName(next))
	}
	for _, tax := range s.Taxonomies {
		for _, term := range tax.Terms {
			fmt.Fprintf(&b, "%s/%s:", tax.Name, term.Slug)
			for _, p := range term.Pages {
				b.WriteString(p.File + ",")
			}
		}
	}
	return b.String()
}

func pageName(p *Page) string {
	if p == nil {
		return "-"
	}
	return p.File
}

// TestReloadReportsCollisions: an edit that gives a page another page's
// URL fails, positioned at the slug, and leaves the site as it was.
func TestReloadReportsCollisions(t *testing.T) {
	fs := reloadSite(t, 20)
	s, err := Load(fs, Options{Dir: "/c", BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	afero.WriteFile(fs, "/c/s1/p00001.md", []byte("+++\ntitle = \"Clash\"\nslug = \"p00011\"\n+++\n"), 0o644)
	_, err = s.Reload(fs, []string{"s1/p00001.md"})
	if err == nil || !strings.Contains(err.Error(), "s1/p00001.md:3") || !strings.Contains(err.Error(), "also produced by content/s1/p00011.md") {
		t.Fatalf("got %v, want a collision at the slug line", err)
	}
	if p, _ := s.PageByFile("s1/p00001.md"); p.Title != "Page 1" {
		t.Errorf("a failed Reload changed the site: %q", p.Title)
	}
}

// BenchmarkReload measures assembling a 10,000-page site again after one
// title edit, which serve does for every edit that moves a page.
func BenchmarkReload(b *testing.B) {
	fs := reloadSite(b, 10000)
	s, err := Load(fs, Options{Dir: "/c", BasePath: "/"})
	if err != nil {
		b.Fatal(err)
	}
	afero.WriteFile(fs, "/c/s1/p00001.md", []byte("+++\ntitle = \"Edited\"\n+++\n"), 0o644)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Reload(fs, []string{"s1/p00001.md"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCompareJoined(t *testing.T) {
	for _, tt := range [][4]string{
		{"a", "bc/", "ab", "c/"}, {"", "hips/", "running/_index.md", "running/"}, {"x", "", "x", ""},
		{"a/b.md", "a/b/", "a/b.md", "a/c/"}, {"ab", "", "a", "b"}, {"", "", "", "a"},
	} {
		want := strings.Compare(tt[0]+tt[1], tt[2]+tt[3])
		if got := compareJoined(tt[0], tt[1], tt[2], tt[3]); got != want {
			t.Errorf("compareJoined(%q) = %d, want %d", tt, got, want)
		}
		if got := compareJoined(tt[2], tt[3], tt[0], tt[1]); got != -want {
			t.Errorf("compareJoined(%q) reversed = %d, want %d", tt, got, -want)
		}
	}
}

// BenchmarkReloadCorpus reloads one retitled guide of the 10,000-page
// benchmark corpus, as serve does for a title edit.
//
//	go test ./generator/internal/content -run '^$' -bench ReloadCorpus
func BenchmarkReloadCorpus(b *testing.B) {
	fs := afero.NewMemMapFs()
	c := corpusgen.New(corpusgen.Options{Pages: 10000, Seed: 1})
	if err := c.Write(fs, "/site"); err != nil {
		b.Fatal(err)
	}
	s, err := Load(fs, Options{Dir: "/site/content", BasePath: "/"})
	if err != nil {
		b.Fatal(err)
	}
	guide := 0
	for c.Kind(guide) != "guide" {
		guide++
	}
	file := strings.TrimPrefix(c.PagePath(guide), "content/")
	if err := afero.WriteFile(fs, "/site/content/"+file, c.Page(guide, corpusgen.Edit{Title: "Edited"}), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Reload(fs, []string{file}); err != nil {
			b.Fatal(err)
		}
	}
}

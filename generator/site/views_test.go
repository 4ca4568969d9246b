package site

import (
	"strings"
	"testing"
)

// bodiesTheme is a user theme that shows every listed page's full body on
// its section's list page: rendering must hand each layout the bodies of
// other pages without writing them into the loaded model.
var bodiesTheme = map[string]string{
	"templates/section.html": `{{template "base" .}}
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}
{{range .Section.Pages}}<article data-page="{{.Title}}">{{.Content}}</article>
{{end}}{{end}}
`,
}

// TestThemeShowingOtherBodiesIsDeterministic builds a site whose section
// pages print their pages' bodies. Run under -race (CI does) it would
// report the old write of each body into content.Page while other pages
// rendered; here it also checks two builds are byte-identical and that the
// bodies really are there.
func TestThemeShowingOtherBodiesIsDeterministic(t *testing.T) {
	files := with(basicSite, bodiesTheme)
	first := build(t, newSite(t, files), Options{Workers: 4})
	list := first["hips/index.html"]
	for _, want := range []string{`<article data-page="Knee &lt;valgus&gt; &amp; you">`, "<p>"} {
		if !strings.Contains(list, want) {
			t.Fatalf("the section list lacks %q:\n%s", want, list)
		}
	}
	for i := 0; i < 3; i++ {
		again := build(t, newSite(t, files), Options{Workers: 4})
		for name, data := range first {
			if again[name] != data {
				t.Fatalf("build %d differs in %s", i+2, name)
			}
		}
	}
}

// TestLiveBodyEditReachesListsThatShowBodies: when a theme shows other
// pages' bodies, serve re-renders the lists after a body edit.
func TestLiveBodyEditReachesListsThatShowBodies(t *testing.T) {
	fs := newSite(t, with(liveSite, bodiesTheme))
	l := newLive(t, fs)
	changed := edit(t, fs, map[string]*string{
		"content/hips/valgus.md": text(page(valgusFront, "A brand new sentence about valgus.\n")),
	})
	if _, err := l.Update(changed); err != nil {
		t.Fatal(err)
	}
	assertSameAsFullBuild(t, fs, l)
}

// TestSyntaxStylesOnlyWhereCodeIs: the highlighting stylesheet is linked
// from pages with a code block and left off the others.
func TestSyntaxStylesOnlyWhereCodeIs(t *testing.T) {
	files := with(basicSite, map[string]string{
		"content/hips/code.md": page(`title = "Code"`, "```toml\nweeks = 8\n```\n"),
	})
	out := build(t, newSite(t, files), Options{})
	if !strings.Contains(out["hips/code/index.html"], "syntax.css") {
		t.Error("a page with code does not link syntax.css")
	}
	if strings.Contains(out["safety/index.html"], "syntax.css") {
		t.Error("a page without code links syntax.css")
	}
}

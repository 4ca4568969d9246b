package site

import (
	"strings"
	"testing"

	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/qrsvg"
)

// TestExerciseSheetAndLibrary checks what the take-home sheet and the
// exercise library need from the build: the page's QR code, drawn from its
// permalink so it follows --base-url, and the library's cards with the
// bundles' diagrams.
func TestExerciseSheetAndLibrary(t *testing.T) {
	for _, base := range []string{"", "https://user.github.io/proj/"} {
		out := build(t, newSite(t, basicSite), Options{BaseURL: base})
		permalink, path := "https://example.org/knees/exercises/clamshell/", "/knees/"
		if base != "" {
			permalink, path = base+"exercises/clamshell/", "/proj/"
		}
		want, err := qrsvg.SVG(permalink, "QR code: "+permalink)
		if err != nil {
			t.Fatal(err)
		}
		sheet := out["exercises/clamshell/index.html"]
		if !strings.Contains(sheet, string(want)) {
			t.Errorf("base %q: the clamshell page lacks the QR code of %s", base, permalink)
		}
		if !strings.Contains(sheet, `<img class="sheet-diagram" src="`+path+`exercises/clamshell/diagram.svg"`) {
			t.Errorf("base %q: the clamshell page lacks its sheet diagram", base)
		}
		library := out["exercises/index.html"]
		for _, w := range []string{
			`<ul class="ex-grid" id="exercise-list">`,
			`<img src="` + path + `exercises/clamshell/diagram.svg" alt=""`,
			`<a href="` + path + `exercises/clamshell/">Clamshell</a>`,
			`<span class="chip">gluteus medius</span>`,
			`level-intermediate`, // the default level
		} {
			if !strings.Contains(library, w) {
				t.Errorf("base %q: the exercise library lacks %q", base, w)
			}
		}
		// Search follows the base path too: Pagefind's bundle and its
		// result links are below it (search.js reads data-base).
		for file, w := range map[string]string{
			"search/index.html":    `data-search data-base="` + path + `"`,
			"index.html":           `action="` + path + `search/"`,
			"exercises/index.html": `src="` + path + `theme/filter.js"`,
		} {
			if !strings.Contains(out[file], w) {
				t.Errorf("base %q: %s lacks %q", base, file, w)
			}
		}
	}
}

func TestResourceURL(t *testing.T) {
	b, err := newBuilder(newSite(t, basicSite), Options{Source: "/site"})
	if err != nil {
		t.Fatal(err)
	}
	clam, ok := b.site.Exercise("clamshell")
	if !ok {
		t.Fatal("no clamshell")
	}
	guide, _ := b.site.PageByPath("hips/valgus/")
	for _, tt := range []struct {
		page       *content.Page
		name, want string
	}{
		{clam, "diagram.svg", "/knees/exercises/clamshell/diagram.svg"},
		{clam, "photo.jpg", ""},
		{clam, "../clamshell/diagram.svg", ""},
		{guide, "diagram.svg", ""},
		{nil, "diagram.svg", ""},
	} {
		var pv loadedPage
		if tt.page != nil {
			pv = b.views.page(tt.page)
		}
		if got := b.resourceURL(pv, tt.name); got != tt.want {
			t.Errorf("resource %q of %v = %q, want %q", tt.name, tt.page, got, tt.want)
		}
	}
}

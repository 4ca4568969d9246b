package site

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// TestLiveStructuralEdits covers edits that move a page or change a list:
// serve assembles the site again from the pages it has and renders only
// the outputs that showed the page before or show it now. Every case ends
// with the live output compared to a full build.
func TestLiveStructuralEdits(t *testing.T) {
	// linking is liveSite with a guide whose body links to bridge-basics.
	linking := with(liveSite, map[string]string{
		"content/hips/why.md": page(`title = "Why hips"
weight = 9`, "Start with [bridge basics](bridge-basics.md).\n"),
	})
	lists := []string{"equipment/index.html", "feed.xml", "muscles/index.html", "tags/index.html"}
	tests := []struct {
		name      string
		site      map[string]string
		files     map[string]*string
		full, all bool
		written   []string // besides lists
		removed   []string
	}{
		{
			name:  "title edit renders the page, its neighbours, lists, terms and redirects",
			files: map[string]*string{"content/hips/valgus.md": text(page(strings.Replace(valgusFront, "Knee <valgus>", "Valgus", 1), "Body.\n"))},
			written: []string{"hips/bridge-basics/index.html", "hips/index.html", "hips/valgus/index.html", "index.html",
				"old/valgus/index.html", "tags/glutes/index.html", "tags/knee-pain/index.html", "valgus.html"},
		},
		{
			name: "weight edit reorders the section: old and new neighbours render",
			site: linking,
			files: map[string]*string{"content/hips/bridge-basics.md": text(page(`title = "Bridge basics"
description = "Start here"
weight = 10
tags = ["glutes"]`, "Lift the hips.\n"))},
			written: []string{"hips/bridge-basics/index.html", "hips/index.html", "hips/valgus/index.html", "hips/why/index.html",
				"index.html", "tags/glutes/index.html"},
		},
		{
			name: "slug edit moves the page and renders the pages that link to it",
			site: linking,
			files: map[string]*string{"content/hips/bridge-basics.md": text(page(`title = "Bridge basics"
description = "Start here"
slug = "bridges"
weight = 3
tags = ["glutes"]`, "Lift the hips.\n"))},
			written: []string{"hips/bridges/index.html", "hips/index.html", "hips/valgus/index.html", "hips/why/index.html",
				"index.html", "sitemap.xml", "tags/glutes/index.html"},
			removed: []string{"hips/bridge-basics/index.html"},
		},
		{
			name: "tag edit renders the old and the new term; a term no page has goes",
			files: map[string]*string{"content/hips/valgus.md": text(page(
				strings.Replace(valgusFront, `["Knee pain", "glutes"]`, `["glutes", "hips"]`, 1), "Body.\n"))},
			written: []string{"hips/bridge-basics/index.html", "hips/index.html", "hips/valgus/index.html", "index.html",
				"old/valgus/index.html", "sitemap.xml", "tags/glutes/index.html", "tags/hips/index.html", "valgus.html"},
			removed: []string{"tags/knee-pain/index.html"},
		},
		{
			name:    "new page renders its section, neighbours and home",
			files:   map[string]*string{"content/hips/new.md": text(page(`title = "New"`, "New.\n"))},
			written: []string{"hips/bridge-basics/index.html", "hips/index.html", "hips/new/index.html", "index.html", "sitemap.xml"},
		},
		{
			name:    "removed page goes; its neighbours, lists and terms render",
			files:   map[string]*string{"content/hips/bridge-basics.md": nil},
			written: []string{"hips/index.html", "hips/valgus/index.html", "index.html", "sitemap.xml", "tags/glutes/index.html"},
			removed: []string{"hips/bridge-basics/index.html"},
		},
		{
			name: "a draft published is a new page",
			files: map[string]*string{"content/hips/draft.md": text(page(`title = "Unfinished"
draft = false`, "Not yet.\n"))},
			written: []string{"hips/bridge-basics/index.html", "hips/draft/index.html", "hips/index.html", "index.html", "sitemap.xml"},
		},
		{
			name:  "a page every layout looks up (the safety note) renders everything when it moves",
			files: map[string]*string{"content/safety.md": text(page("title = \"Safety\"\nslug = \"stop-rules\"", "Stop on sharp pain.\n"))},
			all:   true,
		},
		{
			name:  "section title renders everything: navigation and breadcrumbs show it",
			files: map[string]*string{"content/hips/_index.md": text(page("title = \"Hips\"\nweight = 1", "The hip section.\n"))},
			all:   true,
		},
		{
			name:  "no page has tags any more: the footer of every page changes",
			files: map[string]*string{"content/hips/valgus.md": text(page(strings.Replace(valgusFront, `tags = ["Knee pain", "glutes"]`, "", 1), "Body.\n")), "content/hips/bridge-basics.md": nil},
			all:   true,
		},
		{
			name:  "exercise title renders its lists, the guides with its card and the programs planned again",
			files: map[string]*string{"content/exercises/clamshell/index.md": text(page(strings.Replace(clamshellFront, `"Clamshell"`, `"Clam"`, 1), "## Setup\n"))},
			written: []string{"equipment/band/index.html", "exercises/clamshell/index.html", "exercises/index.html",
				"hips/valgus/index.html", "index.html", "muscles/gluteus-medius/index.html", "programs/"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := tt.site
			if site == nil {
				site = liveSite
			}
			fs := newSite(t, site)
			l := newLive(t, fs)
			ch, err := l.Update(edit(t, fs, tt.files))
			if err != nil {
				t.Fatalf("update failed:\n%v", err)
			}
			want := &Change{Full: tt.full, All: tt.all, Removed: tt.removed}
			if !tt.full && !tt.all {
				// Every structural edit writes the taxonomy lists and
				// the feed.
				want.Written = append(append([]string{}, tt.written...), lists...)
				slices.Sort(want.Written)
			}
			assertChange(t, ch, want)
			assertSameAsFullBuild(t, fs, l)
		})
	}
}

// TestLiveEditSequencesMatchFullBuilds applies a seeded random sequence
// of edits of every kind (titles, weights, dates, slugs, tags, aliases,
// drafts, links between pages, pages added and removed) and compares the
// live output with a full build after each one.
func TestLiveEditSequencesMatchFullBuilds(t *testing.T) {
	for seed := uint64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			fs := newSite(t, liveSite)
			l := newLive(t, fs)
			g := guideModel{shown: map[string]bool{"hips/valgus.md": true, "hips/bridge-basics.md": true}, links: map[string]string{}}
			for step := 0; step < 25; step++ {
				file, src := g.edit(rng)
				change := map[string]*string{"content/" + file: nil}
				if src != "" {
					change["content/"+file] = text(src)
				}
				ch, err := l.Update(edit(t, fs, change))
				if err != nil {
					t.Fatalf("step %d (%s):\n%v", step, file, err)
				}
				if ch.Full {
					t.Errorf("step %d (%s) loaded the whole site again; guide edits need not", step, file)
				}
				assertSameAsFullBuild(t, fs, l)
				if t.Failed() {
					t.Fatalf("step %d: %s became\n%s", step, file, src)
				}
			}
		})
	}
}

// guideModel tracks the guides of the hips section a random edit sequence
// has made, so that every step is a site that builds: a guide that
// another links to is never removed or made a draft.
type guideModel struct {
	shown map[string]bool   // guides that exist and are not drafts
	links map[string]string // guide -> the guide its body links to
}

var guideFiles = []string{"hips/valgus.md", "hips/bridge-basics.md", "hips/a.md", "hips/b.md", "hips/c.md"}

func (g *guideModel) linkedTo(file string) bool {
	for from, to := range g.links {
		if to == file && from != file && g.shown[from] {
			return true
		}
	}
	return false
}

// edit picks a guide and returns its new source, or "" to remove it.
func (g *guideModel) edit(rng *rand.Rand) (string, string) {
	file := guideFiles[rng.IntN(len(guideFiles))]
	hideable := g.shown[file] && len(g.shown) > 2 && !g.linkedTo(file)
	delete(g.links, file)
	if hideable && rng.IntN(5) == 0 {
		delete(g.shown, file)
		return file, ""
	}
	name := strings.TrimSuffix(strings.TrimPrefix(file, "hips/"), ".md")
	front := []string{fmt.Sprintf("title = %q", []string{"Alpha", "Bravo", "Charlie", "Delta"}[rng.IntN(4)])}
	if rng.IntN(2) == 0 {
		front = append(front, fmt.Sprintf("weight = %d", rng.IntN(4)))
	}
	if rng.IntN(2) == 0 {
		front = append(front, fmt.Sprintf("date = 2026-10-%02d", 1+rng.IntN(9)))
	}
	if rng.IntN(3) == 0 {
		front = append(front, fmt.Sprintf("slug = %q", name+"-moved"))
	}
	if rng.IntN(2) == 0 {
		front = append(front, fmt.Sprintf("tags = [%q]", []string{"glutes", "knee pain", "hips"}[rng.IntN(3)]))
	}
	if rng.IntN(4) == 0 {
		front = append(front, fmt.Sprintf("aliases = [%q]", "/old/"+name+"/"))
	}
	g.shown[file] = true
	if (hideable || !g.shown[file]) && rng.IntN(6) == 0 {
		front = append(front, "draft = true")
		delete(g.shown, file)
	}
	body := "Body.\n"
	if to := guideFiles[rng.IntN(len(guideFiles))]; to != file && g.shown[to] && g.shown[file] && rng.IntN(2) == 0 {
		body += fmt.Sprintf("\nSee [the other guide](%s).\n", strings.TrimPrefix(to, "hips/"))
		g.links[file] = to
	}
	return file, page(strings.Join(front, "\n"), body)
}

// TestLiveExerciseEditsMatchFullBuilds edits the front matter of the
// repository's own exercise pages at random (titles, cues, levels,
// equipment, loads, muscles, weights) and compares the live output, the
// planned programs included, with a full build after each edit.
func TestLiveExerciseEditsMatchFullBuilds(t *testing.T) {
	fs := repoSiteCopy(t)
	exercises, err := afero.Glob(fs, "/site/content/exercises/*/index.md")
	if err != nil || len(exercises) < 10 {
		t.Fatalf("exercise pages: %v, %v", exercises, err)
	}
	// A guide shows a card of every exercise.
	var cards strings.Builder
	for _, file := range exercises {
		fmt.Fprintf(&cards, "```exercise\n%s\n```\n\n", filepath.Base(filepath.Dir(file)))
	}
	if err := afero.WriteFile(fs, "/site/content/cards.md", []byte(page(`title = "Every card"`, cards.String())), 0o644); err != nil {
		t.Fatal(err)
	}
	l := newLive(t, fs)
	steps := 12
	if testing.Short() {
		steps = 4
	}
	rng := rand.New(rand.NewPCG(3, 11))
	for step := 0; step < steps; step++ {
		file := exercises[rng.IntN(len(exercises))]
		src, err := afero.ReadFile(fs, file)
		if err != nil {
			t.Fatal(err)
		}
		changed, what := editExercise(rng, string(src), step)
		ch, err := l.Update(edit(t, fs, map[string]*string{strings.TrimPrefix(file, "/site/"): &changed}))
		if err != nil {
			t.Fatalf("step %d (%s of %s):\n%v", step, what, file, err)
		}
		if ch.Full || ch.All {
			t.Errorf("step %d (%s of %s) rendered everything: %s", step, what, file, ch)
		}
		if changed != string(src) && !slices.Contains(ch.Written, "programs/") {
			t.Errorf("step %d (%s of %s) left the programs as they were", step, what, file)
		}
		assertSameAsFullBuild(t, fs, l)
		if t.Failed() {
			t.Fatalf("step %d: %s of %s", step, what, file)
		}
	}
}

// editExercise changes one front matter line of an exercise page.
func editExercise(rng *rand.Rand, src string, step int) (string, string) {
	replace := func(key, value string) string {
		re := regexp.MustCompile(`(?m)^` + key + ` = .*$`)
		if re.MatchString(src) {
			return re.ReplaceAllLiteralString(src, key+" = "+value)
		}
		return strings.Replace(src, "+++\n", "+++\n"+key+" = "+value+"\n", 1)
	}
	switch rng.IntN(7) {
	case 0:
		return replace("title", fmt.Sprintf("%q", fmt.Sprintf("Renamed exercise %d", step))), "title"
	case 1:
		return replace("cues", fmt.Sprintf(`["Cue %d: move slowly."]`, step)), "cues"
	case 2:
		return replace("level", fmt.Sprintf("%q", []string{"beginner", "intermediate", "advanced"}[rng.IntN(3)])), "level"
	case 3:
		return replace("equipment", []string{`["bodyweight"]`, `["bodyweight", "bench"]`, `["bodyweight", "mat"]`}[rng.IntN(3)]), "equipment"
	case 4:
		return replace("load", []string{`["dumbbells"]`, `["band"]`, `["dumbbells", "kettlebell"]`, `[]`}[rng.IntN(4)]), "load"
	case 5:
		return replace("muscles", []string{`["gluteus medius"]`, `["quadriceps", "gluteus maximus"]`, `["hamstrings"]`}[rng.IntN(3)]), "muscles"
	default:
		return replace("weight", fmt.Sprint(rng.IntN(200))), "weight"
	}
}

// repoSiteCopy is the repository's site (site.toml and content/) in
// memory below /site, with the default theme.
func repoSiteCopy(t *testing.T) afero.Fs {
	t.Helper()
	fs := afero.NewMemMapFs()
	copyRepoSite(t, fs, "/site", "content")
	return fs
}

// TestLiveVariationCheckedAsInAFullBuild: an exercise's easier or harder
// variation must name an exercise page. The check runs across pages,
// when the site is assembled, so serve assembles for it and fails as a
// full build does.
func TestLiveVariationCheckedAsInAFullBuild(t *testing.T) {
	fs := repoSiteCopy(t)
	l := newLive(t, fs)
	file := "content/exercises/step-up/index.md"
	src, err := afero.ReadFile(fs, "/site/"+file)
	if err != nil {
		t.Fatal(err)
	}
	harder := regexp.MustCompile(`(?m)^harder = .*$`)
	if !harder.Match(src) {
		t.Fatal("step-up names no harder variation")
	}
	changed := harder.ReplaceAllString(string(src), `harder = "no-such-exercise"`)
	_, liveErr := l.Update(edit(t, fs, map[string]*string{file: &changed}))
	_, fullErr := Build(fs, Options{Source: "/site", Destination: "/full"})
	const want = `harder: "no-such-exercise" is not an exercise page`
	if fullErr == nil || !strings.Contains(fullErr.Error(), want) {
		t.Fatalf("full build: %v; want an error with %q", fullErr, want)
	}
	if liveErr == nil || !strings.Contains(liveErr.Error(), want) {
		t.Errorf("serve: %v; want an error with %q", liveErr, want)
	}
}

// TestLiveDateInAnotherZone: the same instant written in another zone is
// another day in the sitemap (it shows the date as written), so the
// sitemap is written again.
func TestLiveDateInAnotherZone(t *testing.T) {
	dated := func(date string) string {
		return page(strings.Replace(valgusFront, "date = 2026-10-02", "date = "+date, 1), "Body.\n")
	}
	fs := newSite(t, with(liveSite, map[string]string{"content/hips/valgus.md": dated("2026-10-01T23:30:00Z")}))
	l := newLive(t, fs)
	ch, err := l.Update(edit(t, fs, map[string]*string{"content/hips/valgus.md": text(dated("2026-10-02T00:30:00+01:00"))}))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ch.Written, "sitemap.xml") {
		t.Errorf("wrote %q; want the sitemap among them", ch.Written)
	}
	assertSameAsFullBuild(t, fs, l)
}

// TestLiveBuilderComesWithTheFirstExercise: whether a site has the
// program builder depends on its having exercise pages, so the first one
// added, or the last one removed, builds the site again with the builder
// page or without it.
func TestLiveBuilderComesWithTheFirstExercise(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the builder's module with the Go toolchain")
	}
	fs := newSite(t, map[string]string{
		"site.toml":                   siteTOML,
		"content/_index.md":           page(`title = "Knees"`, "Welcome.\n"),
		"content/exercises/_index.md": page(`title = "Exercises"`, "The library.\n"),
	})
	l := NewLive(fs, Options{Source: "/site", BuilderSource: repoSource(t)})
	if _, err := l.Build(); err != nil {
		t.Fatal(err)
	}
	hasBuilder := func() bool {
		var ok bool
		l.View(func(out afero.Fs, _ error) { ok, _ = afero.Exists(out, "/"+builderPath+"index.html") })
		return ok
	}
	if hasBuilder() {
		t.Fatal("a site without exercise pages has a builder page")
	}
	clamshell := "content/exercises/clamshell/index.md"
	ch, err := l.Update(edit(t, fs, map[string]*string{clamshell: text(page(clamshellFront, "## Setup\n"))}))
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Full || !hasBuilder() {
		t.Errorf("after the first exercise: %s; builder page %v, want a full build with it", ch, hasBuilder())
	}
	ch, err = l.Update(edit(t, fs, map[string]*string{clamshell: nil}))
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Full || hasBuilder() {
		t.Errorf("after the last exercise went: %s; builder page %v, want a full build without it", ch, hasBuilder())
	}
}

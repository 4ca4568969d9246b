package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/internal/config"
	"github.com/stance-ssg/stance/generator/internal/gowasm"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
	"github.com/stance-ssg/stance/generator/internal/webplan"
)

// repoSource is the Go source the stance command embeds for the builder's
// module (see builder.go at the root), read from the repository: go.mod,
// go.sum and the Go files below generator/.
func repoSource(t *testing.T) fs.FS {
	t.Helper()
	src := fstest.MapFS{}
	root := filepath.Join("..", "..")
	add := func(rel string) {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		src[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
	}
	add("go.mod")
	add("go.sum")
	err := filepath.WalkDir(filepath.Join(root, "generator"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err == nil {
			add(rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// buildRepo builds the repository's site with the builder's source into
// a temporary folder and returns the result and the files written.
func buildRepo(t *testing.T, source fs.FS) (*Result, map[string][]byte) {
	t.Helper()
	osfs := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(osfs, Options{Source: "../..", Destination: dest, BuilderSource: source})
	if err != nil {
		t.Fatalf("the repository's site does not build:\n%v", err)
	}
	tree, err := outputtest.ReadTree(osfs, dest)
	if err != nil {
		t.Fatal(err)
	}
	return res, tree
}

// TestBuilderPage builds the repository's site with the builder, and
// checks the page, its files and its links; then plans every example
// profile of the repository with the module's Go code and the data the
// build wrote, and checks that the program file and calendar are the
// ones `stance program` makes of the same profile in the site, byte for
// byte.
func TestBuilderPage(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the builder's module with the Go toolchain")
	}
	res, tree := buildRepo(t, repoSource(t))
	if len(res.Notes) > 0 {
		t.Fatalf("the builder was left out: %v", res.Notes)
	}
	for _, name := range []string{"index.html", "planner.wasm", "wasm_exec.js", "builder.json"} {
		if len(tree[builderPath+name]) == 0 {
			t.Errorf("%s%s is missing or empty", builderPath, name)
		}
	}
	if !bytes.HasPrefix(tree[builderPath+"planner.wasm"], []byte("\x00asm")) {
		t.Error("planner.wasm is not a WebAssembly module")
	}
	page := string(tree[builderPath+"index.html"])
	for _, want := range []string{
		`<form id="builder-form"`, `data-module="/programs/build/planner.wasm"`, `data-data="/programs/build/builder.json"`,
		`<script src="/programs/build/wasm_exec.js" defer></script>`, `<script src="/theme/builder.js" defer></script>`,
		`href="/theme/builder.css"`, `name="runs.monday.type"`, `name="loads.dumbbells"`, `<legend>Sunday</legend>`,
		"nothing you type in this form is sent anywhere", "transfers about ",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the builder page has no %s", want)
		}
	}
	if len(tree["theme/builder.js"]) == 0 || len(tree["theme/builder.css"]) == 0 {
		t.Error("the theme's builder.js or builder.css is missing")
	}
	if !strings.Contains(string(tree["index.html"]), `href="/programs/build/"`) {
		t.Error("the home page does not link the builder")
	}
	if !strings.Contains(string(tree["sitemap.xml"]), "<loc>https://example.org/programs/build/</loc>") {
		t.Error("the sitemap does not list the builder")
	}
	for name, body := range tree {
		if strings.HasSuffix(name, ".html") && name != builderPath+"index.html" &&
			(bytes.Contains(body, []byte("builder.js")) || bytes.Contains(body, []byte("wasm_exec.js")) || bytes.Contains(body, []byte(".wasm"))) {
			t.Errorf("%s loads the builder's scripts; only the builder page may", name)
		}
	}

	planner, err := webplan.Load(tree[builderPath+"builder.json"])
	if err != nil {
		t.Fatal(err)
	}
	profiles, _ := filepath.Glob("../../content/programs/*.toml")
	if len(profiles) < 3 {
		t.Fatalf("%d example profiles", len(profiles))
	}
	for _, profile := range profiles {
		t.Run(filepath.Base(profile), func(t *testing.T) {
			want, err := Programs(afero.NewOsFs(), ProgramOptions{Site: Options{Source: "../.."}, Profiles: []string{profile}})
			if err != nil {
				t.Fatal(err)
			}
			got := planner.Make(formAnswers(t, profile))
			if len(got.Problems) > 0 {
				t.Fatalf("the builder finds problems in %s: %v\nprofile:\n%s", profile, got.Problems, got.Profile)
			}
			if got.File != string(want[0].HTML) {
				t.Errorf("the builder's program file differs from stance program's (%d and %d bytes)", len(got.File), len(want[0].HTML))
			}
			if got, want := withoutPageLinks(got.Calendar), withoutPageLinks(string(want[0].ICS)); got != want {
				t.Errorf("the builder's calendar differs from stance program's, page links aside:\n%s\nwant:\n%s", got, want)
			}
			if strings.Contains(got.Calendar, "/programs/"+got.Slug+"/") {
				t.Error("the builder's calendar links a program page the site does not have")
			}
			built := string(tree["programs/"+got.Slug+"/index.html"])
			if weeks := strings.Count(got.Page, `<section class="program-week"`); weeks != got.Weeks || weeks != strings.Count(built, `<section class="program-week"`) {
				t.Errorf("the builder's page has %d weeks, the program %d, the site's page %d", weeks, got.Weeks, strings.Count(built, `<section class="program-week"`))
			}
			if strings.Contains(got.Page, "https://example.org/exercises/") || !strings.Contains(got.Page, `href="/exercises/`) {
				t.Error("the builder's page does not link exercises within the site, as the site's program pages do")
			}
		})
	}

	start := time.Now()
	again, _ := buildRepo(t, repoSource(t))
	if took := time.Since(start); took > 10*time.Second || len(again.Notes) > 0 {
		t.Errorf("a second build with the same source took %s (%v); the module should come from the cache", took, again.Notes)
	}
}

// withoutPageLinks unfolds a calendar's lines and drops what links the
// program's page: each event's URL and the last line of its description.
func withoutPageLinks(cal string) string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(cal, "\r\n ", ""), "\r\n") {
		if strings.HasPrefix(line, "URL:") {
			continue
		}
		if before, _, ok := strings.Cut(line, `\nProgram page: `); ok && strings.HasPrefix(line, "DESCRIPTION:") {
			line = before
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// formAnswers fills the builder's form the way an athlete would to ask
// for the profile in file: one answer per field, named by profile key.
func formAnswers(t *testing.T, file string) []webplan.Answer {
	t.Helper()
	var raw map[string]any
	if _, err := toml.DecodeFile(file, &raw); err != nil {
		t.Fatal(err)
	}
	var out []webplan.Answer
	add := func(name string, v any) {
		switch v := v.(type) {
		case time.Time:
			out = append(out, webplan.Answer{Name: name, Value: v.Format(time.DateOnly)})
		default:
			out = append(out, webplan.Answer{Name: name, Value: fmt.Sprint(v)})
		}
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch v := raw[k].(type) {
		case []any: // equipment: one ticked box each
			for _, item := range v {
				add(k, item)
			}
		case map[string]any:
			for sub, val := range v {
				switch val := val.(type) {
				case []any: // [loads]: typed as a list
					var items []string
					for _, item := range val {
						items = append(items, fmt.Sprint(item))
					}
					add(k+"."+sub, strings.Join(items, ", "))
				case map[string]any: // a run with its time
					add(k+"."+sub+".type", val["type"])
					add(k+"."+sub+".time", val["time"])
				default: // a run
					add(k+"."+sub+".type", val)
				}
			}
		default:
			add(k, v)
		}
	}
	return out
}

// TestBuilderLeftOutWithoutGo builds where no go command can be found:
// the site builds, says why it has no builder, and links none.
func TestBuilderLeftOutWithoutGo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	res, tree := buildRepo(t, repoSource(t))
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "Go toolchain is not installed") || !strings.Contains(res.Notes[0], "[builder] enabled = false") {
		t.Fatalf("notes %q, want one saying the Go toolchain is missing and how to stop the note", res.Notes)
	}
	for name := range tree {
		if strings.HasPrefix(name, builderPath) {
			t.Errorf("%s was written without the builder", name)
		}
	}
	if strings.Contains(string(tree["index.html"]), "/programs/build/") || strings.Contains(string(tree["sitemap.xml"]), "/programs/build/") {
		t.Error("the home page or the sitemap links a builder that is not there")
	}
	if len(tree["programs/alex-rivera/index.html"]) == 0 {
		t.Error("the site's programs are missing")
	}
}

// TestBuilderNotAsked: a site that switches the builder off, or has no
// exercise pages, gets none and no note, and no compile is started.
func TestBuilderNotAsked(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // a compile would fail and leave a note
	sites := map[string]map[string]string{
		"switched off": {
			"site.toml":                      siteTOML + "[builder]\nenabled = false\n",
			"content/_index.md":              page(`title = "Home"`, "Hi"),
			"content/exercises/clamshell.md": page(clamshellFront, "Body"),
		},
		"no exercises": {
			"site.toml":         siteTOML,
			"content/_index.md": page(`title = "Home"`, "Hi"),
			"content/a.md":      page(`title = "A"`, "Hi"),
		},
	}
	for name, files := range sites {
		t.Run(name, func(t *testing.T) {
			fs := newSite(t, files)
			res, err := Build(fs, Options{Source: "/site", BuilderSource: repoSource(t)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Notes) > 0 {
				t.Errorf("notes %q", res.Notes)
			}
			if ok, _ := afero.Exists(fs, "/site/public/programs/build/index.html"); ok {
				t.Error("the builder page was written")
			}
		})
	}
}

// TestBuilderTakesItsPlace: a profile whose slug is the builder's folder
// is refused while the builder is on, and built when it is off.
func TestBuilderTakesItsPlace(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	// The repository's site, with one profile more, written in memory.
	fs := afero.NewCopyOnWriteFs(afero.NewReadOnlyFs(afero.NewOsFs()), afero.NewMemMapFs())
	profile := "athlete = \"B\"\nslug = \"build\"\nstart = 2027-01-04\nweeks = 4\nexperience = \"new\"\ncadence = 160\n"
	if err := afero.WriteFile(fs, "../../content/programs/zz-build.toml", []byte(profile), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	_, err := Build(fs, Options{Source: "../..", Destination: dest, BuilderSource: repoSource(t)})
	if err == nil || !strings.Contains(err.Error(), "zz-build.toml: slug: /programs/build/ is the program builder's page") {
		t.Errorf("a profile with the builder's slug: %v", err)
	}
}

// TestBuilderNeedsAPlainProgramTemplate: a site whose program.html uses
// the site's template functions still builds its programs, and leaves the
// builder out saying why: the module has only the program's functions.
func TestBuilderNeedsAPlainProgramTemplate(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the builder's module with the Go toolchain")
	}
	files := map[string]string{
		"site.toml":                      siteTOML,
		"content/_index.md":              page(`title = "Home"`, "Hi"),
		"content/exercises/clamshell.md": page(clamshellFront, "Body"),
		"templates/program.html":         `{{define "program.html"}}<a href="{{url ""}}">{{.Title}}</a>{{end}}`,
	}
	fs := newSite(t, files)
	res, err := Build(fs, Options{Source: "/site", BuilderSource: repoSource(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "program.html cannot run in the builder") {
		t.Errorf("notes %q", res.Notes)
	}
	if ok, _ := afero.Exists(fs, "/site/public/programs/build/index.html"); ok {
		t.Error("the builder page was written")
	}
}

func TestBuilderViewListsTheVocabulary(t *testing.T) {
	b := &builder{cfg: config.Default()}
	v := b.builderView(&gowasm.Module{Gzip: 2 << 20})
	if slices.Contains(v.Equipment, "bodyweight") || slices.Contains(v.Equipment, "mat") || !slices.Contains(v.Equipment, "dumbbells") {
		t.Errorf("equipment %v: the words beyond bodyweight and mat", v.Equipment)
	}
	if !slices.Equal(v.Sessions, []int{1, 2, 3}) || v.DefaultSessions != 2 || v.MinWeeks != 4 || v.MaxWeeks != 52 {
		t.Errorf("limits %+v", v)
	}
	if v.Download != "2.0 MB" {
		t.Errorf("download %q", v.Download)
	}
}

// TestLiveRewritesTheBuilder: under serve, editing the program's
// stylesheet or template, or the builder's layout, writes the builder
// again, so its data carries the theme being edited.
func TestLiveRewritesTheBuilder(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the builder's module with the Go toolchain")
	}
	fs := afero.NewCopyOnWriteFs(afero.NewReadOnlyFs(afero.NewOsFs()), afero.NewMemMapFs())
	l := NewLive(fs, Options{Source: "../..", BuilderSource: repoSource(t)})
	ch, err := l.Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Notes) > 0 {
		t.Fatalf("the builder was left out: %v", ch.Notes)
	}
	read := func(name string) string {
		var data []byte
		l.View(func(out afero.Fs, err error) { data, _ = afero.ReadFile(out, "/"+builderPath+name) })
		return string(data)
	}
	if !strings.Contains(read("index.html"), `<form id="builder-form"`) {
		t.Fatal("serve has no builder page")
	}
	for name, marker := range map[string]string{
		"templates/program.css":  "/* edited-stylesheet */",
		"templates/program.html": "edited-template",
		"templates/builder.html": "edited-layout",
	} {
		file := filepath.Join("../..", filepath.FromSlash(name))
		old, err := afero.ReadFile(fs, file)
		if err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(fs, file, append(old, marker...), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := l.Update([]string{file}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := read("builder.json")
		if name == "templates/builder.html" {
			got = read("index.html")
		}
		if !strings.Contains(got, marker) {
			t.Errorf("after editing %s the builder does not carry the edit", name)
		}
	}
}

// TestBuilderModuleFromTheLastOutput: the module a build wrote is the
// next build's cache, taken for the key it was compiled from and only
// for it.
func TestBuilderModuleFromTheLastOutput(t *testing.T) {
	fs := afero.NewMemMapFs()
	dir := "/site/public/" + builderPath
	afero.WriteFile(fs, "/site/site.toml", []byte(siteTOML), 0o644)
	afero.WriteFile(fs, dir+builderModuleFile, []byte("\x00asm module"), 0o644)
	afero.WriteFile(fs, dir+builderSupportFile, []byte("globalThis.Go = 1"), 0o644)
	afero.WriteFile(fs, dir+builderKeyFile, []byte("abc123\ngo1.26.8\n42\n"), 0o644)
	b := &builder{fs: fs, opts: Options{Source: "/site"}}
	mod := b.priorModule("abc123")
	if mod == nil || string(mod.Wasm) != "\x00asm module" || string(mod.Exec) != "globalThis.Go = 1" || mod.GoVersion != "go1.26.8" || mod.Gzip != 42 || mod.Key != "abc123" {
		t.Fatalf("the last output's module: %+v", mod)
	}
	if b.priorModule("other") != nil {
		t.Error("a module compiled from another source was offered")
	}
	afero.WriteFile(fs, dir+builderKeyFile, []byte("abc123\n"), 0o644)
	if b.priorModule("abc123") != nil {
		t.Error("a module with a damaged key file was offered")
	}
}

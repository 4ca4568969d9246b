package site

// The program builder page (/programs/build/): a form that plans a
// runner's program in the reader's browser. The planner, the program
// template and the calendar writer run there compiled to WebAssembly
// (package webplan), against the site's own exercise pages and program
// theme, which the build writes next to the module as builder.json.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/internal/gowasm"
	"github.com/stance-ssg/stance/generator/internal/output"
	"github.com/stance-ssg/stance/generator/internal/webplan"
	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/training"
)

// builderPath is where the program builder is published, below the site
// root: beside the programs a coach publishes, programs/<slug>/.
const builderPath = "programs/build/"

// The builder's files, in its folder.
const (
	builderModuleFile  = "planner.wasm"
	builderSupportFile = "wasm_exec.js"
	builderDataFile    = "builder.json"
	// builderKeyFile says what the module was compiled from (its key),
	// with which Go and its gzip size, so the next build can take the
	// module from the output instead of linking it again.
	builderKeyFile = "planner.txt"
)

// builderPackage is the module's main package in Stance's source.
const builderPackage = "./generator/internal/webplan/wasm"

// compileTimeout bounds the compile of the module: a first compile on a
// slow machine takes a minute; one that hangs (a module download that
// never answers) must not hang the build.
const compileTimeout = 10 * time.Minute

// builderState is the builder of one build: the module compiling since
// the build started, then what it writes, or why it is left out.
type builderState struct {
	compiled chan struct{} // closed when the compile is done
	cancel   context.CancelFunc
	module   *gowasm.Module
	err      error

	once sync.Once
	view *BuilderPage
	left error // why the builder is left out; nil when it is written
}

// startBuilder starts compiling the builder's module when the site will
// have the builder, so that the compile runs while the site loads and
// renders. Exercise pages are what the builder plans with; a site
// without an exercises folder has none, and is spared the compile.
func (b *builder) startBuilder() {
	if !b.cfg.Builder.Enabled || b.opts.BuilderSource == nil {
		return
	}
	if ok, _ := afero.DirExists(b.fs, filepath.Join(b.opts.Source, "content", "exercises")); !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), compileTimeout)
	st := &builderState{compiled: make(chan struct{}), cancel: cancel}
	src := b.opts.BuilderSource
	go func() {
		defer close(st.compiled)
		defer cancel()
		st.module, st.err = gowasm.Compile(ctx, src, builderPackage, b.priorModule)
	}()
	b.builder = st
}

// stopBuilder stops a compile the build no longer needs and waits until
// the go command has ended and its temporary folder is gone: a failed
// build must not leave them behind when the process exits.
func (b *builder) stopBuilder() {
	if st := b.builder; st != nil {
		st.cancel()
		<-st.compiled
	}
}

// builderReady waits for the module and prepares the builder's files
// once. It returns nil when the site has no builder: switched off, no
// exercise pages, or left out for the reason builderNote gives.
func (b *builder) builderReady() *builderState {
	st := b.builder
	if st == nil {
		return nil
	}
	st.once.Do(func() { b.prepareBuilder(st) })
	if st.left != nil || st.view == nil {
		return nil
	}
	return st
}

func (b *builder) prepareBuilder(st *builderState) {
	exercises := plannerExercises(b.site)
	if len(exercises) == 0 {
		b.stopBuilder()
		return // nothing to plan with: no builder, and nothing to report
	}
	_, err := b.builderData(exercises)
	if err == nil && !b.theme.Has("builder.html") {
		err = errors.New("the theme has no builder.html layout")
	}
	if _, taken := b.site.PageByPath(builderPath); err == nil && taken {
		err = fmt.Errorf("a page of the site is at /%s", builderPath)
	}
	if err != nil {
		b.stopBuilder()
		st.left = err
		return
	}
	<-st.compiled
	if st.err != nil {
		st.left = st.err
		if errors.Is(st.err, gowasm.ErrNoToolchain) {
			st.left = fmt.Errorf("%w; install Go (https://go.dev/dl/) to build it", st.err)
		}
		return
	}
	st.view = b.builderView(st.module)
}

// builderData is builder.json: the site's exercises as the planner reads
// them, the theme's program.html and program.css, and what a program
// page shows of the site. It is checked here as the module will read it,
// so a template the module cannot run leaves the builder out with a
// reason instead of a page that fails in the reader's browser.
func (b *builder) builderData(exercises []planner.Exercise) ([]byte, error) {
	tmpl, _ := b.theme.Source("program.html")
	css, _ := b.theme.Asset("program.css")
	d := webplan.Data{
		Format:    webplan.Format,
		Site:      b.programSite(),
		Exercises: exercises,
		Template:  string(tmpl),
		CSS:       string(css),
	}
	if _, err := webplan.New(d); err != nil {
		return nil, fmt.Errorf("program.html cannot run in the builder, which has only the program layout's own functions (programPlural): %w", err)
	}
	return json.Marshal(d)
}

// builderNote says why a site that asked for the builder does not get
// one, or "".
func (b *builder) builderNote() string {
	st := b.builder
	if st == nil {
		return ""
	}
	b.builderReady()
	if st.left == nil {
		return ""
	}
	return fmt.Sprintf("the program builder page (/%s) is left out of this build: %v. The rest of the site is built; set [builder] enabled = false in site.toml to stop this note",
		builderPath, st.left)
}

// builderURL is the URL of the builder page, or "" when the site has
// none, for links to it (template function builderURL).
func (b *builder) builderURL() string {
	if b.builderReady() == nil {
		return ""
	}
	return b.cfg.BasePath() + builderPath
}

// BuilderPage is what builder.html shows besides the site: where the
// builder's files are, how much loading the planner transfers, and the
// words and limits of a profile that the form offers.
type BuilderPage struct {
	Module   string // URL of the WebAssembly module
	Support  string // URL of wasm_exec.js, the Go toolchain's loader
	Data     string // URL of builder.json
	Download string // "2.1 MB": the module, as a host that compresses sends it

	Days       []webplan.Day // Monday first
	RunTypes   []string      // rest first
	Experience []string      // new, some, experienced
	Equipment  []string      // the equipment words, without those always assumed
	Implements []string      // what [loads] takes, heaviest first
	Units      []string
	Papers     []string

	Sessions               []int // strength sessions a week
	DefaultSessions        int
	MinWeeks, MaxWeeks     int
	MinCadence, MaxCadence int
	MinDeload, MaxDeload   int
	DefaultDeload          int
}

func (b *builder) builderView(mod *gowasm.Module) *BuilderPage {
	dir := b.cfg.BasePath() + builderPath
	v := &BuilderPage{
		Module: dir + builderModuleFile, Support: dir + builderSupportFile, Data: dir + builderDataFile,
		Download:        megabytes(int64(mod.Gzip)),
		Days:            webplan.Weekdays(),
		RunTypes:        webplan.RunTypes(),
		Experience:      []string{string(planner.New), string(planner.Some), string(planner.Experienced)},
		Implements:      training.Implements,
		Units:           []string{"kg", "lb"},
		Papers:          []string{"A4", "Letter"},
		DefaultSessions: planner.DefaultSessions,
		MinWeeks:        planner.MinWeeks, MaxWeeks: planner.MaxWeeks,
		MinCadence: planner.MinCadence, MaxCadence: planner.MaxCadence,
		MinDeload: planner.MinDeloadEvery, MaxDeload: planner.MaxDeloadEvery,
		DefaultDeload: planner.DefaultDeloadEvery,
	}
	for n := planner.MinSessions; n <= planner.MaxSessions; n++ {
		v.Sessions = append(v.Sessions, n)
	}
	for _, e := range training.Equipment {
		if !slices.Contains(training.AlwaysAvailable, e) {
			v.Equipment = append(v.Equipment, e)
		}
	}
	return v
}

// builderJobs write the builder page, the module, its loader and the
// site's data, when the site has the builder.
func (b *builder) builderJobs(dest *output.Dest) []func() error {
	if b.builder == nil {
		return nil
	}
	return []func() error{func() error { return b.writeBuilder(dest) }}
}

// writeBuilder writes the builder's page and files. The data is made
// each time from the current theme: serve writes the builder again when
// program.html, program.css or builder.html change.
func (b *builder) writeBuilder(dest *output.Dest) error {
	st := b.builderReady()
	if st == nil {
		return nil
	}
	data, err := b.builderData(plannerExercises(b.site))
	if err != nil {
		return err
	}
	p := b.madeUpPage("Make your own strength program", builderPath)
	p.Front.Description = "Plan a printable strength program around your running week, in your browser: nothing you type leaves it."
	d := b.data(p, "")
	d.Builder = st.view
	if err := b.render(dest, builderPath+"index.html", "builder.html", d); err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{builderModuleFile, st.module.Wasm},
		{builderSupportFile, st.module.Exec},
		{builderDataFile, data},
		{builderKeyFile, fmt.Appendf(nil, "%s\n%s\n%d\n", st.module.Key, st.module.GoVersion, st.module.Gzip)},
	}
	for _, f := range files {
		if err := dest.WriteFile(builderPath+f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}

// priorModule is the module the last build wrote to the destination, if
// it was compiled from key: the output is the cache, so a build keeps
// nothing outside it and a new process need not link the module again.
func (b *builder) priorModule(key string) *gowasm.Module {
	dir := filepath.Join(b.destination(), filepath.FromSlash(builderPath))
	read := func(name string) []byte {
		data, err := afero.ReadFile(b.fs, filepath.Join(dir, name))
		if err != nil {
			return nil
		}
		return data
	}
	meta := strings.Split(strings.TrimSpace(string(read(builderKeyFile))), "\n")
	if len(meta) != 3 || meta[0] != key {
		return nil
	}
	gz, err := strconv.Atoi(meta[2])
	if err != nil || gz <= 0 {
		return nil
	}
	return &gowasm.Module{Wasm: read(builderModuleFile), Exec: read(builderSupportFile), GoVersion: meta[1], Gzip: gz, Key: key}
}

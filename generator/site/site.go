// Package site builds a whole Stance site: it ties together config,
// content, markdown, theme and output. Data flows one way: files, pages,
// rendered HTML, output folder.
package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/internal/config"
	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/markdown"
	"github.com/stance-ssg/stance/generator/internal/output"
	"github.com/stance-ssg/stance/generator/internal/parallel"
	"github.com/stance-ssg/stance/generator/internal/qrsvg"
	"github.com/stance-ssg/stance/generator/internal/slug"
	"github.com/stance-ssg/stance/generator/internal/theme"
	"github.com/stance-ssg/stance/generator/program"
	"github.com/stance-ssg/stance/templates"
)

// Options say what to build and where.
type Options struct {
	Source      string // the site folder (holds site.toml and content/)
	Destination string // default: Source/public
	Drafts      bool   // include pages with draft = true
	BaseURL     string // overrides base_url from site.toml
	Clean       bool   // allow replacing a destination Stance did not create
	// LiveReload is injected before </body> of every page (serve mode).
	LiveReload template.HTML
	// Theme replaces the embedded default theme (tests).
	Theme fs.FS
	// Workers bounds parallel rendering; default GOMAXPROCS.
	Workers int
	// BuilderSource is the Go source the program builder's WebAssembly
	// module is compiled from: go.mod, go.sum and the packages of this
	// module that generator/internal/webplan/wasm imports (the stance
	// command carries its own). Nil leaves the builder page out.
	BuilderSource fs.FS
}

// Result counts what a build produced.
type Result struct {
	Pages, Sections, Programs, Files int
	// Changed counts the files written anew; the others already held the
	// same bytes from the build before last (see output's staging folder).
	Changed  int
	Duration time.Duration
	// Notes are what the build left out and why (the program builder
	// when the Go toolchain is missing), for the user to read.
	Notes []string
}

// String is the one-line build summary.
func (r *Result) String() string {
	return fmt.Sprintf("built %s, %s, %s: %s (%d changed) in %s",
		count(r.Pages, "page"), count(r.Sections, "section"), count(r.Programs, "program"),
		count(r.Files, "file"), r.Changed, r.Duration.Round(time.Millisecond))
}

// count is "1 page", "2 pages".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Build builds the site at opts.Source into opts.Destination. On any error
// the destination is left as it was.
func Build(fsys afero.Fs, opts Options) (_ *Result, err error) {
	start := time.Now()
	b, err := newBuilder(fsys, opts)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			b.stopBuilder()
		}
	}()
	if err := b.planPrograms(); err != nil {
		return nil, err
	}
	dest, err := output.Open(fsys, b.destination(), output.Options{SiteRoot: opts.Source, Clean: opts.Clean, MaxBytes: b.outputLimit()})
	if err != nil {
		return nil, err
	}
	if err := b.write(dest); err != nil {
		return nil, errors.Join(err, dest.Abort())
	}
	if err := dest.Commit(); err != nil {
		return nil, err
	}
	res := b.result()
	res.Files = dest.Files() + 1 // the marker
	res.Changed = dest.Changed()
	res.Notes = b.notes()
	res.Duration = time.Since(start)
	return res, nil
}

// builder holds one loaded site, ready to render.
type builder struct {
	fs       afero.Fs
	opts     Options
	cfg      *config.Config
	site     *content.Site
	theme    *theme.Theme
	md       *markdown.Renderer
	views    *views // what layouts see of the loaded site
	siteData *siteData
	programs []*programJob
	// lookup is the site the theme's functions read (see siteRef).
	lookup *siteRef
	// deps records what serve needs to re-render after a page moves; nil
	// for one-off builds.
	deps *renderDeps
	// builder is the program builder page's module and data; nil when
	// the site does not have the builder.
	builder *builderState
}

func newBuilder(fsys afero.Fs, opts Options) (_ *builder, err error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	b := &builder{fs: fsys, opts: opts, lookup: &siteRef{}}
	cfg, err := config.Load(fsys, filepath.Join(opts.Source, "site.toml"))
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	b.cfg = cfg
	b.startBuilder()
	defer func() {
		if err != nil {
			b.stopBuilder()
		}
	}()
	var errs []error
	b.md = markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe})
	b.site, err = content.Load(fsys, content.Options{
		Dir:       filepath.Join(opts.Source, "content"),
		BaseURL:   cfg.BaseURL,
		BasePath:  cfg.BasePath(),
		Drafts:    opts.Drafts,
		HomeTitle: cfg.Title,
	})
	b.lookup.Store(b.site)
	if err != nil {
		if b.site == nil {
			return nil, err
		}
		// Report broken links of the pages that did load in the same run.
		errs = append(errs, err, b.checkMarkdown())
	}
	themeFS := opts.Theme
	if themeFS == nil {
		themeFS = templates.FS
	}
	b.theme, err = theme.Load(themeFS, fsys, filepath.Join(opts.Source, "templates"), b.funcs())
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	b.views = newViews(b.site, b.renderMarkdown)
	b.siteData = newSiteData(cfg, b.views, b.site.Root)
	return b, nil
}

func (b *builder) destination() string {
	if b.opts.Destination != "" {
		return b.opts.Destination
	}
	return filepath.Join(b.opts.Source, "public")
}

func (b *builder) result() *Result {
	r := &Result{Programs: len(b.programs)}
	for _, p := range b.site.Pages {
		switch p.Kind {
		case content.KindPage:
			r.Pages++
		case content.KindSection:
			r.Sections++
		}
	}
	return r
}

// notes are what the build left out and why.
func (b *builder) notes() []string {
	if n := b.builderNote(); n != "" {
		return []string{n}
	}
	return nil
}

// Limits on the size of a build's output. Each page's HTML is bounded by
// its Markdown (markdown.HTMLLimit); what a template repeats on every page
// (a list of every section, on every page) or makes of little input (a
// page for every tag) is bounded here, for the whole output.
const (
	// OutputBase is the output every site may have, whatever its input:
	// 15,000 pages of the default theme.
	OutputBase = 128 << 20
	// OutputFactor is how many bytes of output each byte of input (the
	// files below content/ and static/, the templates and site.toml) may
	// add; real sites write 3 to 10.
	OutputFactor = 64
	// OutputPerProgram is added for each program: a 52-week program's
	// page and calendar are 400 KB, from a profile of a few hundred bytes.
	OutputPerProgram = 1 << 20
	// OutputBuilder is added when the site has the program builder: its
	// WebAssembly module is 8 MB, whatever the site.
	OutputBuilder = 16 << 20
)

// outputLimit is the most a build of this site may write.
func (b *builder) outputLimit() int64 {
	return OutputBase + OutputFactor*b.inputBytes() + OutputPerProgram*int64(len(b.programs)) + b.builderAllowance()
}

// builderAllowance is OutputBuilder for a site that is building the
// program builder, 0 for one that is not.
func (b *builder) builderAllowance() int64 {
	if b.builder == nil {
		return 0
	}
	return OutputBuilder
}

// inputBytes is the size of everything the build reads.
func (b *builder) inputBytes() int64 {
	n := b.site.Bytes + b.theme.Bytes()
	if info, err := b.fs.Stat(filepath.Join(b.opts.Source, "site.toml")); err == nil {
		n += info.Size()
	}
	afero.Walk(b.fs, filepath.Join(b.opts.Source, "static"), func(_ string, info fs.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// write renders everything into dest. Page errors are collected so one run
// reports every bad file. Once the output has passed its size limit, the
// jobs left are skipped and the many failed writes are reported as one.
func (b *builder) write(dest *output.Dest) error {
	var jobs []func() error
	for _, job := range b.jobs(dest) {
		jobs = append(jobs, func() error {
			if dest.Full() {
				return output.ErrTooLarge
			}
			return job()
		})
	}
	err := runJobs(jobs, b.workers())
	if !errors.Is(err, output.ErrTooLarge) {
		return err
	}
	builder := ""
	if b.builder != nil {
		builder = ", plus " + megabytes(OutputBuilder) + " for the program builder"
	}
	errs := []error{fmt.Errorf("the output passed %s, over the limit of %s for this site (%s, plus %d times its %s of input, plus %s a program%s): a page for each of thousands of tags, or a template that lists every page on every page, makes a site this large",
		megabytes(dest.Written()), megabytes(b.outputLimit()), megabytes(OutputBase), OutputFactor, megabytes(b.inputBytes()), megabytes(OutputPerProgram), builder)}
	for _, e := range unjoin(err) {
		if !errors.Is(e, output.ErrTooLarge) {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// unjoin lists the errors joined in err.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func megabytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func (b *builder) workers() int {
	if b.opts.Workers > 0 {
		return b.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// runJobs runs jobs on a bounded pool and returns all their errors, in
// the jobs' order, so the report does not depend on scheduling.
func runJobs(jobs []func() error, workers int) error {
	return parallel.Errors(len(jobs), workers, func(i int) error { return jobs[i]() })
}

// checkMarkdown renders every page's Markdown without writing it, to find
// broken links and unknown exercise cards.
func (b *builder) checkMarkdown() error {
	var jobs []func() error
	for _, p := range b.site.Pages {
		if p.File != "" {
			p := p
			jobs = append(jobs, func() error { _, err := b.renderMarkdown(p); return err })
		}
	}
	return runJobs(jobs, b.workers())
}

// funcs are the template functions every layout may use.
func (b *builder) funcs() template.FuncMap {
	base := func() string { return b.cfg.BasePath() }
	funcs := template.FuncMap{
		"url":     func(p string) string { return base() + strings.TrimPrefix(p, "/") },
		"absURL":  func(p string) string { return b.cfg.BaseURL + strings.TrimPrefix(p, "/") },
		"asset":   func(name string) string { return base() + "theme/" + name },
		"termURL": func(tax, term string) string { return base() + tax + "/" + slug.Make(term) + "/" },
		"date":    func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate": func(t time.Time) string { return t.Format("2006-01-02") },
		"join":    strings.Join,
		// first keeps a long list short: the home page shows the first
		// pages of each section and links to the rest.
		"first": func(n int, pages []*Page) []*Page { return pages[:min(n, len(pages))] },
		// pageURL links to a content file if the site has it, so the theme
		// can point at optional pages such as safety.md.
		"pageURL": b.optionalPageURL,
		// resource is the URL of a file in a page bundle's folder, such as
		// an exercise's diagram.svg, or "" when the bundle has no such file.
		"resource": b.resourceURL,
		// qr draws a QR code of a URL as inline SVG (a take-home sheet's
		// link back to its page).
		"qr": func(url string) (template.HTML, error) { return qrsvg.SVG(url, "QR code: "+url) },
		// builderURL is the URL of the program builder page, or "" when
		// the site has none, so the theme links it only where it exists.
		"builderURL": b.builderURL,
	}
	// The program layout brings its own helpers.
	for name, f := range program.FuncMap() {
		funcs[name] = f
	}
	return funcs
}

// resourceURL is the URL of the file name in the bundle folder of a page
// a layout has (.Page, or a page of a list), or "" when the page is not a
// bundle or has no such file.
func (b *builder) resourceURL(pv loadedPage, name string) string {
	if pv == nil {
		return ""
	}
	p := pv.loaded()
	if p == nil || !p.Bundle || strings.ContainsAny(name, "/\\") {
		return ""
	}
	u, err := b.lookup.Load().Resolve(p.File, name)
	if err != nil {
		return ""
	}
	return u
}

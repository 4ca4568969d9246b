package site

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/output"
	"github.com/stance-ssg/stance/generator/internal/theme"
	"github.com/stance-ssg/stance/templates"
)

// liveRoot is where a Live output lives in its in-memory file system.
const liveRoot = "/"

// Live keeps a site loaded between builds, for `stance serve`. The first
// build loads and renders everything; afterwards Update reads only the
// files that changed and re-renders only the outputs they touch, into an
// in-memory output that a server reads through View.
//
// Structural changes (a page added, removed or renamed; a title, slug,
// date, weight or taxonomy term changed) assemble the site again from the
// pages already read; an exercise page's change also plans the programs
// again. site.toml, a program profile, a bundle that moves or a builder
// page that comes or goes fall back to a full build in memory, which
// replaces the output only once it succeeded. A failed update leaves the
// last good output in place and is tried again, together with the next
// change.
type Live struct {
	fs   afero.Fs
	opts Options

	// update serialises builds. mu guards out and err, and is held for
	// writing while files of out change, so readers never see a half
	// written file.
	update sync.Mutex
	mu     sync.RWMutex
	out    afero.Fs
	err    error

	b     *builder // the loaded site; nil until a full build succeeded
	retry *plan    // the work of the last failed update
}

// Change reports what one Live build did.
type Change struct {
	Full bool // the site was loaded and rendered again from scratch
	All  bool // every output was rendered again (a shared template changed)
	// Written lists the outputs an incremental update rendered, sorted;
	// empty for Full and All builds.
	Written []string
	// Notes are what a full build left out and why (Result.Notes).
	Notes []string
	// Removed lists the outputs an incremental update removed (a page
	// that moved or went), sorted.
	Removed  []string
	Duration time.Duration
}

// Empty reports whether the build had nothing to do.
func (c *Change) Empty() bool { return !c.Full && !c.All && len(c.Written) == 0 && len(c.Removed) == 0 }

func (c *Change) String() string {
	switch {
	case c.Full:
		return fmt.Sprintf("rebuilt the site in %s", c.Duration.Round(time.Millisecond))
	case c.All:
		return fmt.Sprintf("rendered every page again in %s", c.Duration.Round(time.Millisecond))
	}
	files := "files"
	if len(c.Written) == 1 {
		files = "file"
	}
	removed := ""
	if len(c.Removed) > 0 {
		removed = fmt.Sprintf(", removed %d", len(c.Removed))
	}
	return fmt.Sprintf("rendered %d %s%s in %s", len(c.Written), files, removed, c.Duration.Round(time.Microsecond))
}

// NewLive prepares a live site; nothing is read until Build.
func NewLive(fsys afero.Fs, opts Options) *Live {
	if opts.Source == "" {
		opts.Source = "."
	}
	return &Live{fs: fsys, opts: opts, out: afero.NewMemMapFs()}
}

// Build loads and renders the whole site.
func (l *Live) Build() (*Change, error) {
	p := newPlan()
	p.full = true
	return l.run(p, true)
}

// Update brings the output up to date after the files at paths (as found
// on the file system, below Source) changed, appeared or disappeared.
// Paths outside content/, templates/, static/ and site.toml are ignored.
func (l *Live) Update(paths []string) (*Change, error) {
	return l.update1(paths, true)
}

// Try is Update, except that a failure is not shown: View and Err go on
// reporting the last state until Fail confirms the failure, or a later
// Update or Try (which retries the failed work too) succeeds. A server
// uses it when a file may still be half written.
func (l *Live) Try(paths []string) (*Change, error) {
	return l.update1(paths, false)
}

// Fail shows err, the error of a failed Try, unless a build has succeeded
// since.
func (l *Live) Fail(err error) {
	l.update.Lock()
	defer l.update.Unlock()
	if l.retry == nil {
		return
	}
	l.mu.Lock()
	l.err = err
	l.mu.Unlock()
}

func (l *Live) update1(paths []string, show bool) (*Change, error) {
	p := newPlan()
	l.update.Lock()
	l.classify(paths, p)
	l.update.Unlock()
	return l.run(p, show)
}

// View calls fn with the current output, rooted at "/", and the error of
// the last build (nil when the output is current). No build writes to the
// output while fn runs; fn must not keep out.
func (l *Live) View(fn func(out afero.Fs, err error)) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	fn(l.out, l.err)
}

// Err is the error of the last build, nil if it succeeded.
func (l *Live) Err() error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.err
}

// run applies p and the work of the last failed build. show says whether
// a failure becomes the error View reports at once.
func (l *Live) run(p *plan, show bool) (*Change, error) {
	l.update.Lock()
	defer l.update.Unlock()
	start := time.Now()
	if l.retry != nil {
		p.merge(l.retry)
	}
	if p.empty() {
		return &Change{}, nil
	}
	ch, err := l.apply(p)
	if err != nil {
		if show {
			l.mu.Lock()
			l.err = err
			l.mu.Unlock()
		}
		l.retry = p
		return nil, err
	}
	l.mu.Lock()
	l.err = nil
	l.mu.Unlock()
	l.retry = nil
	ch.Duration = time.Since(start)
	return ch, nil
}

func (l *Live) apply(p *plan) (*Change, error) {
	if p.full || l.b == nil {
		return l.rebuild()
	}
	if p.theme {
		if err := l.b.reloadTheme(); err != nil {
			return nil, err
		}
	}
	if err := l.reloadPages(p); err != nil {
		return nil, err
	}
	b, work := l.b, p
	if len(p.reassemble) > 0 && !p.full {
		var err error
		if b, work, err = l.reassemble(p); err != nil {
			return nil, err
		}
	}
	if work.full {
		return l.rebuild()
	}
	var notes []string
	if work.replan {
		if l.builderComesOrGoes(b) {
			return l.rebuild()
		}
		var err error
		if b, err = b.replanned(); err != nil {
			l.b.lookup.Store(l.b.site)
			return nil, err
		}
		work.programs, notes = true, b.notes()
	}
	if work.all {
		if err := l.renderAll(b); err != nil {
			l.b.lookup.Store(l.b.site)
			return nil, err
		}
		return &Change{All: true, Notes: notes}, nil
	}
	ch, err := l.renderSome(b, work)
	if err != nil {
		l.b.lookup.Store(l.b.site) // the theme's functions see the last good site
		return nil, err
	}
	l.b = b
	ch.Notes = notes
	return ch, nil
}

// builderComesOrGoes reports whether the program builder page appears or
// disappears with the exercise pages of next: whether a site has the
// builder is settled once per full build, from the exercises it had then.
func (l *Live) builderComesOrGoes(next *builder) bool {
	if !next.cfg.Builder.Enabled || next.opts.BuilderSource == nil {
		return false
	}
	had := l.b.builder != nil && len(l.b.site.Exercises()) > 0
	has := len(next.site.Exercises()) > 0
	return had != has
}

// replanned is a builder like b whose programs are planned again against
// its site's exercise pages; b keeps its own.
func (b *builder) replanned() (*builder, error) {
	nb := *b
	nb.programs = nil
	if err := nb.planPrograms(); err != nil {
		return nil, err
	}
	return &nb, nil
}

// rebuild loads the site again and renders it into a fresh output, which
// replaces the current one only if everything succeeded.
func (l *Live) rebuild() (*Change, error) {
	b, err := newBuilder(l.fs, l.opts)
	if err != nil {
		return nil, err
	}
	b.deps = newRenderDeps()
	if err := b.planPrograms(); err != nil {
		return nil, err
	}
	if err := l.renderAll(b); err != nil {
		return nil, err
	}
	return &Change{Full: true, Notes: b.notes()}, nil
}

// renderAll renders every output of b into a fresh in-memory folder and
// swaps it in; readers are never blocked while it renders.
func (l *Live) renderAll(b *builder) error {
	out := afero.NewMemMapFs()
	dest := output.Direct(out, liveRoot, false)
	dest.LimitBytes(b.outputLimit()) // serve holds it all in memory
	if err := b.write(dest); err != nil {
		return err
	}
	l.mu.Lock()
	l.out = out
	l.mu.Unlock()
	l.b = b
	return nil
}

// reloadPages reads the changed page files again and adds what each edit
// touches to the plan; a structural edit is planned for reassembly.
func (l *Live) reloadPages(p *plan) error {
	var errs []error
	for _, file := range slices.Sorted(maps.Keys(p.reload)) {
		edit, page, err := l.b.site.ReloadPage(l.fs, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		switch edit {
		case content.EditStructure:
			if (page != nil && page.IsExercise()) || strings.HasPrefix(file, "exercises/") {
				// The planned programs and the builder's library are made
				// from exercise pages, and cards in other pages show them.
				p.replan = true
				l.b.planLinksTo(p, page)
			}
			p.reassemble[file] = true
		case content.EditBody:
			// The default layouts show a body only on its own page: lists,
			// feeds and cards show front matter. A theme that showed other
			// pages' bodies in the last render gets its listings too.
			if l.b.views.otherBodies.Load() {
				l.b.addListings(p, page)
				continue
			}
			p.pages[page] = true
		case content.EditFront:
			if page.IsExercise() {
				// The planned programs and the builder's library are made
				// from exercise front matter; cards show it on the lists
				// addListings plans and in the pages planLinksTo finds.
				p.replan = true
				l.b.planLinksTo(p, page)
			}
			l.b.addListings(p, page)
		}
	}
	return errors.Join(errs...)
}

// addListings plans the page and every output that lists it: its section's
// list page, the home page, its neighbours, its taxonomy terms and the
// feed. The sitemap shows only URLs and dates, which planMove watches.
func (b *builder) addListings(p *plan, page *content.Page) {
	p.pages[page] = true
	if page.Section != nil {
		p.pages[page.Section.Index] = true
	}
	if b.site.Home != nil {
		p.pages[b.site.Home] = true
	}
	if page.Kind == content.KindPage {
		prev, next := page.Neighbours()
		for _, n := range []*content.Page{prev, next} {
			if n != nil {
				p.pages[n] = true
			}
		}
	}
	for _, tax := range b.site.Taxonomies {
		for _, term := range tax.Terms {
			if listsPage(term, page) {
				p.terms[term] = tax
			}
		}
	}
	p.feeds = true
}

func listsPage(t *content.Term, page *content.Page) bool {
	for _, q := range t.Pages {
		if q == page {
			return true
		}
	}
	return false
}

// renderSome renders the planned outputs into the current output, in
// place, holding readers off meanwhile.
func (l *Live) renderSome(b *builder, p *plan) (*Change, error) {
	// Outputs render into a folder of their own, without holding readers
	// off, and replace the live ones together at the end: a reader never
	// waits for a render, nor sees half of one update.
	staged := afero.NewMemMapFs()
	dest := output.Direct(staged, liveRoot, true)
	removals := maps.Clone(p.removals)
	for _, page := range b.site.Pages {
		if p.layouts[layoutFor(page)] {
			p.pages[page] = true
		}
	}
	var (
		jobs    []func() error
		written []string
	)
	add := func(out string, job func() error) {
		written = append(written, out)
		jobs = append(jobs, job)
	}
	for page := range p.pages {
		page := page
		add(page.Path+"index.html", func() error { return b.writePage(dest, page) })
	}
	for term, tax := range p.terms {
		term, tax := term, tax
		add(term.Path+"index.html", func() error { return b.writeTerm(dest, tax, term) })
	}
	if p.taxonomies {
		for _, tax := range b.site.Taxonomies {
			written = append(written, tax.Name+"/")
		}
		jobs = append(jobs, b.taxonomyJobs(dest)...)
	} else if p.taxonomyLists {
		for _, tax := range b.site.Taxonomies {
			add(tax.Name+"/index.html", func() error { return b.writeTaxonomy(dest, tax) })
		}
	}
	if p.redirects && b.cfg.Publish.Redirects {
		add("_redirects", func() error { return b.writeRedirects(dest) })
	}
	for page := range p.aliases {
		for _, a := range content.AliasFiles(page) {
			add(a, func() error { return b.writeAlias(dest, page, a) })
		}
	}
	if p.sitemap {
		add("sitemap.xml", func() error { return b.writeSitemap(dest) })
	}
	if p.feeds {
		add("feed.xml", func() error { return b.writeFeed(dest) })
	}
	if p.notFound {
		add("404.html", func() error { return b.writeNotFound(dest) })
		add("search/index.html", func() error { return b.writeSearch(dest) })
	}
	if p.assets {
		add("theme/", func() error { return b.writeAssets(dest) })
	}
	if p.programs {
		written = append(written, "programs/")
		jobs = append(jobs, b.programJobs(dest)...)
	}
	for rel, src := range p.copies {
		if src == "" {
			removals[rel] = true
			continue
		}
		add(rel, func() error { return l.copyFile(dest, rel, src) })
	}
	if err := runJobs(jobs, min(b.workers(), max(len(jobs), 1))); err != nil {
		return nil, err
	}
	l.mu.Lock()
	err := l.remove(removals)
	if err == nil {
		err = moveTree(staged, l.out, liveRoot)
	}
	l.mu.Unlock()
	if err != nil {
		return nil, err
	}
	sort.Strings(written)
	return &Change{Written: written, Removed: slices.Sorted(maps.Keys(removals))}, nil
}

// moveTree writes every file below dir in from to the same path in to.
func moveTree(from, to afero.Fs, dir string) error {
	return afero.Walk(from, dir, func(p string, info fileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(from, p)
		if err != nil {
			return err
		}
		if err := to.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return afero.WriteFile(to, p, data, 0o644)
	})
}

// copyFile copies one static file or bundle resource into the output.
func (l *Live) copyFile(dest *output.Dest, rel, src string) error {
	if lst, ok := l.fs.(afero.Lstater); ok {
		if info, _, err := lst.LstatIfPossible(src); err == nil && info.Mode()&symlink != 0 {
			return fmt.Errorf("%s: symbolic links are not followed: they can point outside the site", src)
		}
	}
	return dest.Copy(rel, l.fs, src)
}

// reloadTheme parses the templates again, keeping the current theme if
// they do not parse.
func (b *builder) reloadTheme() error {
	themeFS := b.opts.Theme
	if themeFS == nil {
		themeFS = templates.FS
	}
	th, err := theme.Load(themeFS, b.fs, filepath.Join(b.opts.Source, "templates"), b.funcs())
	if err != nil {
		return err
	}
	b.theme = th
	return nil
}

package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/ics"
	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/output"
	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/program"
	"github.com/stance-ssg/stance/generator/training"
)

// programJob is one planned athlete program, ready to render.
type programJob struct {
	prog *planner.Program
	path string // below the site root: "programs/alex-rivera/"
}

// planPrograms plans every profile in content/programs/. Programs are
// personal: they get their own pages but no place in navigation, sitemap
// or feed.
func (b *builder) planPrograms() error {
	exercises := plannerExercises(b.site)
	var errs []error
	owner := map[string]string{}
	for _, file := range b.site.Profiles {
		display := filepath.ToSlash(filepath.Join(b.site.Dir(), file))
		prog, err := planProfile(b.fs, filepath.Join(b.site.Dir(), filepath.FromSlash(file)), display, exercises)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		urlPath := "programs/" + prog.Slug + "/"
		if prev, taken := owner[urlPath]; taken {
			errs = append(errs, &diag.Error{File: display, Key: "slug", Msg: fmt.Sprintf("%q is also the slug of %s; set a different slug", prog.Slug, prev)})
			continue
		}
		if urlPath == builderPath && b.builder != nil {
			errs = append(errs, &diag.Error{File: display, Key: "slug", Msg: fmt.Sprintf("/%s is the program builder's page; set a different slug, or switch the builder off with [builder] enabled = false in site.toml", urlPath)})
			continue
		}
		if _, taken := b.site.PageByPath(urlPath); taken {
			errs = append(errs, &diag.Error{File: display, Key: "slug", Msg: fmt.Sprintf("/%s is already a page of the site; set a different slug", urlPath)})
			continue
		}
		owner[urlPath] = display
		b.programs = append(b.programs, &programJob{prog: prog, path: urlPath})
	}
	return errors.Join(errs...)
}

func planProfile(fsys afero.Fs, file, display string, exercises []planner.Exercise) (*planner.Program, error) {
	src, err := content.ReadFile(fsys, file)
	if err != nil {
		return nil, diag.InFile(display, err)
	}
	profile, err := planner.ParseProfile(display, src)
	if err != nil {
		return nil, err
	}
	return planner.Plan(profile, exercises)
}

// plannerExercises hands the site's exercise pages to the planner.
func plannerExercises(s *content.Site) []planner.Exercise {
	var out []planner.Exercise
	for _, p := range s.Exercises() {
		fm := p.Front
		level, _ := training.ParseLevel(fm.Level) // checked when the page was loaded; "" is the default
		e := planner.Exercise{
			Slug:      path.Base(p.Path),
			Title:     fm.Title,
			URL:       p.URL,
			Equipment: fm.Equipment,
			Load:      fm.Load,
			Level:     level,
			Easier:    fm.Easier,
			Harder:    fm.Harder,
			Focus:     fm.Focus,
			Phases:    fm.Phase,
			Cues:      fm.Cues,
			Reps:      map[string]planner.RepScheme{},
		}
		for phase, r := range fm.Reps {
			e.Reps[phase] = planner.RepScheme{Sets: r.Sets, Min: r.Min, Max: r.Max, PerSide: r.PerSide}
		}
		out = append(out, e)
	}
	return out
}

func (b *builder) programJobs(dest *output.Dest) []func() error {
	var jobs []func() error
	for _, job := range b.programs {
		job := job
		jobs = append(jobs, func() error { return b.writeProgram(dest, job) })
	}
	// The builder carries the program template and stylesheet: it is
	// written again with the programs.
	return append(jobs, b.builderJobs(dest)...)
}

// programPage fills the site fields of a program's view-model.
func (b *builder) programPage(job *programJob) *program.Page {
	page := program.NewPage(job.prog)
	page.Publish(b.programSite(), job.path)
	// Relative, so the page prints styled when opened from disk as well as
	// from a server, under any base path: programs/<slug>/ is two deep.
	page.StylesheetHref = "../../theme/program.css"
	page.CalendarHref = "program.ics"
	page.Live = b.opts.LiveReload
	return page
}

// programSite is what program pages show of this site.
func (b *builder) programSite() program.Site {
	return program.Site{
		Title:     b.cfg.Title,
		BaseURL:   b.cfg.BaseURL,
		Lang:      b.cfg.Language,
		SafetyURL: b.optionalPageURL("safety.md"),
		WarmupURL: b.optionalPageURL("routine/warm-up.md"),
	}
}

// optionalPageURL is the URL of a content file, or "" when the site has no
// such page (a site of one's own need not have the repository's guides).
func (b *builder) optionalPageURL(file string) string {
	// Recorded found or not: the page may be added, moved or removed.
	b.deps.lookUp(path.Clean(file))
	u, err := b.lookup.Load().Resolve("", file)
	if err != nil {
		return ""
	}
	return u
}

func (b *builder) writeProgram(dest *output.Dest, job *programJob) error {
	if err := b.render(dest, job.path+"index.html", "program.html", b.programPage(job)); err != nil {
		return err
	}
	var cal bytes.Buffer
	if err := icsWrite(&cal, job.prog, b.calendarOptions(job)); err != nil {
		return err
	}
	return dest.WriteFile(job.path+"program.ics", cal.Bytes())
}

// calendarOptions link the calendar to the program's page and end its
// UIDs with the site's host, so they are unique to this site.
func (b *builder) calendarOptions(job *programJob) ics.Options {
	return ics.SiteOptions(b.cfg.BaseURL, job.path)
}

func icsWrite(w io.Writer, prog *planner.Program, opts ics.Options) error {
	if err := ics.Write(w, prog, opts); err != nil {
		return fmt.Errorf("%s: calendar: %w", prog.File, err)
	}
	return nil
}

// ProgramOptions say which profiles to plan, against which site.
type ProgramOptions struct {
	// Site is the site whose exercise pages and theme are used, and whose
	// base URL the links and calendar UIDs take (Site.BaseURL overrides it).
	Site Options
	// Library, when set, is used instead of a site: a tree holding
	// content/exercises/ (the binary's built-in exercise library), themed
	// with the built-in theme.
	Library fs.FS
	// Profiles are the paths of the profiles, on the file system given to
	// Programs.
	Profiles []string
}

// ProgramFile is one athlete's printable page and calendar.
type ProgramFile struct {
	Program *planner.Program
	HTML    []byte // self-contained: CSS inlined
	ICS     []byte
}

// Programs plans every profile and renders, for each, a self-contained
// printable HTML file (CSS inlined, links absolute when the site has an
// address) and its calendar. Every problem of every profile is reported
// together, and then no program is returned, so a squad is written whole
// or not at all. Nothing is written.
func Programs(fsys afero.Fs, opts ProgramOptions) ([]ProgramFile, error) {
	b, err := programBuilder(fsys, opts)
	if err != nil {
		return nil, err
	}
	exercises := plannerExercises(b.site)
	var errs []error
	var out []ProgramFile
	owner := map[string]string{}
	for _, file := range opts.Profiles {
		display := filepath.ToSlash(file)
		prog, err := planProfile(fsys, file, display, exercises)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, taken := owner[prog.Slug]; taken {
			errs = append(errs, &diag.Error{File: display, Key: "slug", Msg: fmt.Sprintf("%q is also the slug of %s; their files would overwrite each other; set a different slug", prog.Slug, prev)})
			continue
		}
		owner[prog.Slug] = display
		pf, err := b.standalone(prog, opts.Library != nil, opts.Site.BaseURL == "")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, pf)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// programBuilder loads the site, or the built-in library as a site of its
// own: exercises only, an address only if one was given.
func programBuilder(fsys afero.Fs, opts ProgramOptions) (*builder, error) {
	if opts.Library == nil {
		return newBuilder(fsys, opts.Site)
	}
	mem := afero.NewMemMapFs()
	err := fs.WalkDir(opts.Library, "content/exercises", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(opts.Library, name)
		if err != nil {
			return err
		}
		return afero.WriteFile(mem, "/library/"+name, data, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("built-in exercise library: %w", err)
	}
	site := "title = \"Stance\"\nbase_url = \"https://stance.invalid/\"\n"
	if err := afero.WriteFile(mem, "/library/site.toml", []byte(site), 0o644); err != nil {
		return nil, err
	}
	libOpts := opts.Site
	libOpts.Source = "/library"
	return newBuilder(mem, libOpts)
}

// standalone renders one program as a one-file page and its calendar.
// Without a real address (the built-in library and no --base-url) links
// would lead nowhere from a file on disk, so the page has none.
func (b *builder) standalone(prog *planner.Program, library, noBaseURL bool) (ProgramFile, error) {
	job := &programJob{prog: prog, path: "programs/" + prog.Slug + "/"}
	page := b.programPage(job)
	page.CalendarHref = ""
	cal := b.calendarOptions(job)
	if library {
		page.SiteTitle = "" // the library is not a site the athlete knows
	}
	if library && noBaseURL {
		page.BaseURL, page.CanonicalURL, cal.PageURL = "", "", ""
		cal.Domain = ""
		page.SafetyURL, page.WarmupURL = "", ""
		page.Weeks = program.WithoutLinks(page.Weeks)
	}
	css, _ := b.theme.Asset("program.css")
	var html, ics bytes.Buffer
	if err := program.Standalone(&html, page, b.theme.Template("program.html"), string(css)); err != nil {
		return ProgramFile{}, err
	}
	if err := icsWrite(&ics, prog, cal); err != nil {
		return ProgramFile{}, err
	}
	return ProgramFile{Program: prog, HTML: html.Bytes(), ICS: ics.Bytes()}, nil
}

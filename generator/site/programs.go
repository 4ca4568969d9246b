package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/content"
	"github.com/stance-ssg/stance/generator/ics"
	"github.com/stance-ssg/stance/generator/output"
	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/program"
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
			errs = append(errs, fmt.Errorf("%s: slug: %q is also the slug of %s; set a different slug", display, prog.Slug, prev))
			continue
		}
		if _, taken := b.site.PageByPath(urlPath); taken {
			errs = append(errs, fmt.Errorf("%s: slug: /%s is already a page of the site; set a different slug", display, urlPath))
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
		return nil, fmt.Errorf("%s: %w", display, err)
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
		e := planner.Exercise{
			Slug:      path.Base(p.Path),
			Title:     fm.Title,
			URL:       p.URL,
			Equipment: fm.Equipment,
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
	return jobs
}

// programPage fills the site fields of a program's view-model.
func (b *builder) programPage(job *programJob) *program.Page {
	page := program.NewPage(job.prog)
	page.SiteTitle = b.cfg.Title
	page.BaseURL = b.cfg.BaseURL
	page.CanonicalURL = b.cfg.BaseURL + job.path
	page.Lang = b.cfg.Language
	page.StylesheetHref = b.cfg.BasePath() + "theme/program.css"
	page.CalendarHref = "program.ics"
	return page
}

func (b *builder) writeProgram(dest *output.Dest, job *programJob) error {
	if err := b.render(dest, job.path+"index.html", "program.html", b.programPage(job)); err != nil {
		return err
	}
	var cal bytes.Buffer
	if err := ics.Write(&cal, job.prog, ics.Options{PageURL: b.cfg.BaseURL + job.path}); err != nil {
		return fmt.Errorf("%s: calendar: %w", job.prog.File, err)
	}
	return dest.WriteFile(job.path+"program.ics", cal.Bytes())
}

// ProgramOptions say where a one-off program goes.
type ProgramOptions struct {
	Site    Options // the site whose exercises and theme are used
	Profile string  // path of the profile
	HTML    io.Writer
	ICS     io.Writer // nil: no calendar
}

// WriteProgram plans one profile against the site's exercise library and
// writes a single self-contained printable HTML file (CSS inlined) and,
// if asked, its calendar. Nothing else is built or written.
func WriteProgram(fsys afero.Fs, opts ProgramOptions) (*planner.Program, error) {
	b, err := newBuilder(fsys, opts.Site)
	if err != nil {
		return nil, err
	}
	prog, err := planProfile(fsys, opts.Profile, filepath.ToSlash(opts.Profile), plannerExercises(b.site))
	if err != nil {
		return nil, err
	}
	job := &programJob{prog: prog, path: "programs/" + prog.Slug + "/"}
	page := b.programPage(job)
	page.CalendarHref = ""
	css, _ := b.theme.Asset("program.css")
	if err := program.Standalone(opts.HTML, page, b.theme.Template("program.html"), string(css)); err != nil {
		return nil, err
	}
	if opts.ICS != nil {
		if err := ics.Write(opts.ICS, prog, ics.Options{PageURL: page.CanonicalURL}); err != nil {
			return nil, err
		}
	}
	return prog, nil
}

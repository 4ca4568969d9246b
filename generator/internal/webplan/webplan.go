// Package webplan is the planner of the program builder page: the part of
// Stance that runs in the athlete's browser, compiled to WebAssembly. It
// turns the builder form's answers into a profile, plans it with package
// planner and renders it with package program, the site's own
// program.html and program.css, and package ics: the code `stance
// program` and a site build run, so the builder cannot plan differently.
//
// Nothing here knows about the browser: package webplan/wasm moves
// strings between this package and the page's script, so everything the
// module does is tested as ordinary Go.
package webplan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/ics"
	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/program"
)

// Format is the version of Data. The page's script, the module and the
// data file come from one build, but a browser may keep an old module in
// its cache: a module reading data of another format says so instead of
// planning wrongly.
const Format = 1

// Data is what a site's build hands the module, as JSON next to it: the
// site's exercise pages as the planner reads them, its program template
// and stylesheet, and what a program page shows of the site.
type Data struct {
	Format    int                `json:"format"`
	Site      program.Site       `json:"site"`
	Exercises []planner.Exercise `json:"exercises"`
	Template  string             `json:"template"` // program.html of the site's theme
	CSS       string             `json:"css"`      // program.css of the site's theme
}

// Planner plans programs against one site's Data.
type Planner struct {
	data Data
	tmpl *template.Template
}

// New checks d and parses its template, once: parsing costs more than
// rendering a program. The template is run once on an empty program, so
// one that needs what the builder lacks (a partial or a function of the
// site's theme) fails here, when the site is built, rather than in an
// athlete's browser.
func New(d Data) (*Planner, error) {
	if d.Format != Format {
		return nil, fmt.Errorf("the builder's data is format %d, this planner reads format %d: reload the page", d.Format, Format)
	}
	if len(d.Exercises) == 0 {
		return nil, errors.New("the site has no exercise pages to plan with")
	}
	t, err := program.ParseTemplate(d.Template)
	if err != nil {
		return nil, err
	}
	empty := &program.Page{Program: &planner.Program{}}
	if err := t.ExecuteTemplate(io.Discard, "program.html", empty); err != nil {
		return nil, fmt.Errorf("program: rendering: %w", err)
	}
	return &Planner{data: d, tmpl: t}, nil
}

// Load is New for the data file's JSON.
func Load(data []byte) (*Planner, error) {
	var d Data
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("reading the builder's data: %w", err)
	}
	return New(d)
}

// ProfileName is the file name profiles made in the builder are parsed
// under; it never reaches the athlete, whose problems are shown at the
// form's fields.
const ProfileName = "builder.toml"

// Result is one submission of the form: the program, or the problems
// that kept the planner from making one.
type Result struct {
	// Profile is the answers as a profile, also when they have problems:
	// the file a coach keeps and builds with the site.
	Profile string
	// Problems are the planner's own messages, each at the profile key
	// (and so the form field) it concerns. Empty when a program was made.
	Problems []Problem

	Slug    string
	Athlete string
	Weeks   int
	Summary string // "8 weeks from Monday 4 January 2027 to Sunday 28 February 2027"
	// Page is the program for the builder page: program.html with
	// program.css inlined and links within the site, as on the site's
	// own program pages.
	Page string
	// File is the self-contained program `stance program` writes for the
	// same profile in the site's folder, byte for byte.
	File string
	// Calendar is the program's .ics, as a site build and `stance
	// program --ics` write it, except that its events link no program
	// page: the site has none for it.
	Calendar string
}

// Problem is one planner message at a profile key.
type Problem struct {
	Key     string // "weeks", "runs.thursday", "loads.dumbbells"; "" for the whole profile
	Message string
}

// Make writes the answers as a profile, plans it and renders the program.
func (p *Planner) Make(answers []Answer) *Result {
	res := &Result{Profile: ProfileTOML(answers)}
	prog, err := p.plan(res.Profile)
	if err != nil {
		res.Problems = problems(err)
		return res
	}
	if err := p.render(res, prog); err != nil {
		res.Problems = problems(err)
	}
	return res
}

func (p *Planner) plan(profile string) (*planner.Program, error) {
	prof, err := planner.ParseProfile(ProfileName, []byte(profile))
	if err != nil {
		return nil, err
	}
	return planner.Plan(prof, p.data.Exercises)
}

// render fills in the program's page, file and calendar.
func (p *Planner) render(res *Result, prog *planner.Program) error {
	path := "programs/" + prog.Slug + "/"
	page := program.NewPage(prog)
	page.Publish(p.data.Site, path)
	page.InlineCSS = template.CSS(p.data.CSS)
	var inPage, file, cal bytes.Buffer
	if err := program.Render(&inPage, p.tmpl, page); err != nil {
		return err
	}
	if err := program.Standalone(&file, page, p.tmpl, p.data.CSS); err != nil {
		return err
	}
	// The program has no page on the site (until a coach publishes its
	// profile), so its events link none. UIDs are the site's, so the
	// calendar of a published copy replaces these events.
	calOpts := ics.SiteOptions(p.data.Site.BaseURL, path)
	calOpts.PageURL = ""
	if err := ics.Write(&cal, prog, calOpts); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	res.Slug, res.Athlete, res.Weeks = prog.Slug, prog.Athlete, len(prog.Weeks)
	res.Summary = fmt.Sprintf("%d weeks from %s to %s", len(prog.Weeks), page.StartText, page.EndText)
	res.Page, res.File, res.Calendar = inPage.String(), file.String(), cal.String()
	return nil
}

// problems lists the planner's messages without the file and line of the
// profile, which the athlete never saw: the key says which field.
func problems(err error) []Problem {
	var out []Problem
	for _, e := range diag.Flatten(err) {
		out = append(out, Problem{Key: e.Key, Message: e.Msg})
	}
	return out
}

package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/internal/config"
	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/markdown"
	"github.com/stance-ssg/stance/generator/internal/output"
)

// siteData is what templates see as .Site.
type siteData struct {
	Title, Description, Language, Author string
	BaseURL, BasePath                    string
	Nav                                  []*Section
	Taxonomies                           []*Taxonomy
}

func newSiteData(cfg *config.Config, v *views, root *content.Section) *siteData {
	return &siteData{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language, Author: cfg.Author,
		BaseURL: cfg.BaseURL, BasePath: cfg.BasePath(),
		Nav:        v.sections[root].Sections,
		Taxonomies: v.taxonomies,
	}
}

// pageData is what a layout is executed with.
type pageData struct {
	Site        *siteData
	Page        *currentPage
	Section     *Section  // list pages: the section listed
	Taxonomy    *Taxonomy // taxonomy and term pages
	Term        *Term
	Prev, Next  *Page // neighbours in the section
	Crumbs      []*Page
	Canonical   string
	Description string
	IsHome      bool
	// HasCode is true when the page's body has a code block, so the
	// layout links the highlighting styles only where they are used.
	HasCode bool
	Live    template.HTML
	// Builder is the program builder's form and files, on its page only.
	Builder *BuilderPage
}

// IsArticle is true for guides and exercises (not lists).
func (d *pageData) IsArticle() bool { return d.Page.Kind == content.KindPage }

// InSection reports whether the page being rendered is s or inside it, for
// marking the current navigation item.
func (d *pageData) InSection(s *Section) bool {
	for sec := d.Section; sec != nil; sec = sec.Parent {
		if sec == s {
			return true
		}
	}
	return false
}

// data is the layout data of p, whose rendered body is body.
func (b *builder) data(p *content.Page, body template.HTML) *pageData {
	pv := b.views.page(p)
	d := &pageData{
		Site:        b.siteData,
		Page:        &currentPage{Page: pv, Content: body},
		HasCode:     strings.Contains(string(body), `class="chroma"`),
		Canonical:   p.Permalink,
		Description: p.Front.Description,
		IsHome:      p.Kind == content.KindHome,
		Live:        b.opts.LiveReload,
		Section:     pv.Section,
	}
	if d.Description == "" && d.IsHome {
		d.Description = b.cfg.Description
	}
	for sec := p.Section; sec != nil && sec.Dir != ""; sec = sec.Parent {
		if sec.Index != p {
			d.Crumbs = append([]*Page{b.views.page(sec.Index)}, d.Crumbs...)
		}
	}
	return d
}

// layoutFor picks the layout of a page. The list page of the top-level
// exercises section (the exercise library) has a layout of its own.
func layoutFor(p *content.Page) string {
	switch {
	case p.Kind == content.KindHome:
		return "home.html"
	case p.Kind == content.KindSection && p.Path == "exercises/":
		return "exercises.html"
	case p.Kind == content.KindSection:
		return "section.html"
	case p.IsExercise():
		return "exercise.html"
	default:
		return "page.html"
	}
}

// jobs lists every file of the build as an independent unit of work.
func (b *builder) jobs(dest *output.Dest) []func() error {
	var jobs []func() error
	for _, p := range b.site.Pages {
		p := p
		jobs = append(jobs, func() error { return b.writePage(dest, p) })
	}
	jobs = append(jobs, b.taxonomyJobs(dest)...)
	jobs = append(jobs,
		func() error { return b.writeNotFound(dest) },
		func() error { return b.writeSearch(dest) },
		func() error { return b.writeAliases(dest) },
		func() error { return b.writeSitemap(dest) },
		func() error { return b.writeFeed(dest) },
		func() error { return b.writeRobots(dest) },
		func() error { return b.writeAssets(dest) },
		func() error { return b.copyResources(dest) },
		func() error { return b.copyStatic(dest) },
	)
	jobs = append(jobs, b.programJobs(dest)...)
	jobs = append(jobs, b.publishJobs(dest)...)
	return jobs
}

// writePage renders one page's Markdown and layout and streams it to disk.
// The rendered body lives only in this job's layout data, so a large site
// is never held in memory whole and no other job sees it half-made.
func (b *builder) writePage(dest *output.Dest, p *content.Page) error {
	var body template.HTML
	if p.File != "" {
		html, err := b.renderMarkdown(p)
		if err != nil {
			return err
		}
		body = html
	}
	return b.render(dest, p.Path+"index.html", b.layoutOf(p), b.pageData(p, body))
}

// layoutOf is the layout p renders with. The exercise library's list has
// a layout of its own; a theme without it lists exercises like any
// section.
func (b *builder) layoutOf(p *content.Page) string {
	layout := layoutFor(p)
	if layout == "exercises.html" && !b.theme.Has(layout) {
		return "section.html"
	}
	return layout
}

// pageData is the data of a page's own layout: with its neighbours for a
// guide or exercise, with the section it lists for a list page.
func (b *builder) pageData(p *content.Page, body template.HTML) *pageData {
	d := b.data(p, body)
	if p.Kind == content.KindPage {
		prev, next := p.Neighbours()
		d.Prev, d.Next = b.views.page(prev), b.views.page(next)
	} else {
		d.Section = b.views.sections[b.sectionOf(p)]
	}
	return d
}

// sectionOf finds the section a list page lists.
func (b *builder) sectionOf(p *content.Page) *content.Section {
	return b.site.Section(strings.TrimSuffix(p.Path, "/"))
}

var bufPool = newBufferPool()

func (b *builder) renderMarkdown(p *content.Page) (template.HTML, error) {
	buf := bufPool.get()
	defer bufPool.put(buf)
	env := markdown.Env{
		File:     path.Join(filepath.ToSlash(b.site.Dir()), p.File),
		BodyLine: p.BodyLine,
		Resolve: func(dest string) (string, error) {
			u, target, err := b.site.Target(p.File, dest)
			b.deps.link(target, p.File)
			return u, err
		},
		Card: func(slug string) (markdown.Card, bool) {
			ex, ok := b.site.Exercise(slug)
			if !ok {
				return markdown.Card{}, false
			}
			// A card shows the exercise's front matter: its page's edits
			// render this page again under serve, as links to it do.
			b.deps.link(ex.Path, p.File)
			return exerciseCard(ex), true
		},
	}
	if err := b.md.Convert(buf, p.Body, env); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// exerciseCard is what an exercise block shows of the exercise page p.
func exerciseCard(p *content.Page) markdown.Card {
	return markdown.Card{Title: p.Front.Title, URL: p.URL, Muscles: p.Front.Muscles, Equipment: p.Front.Equipment, Cues: p.Front.Cues}
}

// render executes a layout into a pooled buffer and writes the file.
func (b *builder) render(dest *output.Dest, rel, layout string, data any) error {
	buf := bufPool.get()
	defer bufPool.put(buf)
	if err := b.theme.Execute(buf, layout, data); err != nil {
		var at *diag.Error
		if errors.As(err, &at) {
			// Keep the template's position for serve's error page.
			return &diag.Error{File: at.File, Line: at.Line, Column: at.Column, Msg: "rendering " + rel + ": " + at.Msg, Err: err}
		}
		return fmt.Errorf("rendering %s: %w", rel, err)
	}
	return dest.WriteFile(rel, buf.Bytes())
}

func (b *builder) taxonomyJobs(dest *output.Dest) []func() error {
	var jobs []func() error
	for _, tax := range b.site.Taxonomies {
		tax := tax
		jobs = append(jobs, func() error { return b.writeTaxonomy(dest, tax) })
		for _, term := range tax.Terms {
			term := term
			jobs = append(jobs, func() error { return b.writeTerm(dest, tax, term) })
		}
	}
	return jobs
}

// writeTaxonomy renders the list page of a taxonomy: its terms.
func (b *builder) writeTaxonomy(dest *output.Dest, tax *content.Taxonomy) error {
	p := b.madeUpPage(tax.Title, tax.Name+"/")
	d := b.data(p, "")
	d.Taxonomy = b.views.taxonomy(tax)
	return b.render(dest, p.Path+"index.html", "taxonomy.html", d)
}

// writeTerm renders the list page of one taxonomy term.
func (b *builder) writeTerm(dest *output.Dest, tax *content.Taxonomy, term *content.Term) error {
	p := b.madeUpPage(tax.TermTitle(term), term.Path)
	d := b.data(p, "")
	d.Taxonomy, d.Term = b.views.taxonomy(tax), b.views.terms[term]
	return b.render(dest, p.Path+"index.html", "term.html", d)
}

func (b *builder) madeUpPage(title, urlPath string) *content.Page {
	return &content.Page{
		Kind:      content.KindSection,
		Front:     content.FrontMatter{Title: title},
		Title:     title,
		Path:      urlPath,
		URL:       b.cfg.BasePath() + urlPath,
		Permalink: b.cfg.BaseURL + urlPath,
	}
}

func (b *builder) writeNotFound(dest *output.Dest) error {
	p := b.madeUpPage("Page not found", "404.html")
	d := b.data(p, "")
	return b.render(dest, "404.html", "404.html", d)
}

// writeSearch writes the search page, /search/, when the theme has a
// search.html (the default theme does). The page needs a Pagefind index,
// made after the build; the layout says how when it is missing.
func (b *builder) writeSearch(dest *output.Dest) error {
	if !b.theme.Has("search.html") {
		return nil
	}
	p := b.madeUpPage("Search", "search/")
	return b.render(dest, p.Path+"index.html", "search.html", b.data(p, ""))
}

var aliasTemplate = template.Must(template.New("alias").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Permalink}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p>This page has moved to <a href="{{.URL}}">{{.Title}}</a>.</p>
</body>
</html>
`))

// writeAliases writes a redirect page at every old URL of a page.
func (b *builder) writeAliases(dest *output.Dest) error {
	for _, p := range b.site.Pages {
		for _, a := range content.AliasFiles(p) {
			if err := b.writeAlias(dest, p, a); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeAlias writes the redirect page at file, an old URL of p.
func (b *builder) writeAlias(dest *output.Dest, p *content.Page, file string) error {
	var buf bytes.Buffer
	if err := aliasTemplate.Execute(&buf, p); err != nil {
		return err
	}
	if err := dest.WriteFile(file, buf.Bytes()); err != nil {
		return fmt.Errorf("alias %s of %s: %w", file, p.File, err)
	}
	return nil
}

// writeAssets writes the theme's CSS and the code highlighting stylesheet.
func (b *builder) writeAssets(dest *output.Dest) error {
	for _, name := range b.theme.Assets() {
		data, _ := b.theme.Asset(name)
		if err := dest.WriteFile("theme/"+name, data); err != nil {
			return err
		}
	}
	css, err := markdown.StyleSheet(b.cfg.Highlight.Light, b.cfg.Highlight.Dark)
	if err != nil {
		return err
	}
	return dest.WriteFile("theme/syntax.css", []byte(css))
}

// copyResources copies bundle images and other files found in content/.
func (b *builder) copyResources(dest *output.Dest) error {
	for _, r := range b.site.Resources {
		rel := strings.TrimPrefix(r.URL, b.cfg.BasePath())
		if err := dest.Copy(rel, b.fs, filepath.Join(b.site.Dir(), filepath.FromSlash(r.File))); err != nil {
			return err
		}
	}
	return nil
}

// copyStatic copies the site's static/ folder as it is.
func (b *builder) copyStatic(dest *output.Dest) error {
	root := filepath.Join(b.opts.Source, "static")
	if ok, _ := afero.DirExists(b.fs, root); !ok {
		return nil
	}
	return afero.Walk(b.fs, root, func(p string, info fileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.Mode()&symlink != 0 {
			return fmt.Errorf("%s: symbolic links are not followed: they can point outside the site", p)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		return dest.Copy(filepath.ToSlash(rel), b.fs, p)
	})
}

package site

import (
	"html/template"
	"sync/atomic"

	"github.com/stance-ssg/stance/generator/internal/content"
)

// Layouts see the site through the views in this file, never through the
// loaded model itself: rendering never writes into what loading produced.
// A view embeds the loaded value, so layouts read its fields (.Title,
// .URL, .Front, ...) as before, and replaces its links to other pages and
// sections with views, so that any page a layout reaches can show its
// rendered body (.Content) without that body being stored in the model
// while other pages render in parallel.

// Page is a page as layouts see it.
type Page struct {
	*content.Page
	// Section is the section the page is listed in (nil for home). It
	// hides content.Page.Section, whose pages have no rendered body.
	Section *Section
	// Title, URL and Front repeat the loaded page's, which they hide: a
	// list of ten thousand pages reads them for every entry, and
	// text/template finds a field of an embedded struct with a search
	// through every embedded type (reflect's FieldByNameFunc), a field of
	// the view itself at once.
	Title, URL string
	Front      *content.FrontMatter
	// IsExercise hides the method of the same name for the same reason:
	// a method is called through reflection, slower still.
	IsExercise bool
	views      *views
}

// Content renders the page's Markdown body. It is rendered each time a
// layout asks, from the page's source, so it is always current and never
// shared between goroutines; the page a layout renders already has its
// body (see currentPage), so only layouts that show other pages' bodies
// (a section list with full text, say) pay for it.
func (p *Page) Content() (template.HTML, error) {
	if p.File == "" {
		return "", nil
	}
	p.views.otherBodies.Store(true)
	return p.views.render(p.Page)
}

// loaded is the page as loading made it, for the template functions that
// look things up by it.
func (p *Page) loaded() *content.Page {
	if p == nil {
		return nil // a missing neighbour passed on by a layout
	}
	return p.Page
}

// loadedPage is any page view a layout can pass to a template function:
// a *Page, or the *currentPage that embeds one.
type loadedPage interface{ loaded() *content.Page }

// currentPage is the page a layout is rendering, with its body rendered
// once by its own job. The field hides Page's Content method.
type currentPage struct {
	*Page
	Content template.HTML
}

// Section is a section as layouts see it.
type Section struct {
	*content.Section
	Index    *Page
	Pages    []*Page
	Sections []*Section
	Parent   *Section
}

// Taxonomy is a taxonomy as layouts see it.
type Taxonomy struct {
	*content.Taxonomy
	Terms []*Term
}

// Term is a taxonomy term as layouts see it.
type Term struct {
	*content.Term
	Pages []*Page
}

// views holds the view of every page, section and taxonomy of one loaded
// site. They are made once, before rendering starts, and only read while
// pages render in parallel.
type views struct {
	pages      map[*content.Page]*Page
	sections   map[*content.Section]*Section
	taxonomies []*Taxonomy
	terms      map[*content.Term]*Term
	render     func(*content.Page) (template.HTML, error)
	// otherBodies records that a layout showed a body other than its own
	// page's, so serve re-renders listings when a body changes.
	otherBodies atomic.Bool
}

func newViews(s *content.Site, render func(*content.Page) (template.HTML, error)) *views {
	v := &views{
		pages:    make(map[*content.Page]*Page, len(s.Pages)),
		sections: map[*content.Section]*Section{},
		terms:    map[*content.Term]*Term{},
		render:   render,
	}
	for _, p := range s.Pages {
		v.pages[p] = newPageView(p, v)
	}
	v.section(s.Root)
	for _, p := range s.Pages {
		v.pages[p].Section = v.sections[p.Section]
	}
	for _, tax := range s.Taxonomies {
		tv := &Taxonomy{Taxonomy: tax}
		for _, term := range tax.Terms {
			t := &Term{Term: term, Pages: v.pageList(term.Pages)}
			v.terms[term] = t
			tv.Terms = append(tv.Terms, t)
		}
		v.taxonomies = append(v.taxonomies, tv)
	}
	return v
}

// section makes the view of sec and of the sections below it.
func (v *views) section(sec *content.Section) *Section {
	if sec == nil {
		return nil
	}
	sv := &Section{Section: sec, Index: v.pages[sec.Index], Pages: v.pageList(sec.Pages)}
	v.sections[sec] = sv
	for _, sub := range sec.Sections {
		child := v.section(sub)
		child.Parent = sv
		sv.Sections = append(sv.Sections, child)
	}
	return sv
}

func (v *views) pageList(pages []*content.Page) []*Page {
	out := make([]*Page, len(pages))
	for i, p := range pages {
		out[i] = v.page(p)
	}
	return out
}

// page is the view of p; a page made up during rendering (a taxonomy
// list, the 404 page) gets a view of its own.
func (v *views) page(p *content.Page) *Page {
	if p == nil {
		return nil
	}
	if pv, ok := v.pages[p]; ok {
		return pv
	}
	pv := newPageView(p, v)
	pv.Section = v.sections[p.Section]
	return pv
}

func newPageView(p *content.Page, v *views) *Page {
	return &Page{Page: p, Title: p.Title, URL: p.URL, Front: &p.Front, IsExercise: p.IsExercise(), views: v}
}

// taxonomy is the view of tax.
func (v *views) taxonomy(tax *content.Taxonomy) *Taxonomy {
	for _, t := range v.taxonomies {
		if t.Taxonomy == tax {
			return t
		}
	}
	return nil
}

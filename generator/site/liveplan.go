package site

// What one serve update must do: the plan that classification fills in
// (liveclassify.go) and Live carries out (live.go).

import (
	"maps"

	"github.com/stance-ssg/stance/generator/internal/content"
)

// plan is the work one update needs. Plans of failed updates are merged
// into the next one, so nothing is lost when the user fixes a mistake.
type plan struct {
	full   bool            // load and render the whole site again
	all    bool            // render every output again (a shared template)
	theme  bool            // parse the templates again
	reload map[string]bool // page files, below content/, to read again
	// reassemble holds the page files whose edit moves a page or changes
	// a list (title, slug, date, weight, terms; added, removed): the site
	// is assembled again around them (see livereassemble.go).
	reassemble map[string]bool
	pages      map[*content.Page]bool
	layouts    map[string]bool // layouts whose pages render again
	terms      map[*content.Term]*content.Taxonomy
	copies     map[string]string // output path -> source file; "" removes
	feeds      bool              // the feed
	sitemap    bool              // a page or term came, went, moved or got a new date
	notFound   bool              // the build's own pages: 404.html and the search page
	assets     bool
	programs   bool
	// replan plans every program again (an exercise page changed: the
	// planner picks from them), then renders them.
	replan bool
	// taxonomies renders every taxonomy and term page.
	taxonomies bool
	// taxonomyLists renders the list page of every taxonomy, not its terms.
	taxonomyLists bool
	aliases       map[*content.Page]bool // pages whose redirect files to write
	redirects     bool                   // _redirects, which lists every alias
	removals      map[string]bool        // outputs that no longer exist
}

func newPlan() *plan {
	return &plan{
		reload: map[string]bool{}, reassemble: map[string]bool{}, pages: map[*content.Page]bool{}, layouts: map[string]bool{},
		terms: map[*content.Term]*content.Taxonomy{}, copies: map[string]string{},
		aliases: map[*content.Page]bool{}, removals: map[string]bool{},
	}
}

func (p *plan) empty() bool {
	return !p.full && !p.all && !p.theme && len(p.reload) == 0 && len(p.reassemble) == 0 &&
		len(p.pages) == 0 && len(p.layouts) == 0 && len(p.terms) == 0 && len(p.copies) == 0 &&
		len(p.aliases) == 0 && len(p.removals) == 0 &&
		!p.feeds && !p.sitemap && !p.notFound && !p.assets && !p.programs && !p.replan && !p.taxonomies && !p.taxonomyLists && !p.redirects
}

// merge adds the work of an earlier plan; p's newer copies win.
func (p *plan) merge(old *plan) {
	p.full = p.full || old.full
	p.all = p.all || old.all
	p.theme = p.theme || old.theme
	p.feeds = p.feeds || old.feeds
	p.sitemap = p.sitemap || old.sitemap
	p.notFound = p.notFound || old.notFound
	p.assets = p.assets || old.assets
	p.programs = p.programs || old.programs
	p.replan = p.replan || old.replan
	p.taxonomies = p.taxonomies || old.taxonomies
	p.taxonomyLists = p.taxonomyLists || old.taxonomyLists
	p.redirects = p.redirects || old.redirects
	maps.Copy(p.reload, old.reload)
	maps.Copy(p.reassemble, old.reassemble)
	maps.Copy(p.aliases, old.aliases)
	maps.Copy(p.removals, old.removals)
	maps.Copy(p.pages, old.pages)
	maps.Copy(p.layouts, old.layouts)
	maps.Copy(p.terms, old.terms)
	for k, v := range old.copies {
		if _, newer := p.copies[k]; !newer {
			p.copies[k] = v
		}
	}
}

package site

// Edits that move a page or change a list, without loading the whole site
// again: the site is assembled again from the pages as loaded (only the
// changed files are read), and the outputs that showed the changed pages
// before the edit or show them after it are planned.

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/content"
)

// reassemble assembles the site again around the files of
// p.reassemble and returns the builder of the new site with the work
// to do: p's own work, carried over to the new site's pages, and the
// outputs the moves touch. The current builder and p are left as they
// are, so a failure is retried from the same state.
func (l *Live) reassemble(p *plan) (*builder, *plan, error) {
	before := l.b.site
	files := slices.Sorted(maps.Keys(p.reassemble))
	after, err := before.Reload(l.fs, files)
	if err != nil {
		return nil, nil, err
	}
	b := l.b.withSite(after)
	work := carryOver(p, after)
	for _, file := range files {
		old, _ := before.PageByFile(file)
		now, _ := after.PageByFile(file)
		b.planMove(work, before, old, now)
	}
	if !sameTaxonomies(before, after) {
		work.all = true // the footer of every page lists the taxonomies
	}
	if !sameTerms(before, after) {
		work.sitemap = true
	}
	return b, work, nil
}

// withSite is a builder for site that shares b's configuration, theme and
// programs. The theme's functions are pointed at site (see siteRef).
func (b *builder) withSite(site *content.Site) *builder {
	nb := *b
	nb.site = site
	nb.views = newViews(site, nb.renderMarkdown)
	nb.siteData = newSiteData(nb.cfg, nb.views, site.Root)
	nb.lookup.Store(site)
	return &nb
}

// carryOver copies the work of p to the same pages, terms and files of
// the site assembled again (pages are new values there).
func carryOver(p *plan, site *content.Site) *plan {
	w := newPlan()
	w.merge(p)
	w.reassemble = map[string]bool{}
	w.pages = map[*content.Page]bool{}
	for page := range p.pages {
		if np := samePage(site, page); np != nil {
			w.pages[np] = true
		}
	}
	w.terms = map[*content.Term]*content.Taxonomy{}
	for term, tax := range p.terms {
		if nt, ntax := sameTerm(site, tax, term); nt != nil {
			w.terms[nt] = ntax
		}
	}
	w.aliases = map[*content.Page]bool{}
	for page := range p.aliases {
		if np := samePage(site, page); np != nil {
			w.aliases[np] = true
		}
	}
	return w
}

// samePage finds p in another assembly of the site: by file, or by path
// for list pages made up for a folder.
func samePage(site *content.Site, p *content.Page) *content.Page {
	if p == nil {
		return nil
	}
	if p.File != "" {
		np, _ := site.PageByFile(p.File)
		return np
	}
	np, _ := site.PageByPath(p.Path)
	return np
}

// sameTerm finds a term in another assembly of the site, by taxonomy and
// slug.
func sameTerm(site *content.Site, tax *content.Taxonomy, term *content.Term) (*content.Term, *content.Taxonomy) {
	for _, t := range site.Taxonomies {
		if t.Name != tax.Name {
			continue
		}
		for _, nt := range t.Terms {
			if nt.Slug == term.Slug {
				return nt, t
			}
		}
	}
	return nil, nil
}

// sameTerms reports whether two assemblies of a site have the same term
// pages.
func sameTerms(a, b *content.Site) bool {
	return slices.EqualFunc(a.Taxonomies, b.Taxonomies, func(x, y *content.Taxonomy) bool {
		return slices.EqualFunc(x.Terms, y.Terms, func(s, t *content.Term) bool { return s.Path == t.Path })
	})
}

func sameTaxonomies(a, b *content.Site) bool {
	return slices.EqualFunc(a.Taxonomies, b.Taxonomies, func(x, y *content.Taxonomy) bool { return x.Name == y.Name })
}

// planMove adds to w the outputs that show a changed page: old (as it was
// in the site before, nil for a new page) or now (in b's site, nil for a
// removed one). Both sides count: a page that moves leaves its old
// neighbours, section and terms, and joins new ones.
func (b *builder) planMove(w *plan, before *content.Site, old, now *content.Page) {
	for _, p := range []*content.Page{old, now} {
		if p != nil && p.Kind != content.KindPage {
			// A list page's title and order show in the navigation and
			// breadcrumbs of every page.
			w.all = true
			return
		}
	}
	// Taxonomy lists show every term and how many pages it has.
	w.taxonomyLists, w.feeds = true, true
	if old == nil || now == nil || old.Permalink != now.Permalink || old.Dated() != now.Dated() ||
		old.Front.Date.Format(sitemapDate) != now.Front.Date.Format(sitemapDate) {
		w.sitemap = true // it lists every URL with its date
	}
	if now != nil {
		b.addListings(w, now)
		w.aliases[now] = true
	}
	if movedAliases(old, now) {
		w.redirects = true
	}
	if old == nil {
		b.planLinksTo(w, now)
		return
	}
	prev, next := old.Neighbours()
	for _, n := range []*content.Page{prev, next, old.Section.Index, before.Home} {
		if np := samePage(b.site, n); np != nil {
			w.pages[np] = true
		}
	}
	for _, tax := range before.Taxonomies {
		for _, term := range tax.Terms {
			if !listsPage(term, old) {
				continue
			}
			if nt, ntax := sameTerm(b.site, tax, term); nt != nil {
				w.terms[nt] = ntax
			} else {
				w.removals[term.Path+"index.html"] = true // no page has the term any more
			}
		}
	}
	if now != nil && now.Path == old.Path && slices.Equal(old.Front.Aliases, now.Front.Aliases) {
		return
	}
	// The page moved, or went: its old outputs go, and pages whose bodies
	// link to it, or layouts that look it up, show the new URL (or fail
	// with a broken link).
	if now == nil || now.Path != old.Path {
		w.removals[old.Path+"index.html"] = true
		if old.Bundle {
			w.full = true // the bundle's files move with it
		}
	}
	for _, a := range content.AliasFiles(old) {
		w.removals[a] = true
	}
	b.planLinksTo(w, old)
}

// movedAliases reports whether the redirect rules of a page change: it has
// aliases, and they or the page's URL changed, or it came or went.
func movedAliases(old, now *content.Page) bool {
	switch {
	case old == nil && now == nil:
		return false
	case old == nil:
		return len(now.Front.Aliases) > 0
	case now == nil:
		return len(old.Front.Aliases) > 0
	}
	return (len(old.Front.Aliases) > 0 || len(now.Front.Aliases) > 0) &&
		(old.Path != now.Path || !slices.Equal(old.Front.Aliases, now.Front.Aliases))
}

// planLinksTo plans the pages whose bodies link to p, and every output
// when a layout looks p up by its file.
func (b *builder) planLinksTo(w *plan, p *content.Page) {
	if p == nil {
		return
	}
	if b.deps.lookedUpFile(p.File) {
		w.all = true
	}
	for _, file := range b.deps.linking(p.Path) {
		if q, ok := b.site.PageByFile(file); ok {
			w.pages[q] = true
		}
	}
}

// remove deletes outputs that no longer exist, and the folders they leave
// empty, from the live output.
func (l *Live) remove(files map[string]bool) error {
	var errs []error
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(liveRoot, filepath.FromSlash(rel))
		// RemoveAll: a static folder that went is one entry.
		if err := l.out.RemoveAll(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
			d := filepath.Join(liveRoot, filepath.FromSlash(dir))
			if entries, err := afero.ReadDir(l.out, d); err != nil || len(entries) > 0 {
				break
			}
			l.out.Remove(d)
		}
	}
	return errors.Join(errs...)
}

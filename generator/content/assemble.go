package content

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/stance-ssg/stance/generator/tomlx"
)

// assemble links pages into sections, gives every page its URL and checks
// that no two things claim the same URL.
func (l *loader) assemble() {
	s := l.site
	s.Root = l.section("")
	for _, p := range l.pages {
		if p.Kind == KindHome || p.Kind == KindSection {
			sec := l.section(strings.TrimSuffix(p.Path, "/"))
			sec.Index = p
		}
	}
	for _, p := range l.pages {
		if p.Kind == KindPage {
			dir := path.Dir(p.File)
			if p.Bundle {
				dir = path.Dir(dir)
			}
			sec := l.section(cleanDir(dir))
			sec.Pages = append(sec.Pages, p)
			p.Section = sec
		}
	}
	l.fillSections(s.Root)
	s.Home = s.Root.Index
	s.Home.Kind = KindHome
	l.setURLs()
	l.bundleResources()
	l.checkURLs()
	s.Taxonomies = buildTaxonomies(s.Pages, l.opts.BasePath)
	for _, p := range s.Pages {
		s.byFile[p.File] = p
		s.byDir[strings.TrimSuffix(p.Path, "/")] = p
		if p.IsExercise() {
			s.exercises[path.Base(strings.TrimSuffix(p.Path, "/"))] = p
		}
	}
	l.checkVariations()
}

// checkVariations reports an easier or harder variation that is not an
// exercise page of the site: the planner swaps exercises along them.
func (l *loader) checkVariations() {
	for _, p := range l.site.Exercises() {
		for _, v := range []struct{ key, slug string }{{"easier", p.Front.Easier}, {"harder", p.Front.Harder}} {
			switch _, ok := l.site.exercises[v.slug]; {
			case v.slug == "":
			case v.slug == path.Base(strings.TrimSuffix(p.Path, "/")):
				l.failKey(p.File, p, v.key, fmt.Errorf("%q is this exercise itself; name another exercise page", v.slug))
			case !ok:
				l.failKey(p.File, p, v.key, fmt.Errorf("%q is not an exercise page: use the folder name of a page in content/exercises/", v.slug))
			}
		}
	}
}

func cleanDir(dir string) string {
	if dir == "." {
		return ""
	}
	return dir
}

// section returns the section for a folder, creating it and its parents.
func (l *loader) section(dir string) *Section {
	if sec, ok := l.site.sections[dir]; ok {
		return sec
	}
	sec := &Section{Dir: dir}
	sec.Index = &Page{Kind: KindSection, Path: dirPath(dir)}
	l.site.sections[dir] = sec
	if dir != "" {
		sec.Parent = l.section(cleanDir(path.Dir(dir)))
		sec.Parent.Sections = append(sec.Parent.Sections, sec)
	}
	return sec
}

// fillSections gives made-up list pages a title, sorts everything and
// collects all pages in a stable order.
func (l *loader) fillSections(sec *Section) {
	idx := sec.Index
	idx.Section = sec.Parent
	if idx.Front.Title == "" {
		idx.Front.Title = humanize(path.Base(sec.Dir))
		if sec.Dir == "" {
			idx.Front.Title = l.opts.HomeTitle
		}
	}
	sortPages(sec.Pages)
	for i, p := range sec.Pages {
		p.order = i
	}
	sort.SliceStable(sec.Sections, func(i, j int) bool {
		return less(sec.Sections[i].Index, sec.Sections[j].Index)
	})
	l.site.Pages = append(l.site.Pages, idx)
	l.site.Pages = append(l.site.Pages, sec.Pages...)
	for _, child := range sec.Sections {
		l.fillSections(child)
	}
}

func sortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool { return less(ps[i], ps[j]) })
}

// less orders pages by weight (unweighted last), newest date, title, file.
func less(a, b *Page) bool {
	wa, wb := a.Front.Weight, b.Front.Weight
	if (wa == 0) != (wb == 0) {
		return wb == 0
	}
	if wa != wb {
		return wa < wb
	}
	if !a.Front.Date.Equal(b.Front.Date) {
		return a.Front.Date.After(b.Front.Date)
	}
	if a.Front.Title != b.Front.Title {
		return a.Front.Title < b.Front.Title
	}
	return a.File+a.Path < b.File+b.Path
}

func humanize(name string) string {
	name = strings.ReplaceAll(strings.ReplaceAll(name, "-", " "), "_", " ")
	r := []rune(name)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// setURLs gives every page and section the URL and title templates read.
func (l *loader) setURLs() {
	for _, p := range l.site.Pages {
		p.URL = l.opts.BasePath + p.Path
		p.Permalink = l.opts.BaseURL + p.Path
		p.Title = p.Front.Title
	}
	for _, sec := range l.site.sections {
		sec.Title, sec.URL = sec.Index.Title, sec.Index.URL
	}
}

// bundleResources moves the files of a bundle with a slug under the
// bundle's URL. Bundles are indexed by folder first: a site with an image
// in every bundle would otherwise scan every page once per image.
func (l *loader) bundleResources() {
	bundles := map[string]*Page{}
	for _, p := range l.pages {
		if p.Bundle {
			bundles[path.Dir(p.File)] = p
		}
	}
	for _, r := range l.site.Resources {
		dir := path.Dir(r.File)
		for d := dir; d != "." && d != ""; d = path.Dir(d) {
			if p, ok := bundles[d]; ok {
				r.URL = l.opts.BasePath + p.Path + strings.TrimPrefix(r.File, d+"/")
				break
			}
		}
	}
}

// checkURLs reports two pages (or a page and an alias or a file) that
// would be written to the same place, and aliases that are not safe paths.
func (l *loader) checkURLs() {
	owner := map[string]string{}
	// claim records who writes urlPath; p and key (nil, "" for resources)
	// let a clash point at the front matter line that set the URL.
	claim := func(urlPath, by, file string, p *Page, key string) {
		if prev, ok := owner[urlPath]; ok && prev != by {
			l.failKey(file, p, key, fmt.Errorf("URL /%s is also produced by %s; change a slug or rename a file", urlPath, prev))
			return
		}
		owner[urlPath] = by
	}
	for _, p := range l.site.Pages {
		if p.File != "" {
			claim(p.Path, "content/"+p.File, p.File, p, "slug")
		}
	}
	for _, r := range l.site.Resources {
		claim(strings.TrimPrefix(r.URL, l.opts.BasePath), "content/"+r.File, r.File, nil, "")
	}
	for _, p := range l.site.Pages {
		for _, a := range p.Front.Aliases {
			clean, err := cleanAlias(a)
			if err != nil {
				l.failKey(p.File, p, "aliases", err)
				continue
			}
			claim(clean, "content/"+p.File+" (alias)", p.File, p, "aliases")
		}
	}
	for _, urlPath := range slices.Sorted(maps.Keys(owner)) {
		for _, name := range taxonomyNames {
			if strings.HasPrefix(urlPath, name+"/") {
				l.fail(strings.TrimPrefix(strings.TrimSuffix(owner[urlPath], " (alias)"), "content/"),
					fmt.Errorf("/%s is inside /%s/, which is reserved for the %s taxonomy pages", urlPath, name, name))
			}
		}
	}
}

// failKey reports err at the line of a front matter key of p when the page
// set that key, and at the file otherwise.
func (l *loader) failKey(file string, p *Page, key string, err error) {
	if p != nil && p.keyLines[key] > 0 {
		l.fail(file, &tomlx.Error{Line: p.keyLines[key], Key: key, Msg: err.Error()})
		return
	}
	l.fail(file, err)
}

// cleanAlias turns an alias into a URL path below the base path, refusing
// anything that could leave the output folder.
func cleanAlias(a string) (string, error) {
	if !strings.HasPrefix(a, "/") || strings.Contains(a, "\\") || strings.Contains(a, "://") {
		return "", fmt.Errorf("%q must be a path from the site root, such as /old/page/", a)
	}
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "?#") {
			return "", fmt.Errorf("%q is not a clean path: no '..', '.', empty segments, '?' or '#'", a)
		}
	}
	return strings.Trim(a, "/") + "/", nil
}

// AliasPaths returns the cleaned alias paths of p, below the base path.
func AliasPaths(p *Page) []string {
	var out []string
	for _, a := range p.Front.Aliases {
		if c, err := cleanAlias(a); err == nil {
			out = append(out, c)
		}
	}
	return out
}

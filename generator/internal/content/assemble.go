package content

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/internal/parallel"
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
	// Sections sort their pages on their own, one worker a section: serve
	// assembles a large site again after every edit that moves a page.
	secs := slices.Collect(maps.Values(s.sections))
	parallel.For(len(secs), 0, func(i int) { sortPages(secs[i].Pages) })
	l.fillSections(s.Root)
	s.Home = s.Root.Index
	s.Home.Kind = KindHome
	l.setURLs()
	l.bundleResources()
	// The collision checks, the taxonomies and the indexes read the pages
	// and write nothing the others read.
	var wg sync.WaitGroup
	wg.Go(l.checkURLs)
	wg.Go(func() { s.Taxonomies = buildTaxonomies(s.Pages, l.opts.BasePath) })
	l.index()
	wg.Wait()
	l.checkVariations()
}

// index fills the lookups by file, by URL path and by exercise name.
func (l *loader) index() {
	s := l.site
	for _, p := range s.Pages {
		s.byFile[p.File] = p
		s.byDir[strings.TrimSuffix(p.Path, "/")] = p
		if p.IsExercise() {
			s.exercises[path.Base(strings.TrimSuffix(p.Path, "/"))] = p
		}
	}
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

// fillSections gives made-up list pages a title, numbers each section's
// sorted pages, sorts the sections and collects all pages in a stable
// order.
func (l *loader) fillSections(sec *Section) {
	idx := sec.Index
	idx.Section = sec.Parent
	if idx.Front.Title == "" {
		idx.Front.Title = humanize(path.Base(sec.Dir))
		if sec.Dir == "" {
			idx.Front.Title = l.opts.HomeTitle
		}
	}
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

// sortPages puts pages in list order. compare leaves no two pages equal,
// so the order is the same whatever order they came in.
func sortPages(ps []*Page) {
	slices.SortFunc(ps, compare)
}

// less orders pages by weight (unweighted last), newest date, title, file.
func less(a, b *Page) bool { return compare(a, b) < 0 }

// compare is less as a three-way comparison.
func compare(a, b *Page) int {
	wa, wb := a.Front.Weight, b.Front.Weight
	switch {
	case (wa == 0) != (wb == 0):
		if wb == 0 {
			return -1
		}
		return 1
	case wa != wb:
		return cmp.Compare(wa, wb)
	case !a.Front.Date.Equal(b.Front.Date):
		return -a.Front.Date.Compare(b.Front.Date) // newest first
	case a.Front.Title != b.Front.Title:
		return strings.Compare(a.Front.Title, b.Front.Title)
	}
	return compareJoined(a.File, a.Path, b.File, b.Path)
}

// compareJoined compares a1+a2 with b1+b2 without joining them: the
// last tie-break of the page order, run millions of times on a large site.
func compareJoined(a1, a2, b1, b2 string) int {
	at := func(s1, s2 string, i int) (byte, bool) {
		switch {
		case i < len(s1):
			return s1[i], true
		case i-len(s1) < len(s2):
			return s2[i-len(s1)], true
		}
		return 0, false
	}
	for i := 0; ; i++ {
		x, okA := at(a1, a2, i)
		y, okB := at(b1, b2, i)
		switch {
		case !okA && !okB:
			return 0
		case !okA:
			return -1
		case !okB:
			return 1
		case x != y:
			return cmp.Compare(x, y)
		}
	}
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
		if p.URL == "" { // set already for a page Reload took as it was
			p.URL = l.opts.BasePath + p.Path
			p.Permalink = l.opts.BaseURL + p.Path
		}
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

// owner is what writes one output file, for error messages: by() names
// it ("content/a.md"), and p and key (nil, "" for resources and made-up
// pages) let an error point at the front matter line that chose the URL.
// The name is made only for a message: a large site claims ten thousand
// files on every assembly.
type owner struct {
	kind ownerKind
	file string
	p    *Page
	key  string
	url  string // as the author wrote it, for aliases
}

type ownerKind int

const (
	ownedByPage ownerKind = iota
	ownedByList           // the list page made up for a folder
	ownedByResource
	ownedByAlias
	ownedByBuild // file is the generated file's name
)

func (o owner) by() string {
	switch o.kind {
	case ownedByList:
		return "the list page of the folder content/" + o.file
	case ownedByAlias:
		return "content/" + o.file + " (alias)"
	case ownedByBuild:
		return "the build itself (" + o.file + ")"
	}
	return "content/" + o.file
}

// generatedFiles are written by every build beside the pages; a page, a
// resource or an alias may not take their place. search/index.html is the
// theme's search page.
var generatedFiles = []string{"404.html", "sitemap.xml", "feed.xml", "robots.txt", "search/index.html"}

// reservedDirs hold the build's own pages: taxonomy lists and the theme's
// files.
var reservedDirs = append(slices.Clone(taxonomyNames), "theme")

// checkURLs reports two things that would be written to the same output
// file, or to files that collide where names are compared without case
// (macOS, Windows, many hosts), or where one needs a folder the other
// writes as a file. Aliases that are not safe paths were reported with
// the front matter already.
func (l *loader) checkURLs() {
	owners := make(map[string]owner, len(l.site.Pages)+len(l.site.Resources)+len(generatedFiles))
	claim := func(file string, o owner) {
		if prev, ok := owners[file]; ok && prev.by() != o.by() {
			url := o.url
			if url == "" {
				url = fileURL(file)
			}
			l.failKey(o.file, o.p, o.key, fmt.Errorf("URL %s is also produced by %s; change a slug or rename a file", url, prev.by()))
			return
		}
		owners[file] = o
	}
	for _, name := range generatedFiles {
		owners[name] = owner{kind: ownedByBuild, file: name}
	}
	for _, p := range l.site.Pages {
		o := owner{file: p.File, p: p, key: "slug"}
		if p.File == "" {
			// A folder without _index.md still gets a list page.
			o = owner{kind: ownedByList, file: strings.TrimSuffix(p.Path, "/"), p: p}
		}
		claim(p.Path+"index.html", o)
	}
	for _, r := range l.site.Resources {
		claim(strings.TrimPrefix(r.URL, l.opts.BasePath), owner{kind: ownedByResource, file: r.File})
	}
	for _, p := range l.site.Pages {
		for _, a := range p.Front.Aliases {
			if file, err := aliasFile(a); err == nil {
				claim(file, owner{kind: ownedByAlias, file: p.File, p: p, key: "aliases", url: a})
			}
		}
	}
	// Checked in any order first; only a site with a problem pays for
	// sorting, to report it the same way every time.
	files := slices.Collect(maps.Keys(owners))
	before := len(l.errs)
	l.checkReserved(owners, files)
	l.checkCaseAndFolders(owners, files)
	if len(l.errs) > before {
		l.errs = l.errs[:before]
		slices.Sort(files)
		l.checkReserved(owners, files)
		l.checkCaseAndFolders(owners, files)
	}
}

// checkReserved refuses pages, resources and aliases inside the folders
// the build writes itself.
func (l *loader) checkReserved(owners map[string]owner, files []string) {
	for _, file := range files {
		o := owners[file]
		if o.kind == ownedByBuild || o.kind == ownedByList {
			continue // the build's own files, and lists of folders whose pages are reported
		}
		lower := strings.ToLower(file)
		for _, name := range reservedDirs {
			if strings.HasPrefix(lower, name+"/") {
				what := "the theme's files"
				if name != "theme" {
					what = "the " + name + " taxonomy pages"
				}
				l.fail(o.file, fmt.Errorf("%s is inside /%s/, which is reserved for %s", fileURL(file), name, what))
			}
		}
	}
}

// checkCaseAndFolders finds output files whose names differ only in
// case, and a file written where another output needs a folder of the
// same name (an alias /a.html/ beside a page /a.html). Both only fail on
// some file systems or hosts, which is why they are refused everywhere.
func (l *loader) checkCaseAndFolders(owners map[string]owner, files []string) {
	byFolded := make(map[string]string, len(files))
	for _, file := range files {
		folded := strings.ToLower(file)
		if prev, ok := byFolded[folded]; ok {
			o, other, otherFile := owners[file], owners[prev], prev
			if o.kind == ownedByBuild {
				o, other, otherFile, file = other, o, file, prev
			}
			l.failKey(o.file, o.p, o.key, fmt.Errorf("URL %s and URL %s of %s differ only in case: they are one file on case-insensitive file systems and hosts (macOS, Windows); rename one",
				fileURL(file), fileURL(otherFile), other.by()))
			continue
		}
		byFolded[folded] = file
	}
	for _, file := range files {
		for dir := path.Dir(file); dir != "."; dir = path.Dir(dir) {
			if other, ok := byFolded[strings.ToLower(dir)]; ok {
				o := owners[file]
				l.failKey(o.file, o.p, o.key, fmt.Errorf("URL %s needs a folder %s/ where %s writes the file %s; rename one",
					fileURL(file), dir, owners[other].by(), other))
				break
			}
		}
	}
}

// fileURL is the URL path that serves an output file: "a/index.html" is
// /a/.
func fileURL(file string) string {
	if dir, ok := strings.CutSuffix(file, "index.html"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
		return "/" + dir
	}
	return "/" + file
}

// failKey reports err at the line of a front matter key of p when the page
// set that key, and at the file otherwise.
func (l *loader) failKey(file string, p *Page, key string, err error) {
	if p != nil && p.keyLines[key] > 0 {
		l.fail(file, &diag.Error{Line: p.keyLines[key], Key: key, Msg: err.Error()})
		return
	}
	l.fail(file, err)
}

// aliasFile turns an alias into the output file that redirects from it:
// a folder URL "/old/page/" (or "/old/page") into "old/page/index.html",
// and a file URL "/old/page.html" into that file itself, which is what a
// host serves for it without redirecting folders. Anything that could
// leave the output folder, point at another host, or make an odd file
// name is refused.
func aliasFile(a string) (string, error) {
	if !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//") || strings.Contains(a, "\\") || strings.Contains(a, "://") {
		return "", fmt.Errorf("%q must be a path from the site root, such as /old/page/ or /old/page.html (not a URL, and not //host/)", a)
	}
	trimmed := strings.Trim(a, "/")
	for _, seg := range strings.Split(trimmed, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("%q is not a clean path: no '..', '.' or empty segments", a)
		}
		if err := checkAliasSegment(seg); err != nil {
			return "", fmt.Errorf("%q: %w", a, err)
		}
	}
	if ext := strings.ToLower(path.Ext(trimmed)); !strings.HasSuffix(a, "/") && (ext == ".html" || ext == ".htm") {
		return trimmed, nil
	}
	return trimmed + "/index.html", nil
}

// checkAliasSegment allows the characters of ordinary URLs: letters and
// digits of any script, '-', '_', '.' and '~'. Percent escapes, quotes,
// angle brackets and '?' or '#' would become literal, odd file names.
func checkAliasSegment(seg string) error {
	if len(seg) > MaxSegment {
		return fmt.Errorf("a segment is %d bytes long, over the limit of %d", len(seg), MaxSegment)
	}
	if strings.HasPrefix(seg, ".") {
		return fmt.Errorf("segment %q starts with '.', which makes a hidden file", seg)
	}
	for _, r := range seg {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_.~", r) {
			return fmt.Errorf("%q is not allowed in an alias: use letters, digits, '-', '_', '.' and '~'", r)
		}
	}
	return nil
}

// AliasFiles returns the output files of p's aliases: the redirect pages
// to write.
func AliasFiles(p *Page) []string {
	var out []string
	for _, a := range p.Front.Aliases {
		if f, err := aliasFile(a); err == nil {
			out = append(out, f)
		}
	}
	return out
}

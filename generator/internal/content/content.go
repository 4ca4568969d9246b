// Package content loads a site's content/ folder into pages, sections and
// taxonomies. It reads files and front matter; it does not render Markdown.
package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/diag"
)

// Kind tells what a page is.
type Kind int

const (
	KindPage    Kind = iota // a guide or an exercise
	KindSection             // a folder's list page (from _index.md or made up)
	KindHome                // the site's front page
)

// Page is one Markdown file, or a list page made up for a folder.
type Page struct {
	File  string // path below content/, slash separated; "" for made-up pages
	Front FrontMatter
	// Title is Front.Title, copied when the site is assembled. It is a field,
	// not a method, because templates read it on every list entry and
	// text/template calls methods through reflection, several times slower.
	Title    string
	Body     []byte
	BodyLine int // lines of the file before Body
	Kind     Kind
	// Path is the page's URL path below the site root: "" for the home
	// page, "exercises/clamshell/" for a page. Always ends in "/".
	Path string
	// URL is Path under the site's base path: "/knees/exercises/clamshell/".
	URL string
	// Permalink is the absolute URL.
	Permalink string
	Section   *Section // the folder the page is listed in (nil for home)
	Bundle    bool     // index.md of a folder with its own files

	// keyLines are the lines of the front matter keys checked after
	// loading (slug and aliases decide where a page is written; easier and
	// harder name other pages), so such an error still points at the line
	// to change.
	keyLines map[string]int
	// order is the page's place in Section.Pages.
	order int
}

// IsExercise reports whether the page describes one exercise: pages in the
// top-level "exercises" section get the exercise layout and feed the program
// planner.
func (p *Page) IsExercise() bool {
	return p.Kind == KindPage && p.Section != nil && p.Section.TopLevel() == "exercises"
}

// Neighbours returns the pages before and after p in its section's order
// (nil at either end, and for list pages).
func (p *Page) Neighbours() (prev, next *Page) {
	if p.Kind != KindPage || p.Section == nil {
		return nil, nil
	}
	pages := p.Section.Pages
	if p.order > 0 {
		prev = pages[p.order-1]
	}
	if p.order+1 < len(pages) {
		next = pages[p.order+1]
	}
	return prev, next
}

// Dated reports whether the page has a date (dated guides go in the feed).
func (p *Page) Dated() bool { return !p.Front.Date.IsZero() }

// Section is a folder of pages.
type Section struct {
	Dir      string // folder below content/, "" for the root
	Index    *Page  // the list page (from _index.md, or made up)
	Pages    []*Page
	Sections []*Section
	Parent   *Section
	// Title and URL are the list page's, copied when the site is assembled
	// (fields for the same reason as Page.Title).
	Title, URL string
}

// TopLevel is the first folder of the section's path ("" for the root).
func (s *Section) TopLevel() string {
	first, _, _ := strings.Cut(s.Dir, "/")
	return first
}

// Resource is a file that is not a page: an image of a bundle, a PDF.
type Resource struct {
	File string // path below content/
	URL  string
}

// Site is everything loaded from content/.
type Site struct {
	Home *Page
	// Pages are all pages, sections and home in a stable order (by File).
	Pages []*Page
	// Root is the root section; Root.Sections are the top-level sections.
	Root       *Section
	Resources  []*Resource
	Profiles   []string // program profiles: programs/*.toml
	Taxonomies []*Taxonomy
	// Bytes is the size of every file below the content folder.
	Bytes int64

	opts       Options             // how the site was loaded, for Reload
	sizes      map[string]int64    // every file's size, by path below content/
	sections   map[string]*Section // by folder below content/, "" for the root
	byFile     map[string]*Page
	byDir      map[string]*Page // pages by URL path without the trailing slash
	resources  map[string]*Resource
	exercises  map[string]*Page
	contentDir string
}

// Options control loading.
type Options struct {
	Dir       string // the content folder, as the user should see it in errors
	BaseURL   string // absolute, ends in "/"
	BasePath  string // path of BaseURL, ends in "/"
	Drafts    bool   // keep draft pages
	HomeTitle string // title of the home page when content/_index.md is missing
}

var segmentPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]*$`)

func validSegment(s string) bool { return segmentPattern.MatchString(s) && !strings.Contains(s, "..") }

// Load reads every file below opts.Dir. Problems are collected: the error
// lists every bad file, each as "file:line: message". With an error, the
// returned Site holds the pages that loaded (nil only if the folder could
// not be read).
func Load(fsys afero.Fs, opts Options) (*Site, error) {
	l := newLoader(fsys, opts)
	files, err := l.listFiles()
	if err != nil {
		return nil, err
	}
	l.parsed = l.preparse(files)
	for _, f := range files {
		l.addFile(f)
	}
	l.parsed = nil
	l.assemble()
	// The site is returned even with errors, holding the pages that did
	// load, so the caller can look for more problems (broken links) and
	// report everything in one run.
	return l.site, errors.Join(l.errs...)
}

func newLoader(fsys afero.Fs, opts Options) *loader {
	return &loader{fs: fsys, opts: opts, site: &Site{
		opts: opts, sizes: map[string]int64{},
		sections: map[string]*Section{},
		byFile:   map[string]*Page{}, byDir: map[string]*Page{},
		resources: map[string]*Resource{}, exercises: map[string]*Page{},
		contentDir: opts.Dir,
	}}
}

type loader struct {
	fs     afero.Fs
	opts   Options
	site   *Site
	errs   []error
	pages  []*Page
	parsed map[string]*parsedPage // read ahead in parallel by preparse
}

func (l *loader) fail(file string, err error) {
	l.errs = append(l.errs, diag.InFile(path.Join(filepath.ToSlash(l.opts.Dir), file), err))
}

// listFiles walks the content folder and returns slash-separated paths
// below it, sorted, so the build does not depend on listing order.
// Symbolic links are refused: they could reach outside the site.
func (l *loader) listFiles() ([]string, error) {
	var files []string
	root := l.opts.Dir
	err := afero.Walk(l.fs, root, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, relErr := filepath.Rel(root, p)
		if relErr != nil {
			return relErr
		}
		rel = filepath.ToSlash(rel)
		if rel != "." && Ignored(path.Base(rel)) {
			if info.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			l.fail(rel, errors.New("symbolic links are not followed: they can point outside the site; copy the file instead"))
			return nil
		}
		if info.Mode().IsRegular() {
			files = append(files, rel)
			l.site.sizes[rel] = info.Size()
			l.site.Bytes += info.Size()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", root, err)
	}
	sort.Strings(files)
	return files, nil
}

// Ignored reports an editor or system file that is never content:
// .DS_Store, .swp, backup~, #autosave#. Loading and serve's watcher both
// ask here.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

func (l *loader) addFile(file string) {
	switch {
	case strings.HasSuffix(file, ".md"):
		l.addPage(file)
	case path.Dir(file) == "programs" && strings.HasSuffix(file, ".toml"):
		l.site.Profiles = append(l.site.Profiles, file)
	default:
		r := &Resource{File: file, URL: l.opts.BasePath + file}
		l.site.Resources = append(l.site.Resources, r)
		l.site.resources[file] = r
	}
}

func (l *loader) addPage(file string) {
	pp := l.page(file)
	if pp.err != nil {
		l.fail(file, pp.err)
		return
	}
	fm, body, bodyLine := pp.front, pp.body, pp.bodyLine
	if fm.Draft && !l.opts.Drafts {
		return
	}
	p := &Page{File: file, Front: fm, Body: body, BodyLine: bodyLine, keyLines: pp.keyLines}
	dir, base := path.Split(file)
	dir = strings.TrimSuffix(dir, "/")
	switch base {
	case "_index.md":
		p.Kind = KindSection
		if dir == "" {
			p.Kind = KindHome
		}
		p.Path = dirPath(dir)
	case "index.md":
		p.Bundle = true
		if fm.Slug != "" && dir != "" {
			dir = path.Join(path.Dir(dir), fm.Slug)
		}
		p.Path = dirPath(dir)
	default:
		name := strings.TrimSuffix(base, ".md")
		if fm.Slug != "" {
			name = fm.Slug
		}
		p.Path = dirPath(path.Join(dir, name))
	}
	if p.Kind == KindPage && p.Path == "" {
		l.fail(file, errors.New("content/index.md would replace the home page: name it _index.md"))
		return
	}
	l.pages = append(l.pages, p)
}

// urlKeyLines finds the lines in the file of slug and aliases, when set,
// and of the variations (easier, harder), which name other exercise pages
// known only once every page is loaded. pos finds keys in the front
// matter, which starts on line 2 of the file.
func urlKeyLines(fm FrontMatter, pos posFunc) map[string]int {
	lines := map[string]int{}
	for key, set := range map[string]bool{
		"slug": fm.Slug != "", "aliases": len(fm.Aliases) > 0, "easier": fm.Easier != "", "harder": fm.Harder != "",
	} {
		if set {
			line, _ := pos([]string{key})
			lines[key] = line + frontOffset
		}
	}
	return lines
}

func dirPath(dir string) string {
	if dir == "" || dir == "." {
		return ""
	}
	return dir + "/"
}

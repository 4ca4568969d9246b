package content

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"time"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/diag"
)

// Edit says how much of a site one changed page file affects.
type Edit int

const (
	// EditNone: the file holds the same front matter and body as before.
	EditNone Edit = iota
	// EditBody: only the Markdown body changed; only the page itself shows it.
	EditBody
	// EditFront: front matter changed in fields that neither move the page
	// nor change its place in any list (description, phase, focus, cues,
	// reps). Pages that list it show the new values.
	EditFront
	// EditStructure: the page appeared, disappeared, moved, or changed its
	// title, order or taxonomy terms. The site must be loaded again.
	EditStructure
)

func (e Edit) String() string {
	return [...]string{"none", "body", "front matter", "structure"}[e]
}

// ReloadPage reads one page file (slash path below the content folder)
// again. For EditBody and EditFront the new front matter and body are
// swapped into the loaded page in place; for EditNone and EditStructure the
// loaded site is left as it was. A page that does not parse is an error,
// positioned as in Load, and changes nothing.
func (s *Site) ReloadPage(fsys afero.Fs, file string) (Edit, *Page, error) {
	p, known := s.byFile[file]
	src, err := ReadFile(fsys, path.Join(filepath.ToSlash(s.contentDir), file))
	switch {
	case errors.Is(err, os.ErrNotExist) && !known:
		return EditNone, nil, nil // an editor's temporary file, already gone
	case errors.Is(err, os.ErrNotExist):
		return EditStructure, p, nil // removed, or renamed away
	case err != nil:
		return EditNone, p, diag.InFile(path.Join(filepath.ToSlash(s.contentDir), file), err)
	case !known:
		return EditStructure, nil, nil // a new page, or a draft being shown
	}
	pp := parsePage(src)
	if pp.err != nil {
		return EditNone, p, diag.InFile(path.Join(filepath.ToSlash(s.contentDir), file), pp.err)
	}
	fm, body, bodyLine := pp.front, pp.body, pp.bodyLine
	edit := compareFront(p.Front, fm)
	if edit == EditNone && (!bytes.Equal(p.Body, body) || p.BodyLine != bodyLine) {
		edit = EditBody
	}
	if edit == EditBody || edit == EditFront {
		p.Front, p.Body, p.BodyLine, p.keyLines = fm, body, bodyLine, pp.keyLines
	}
	return edit, p, nil
}

// compareFront classifies a front matter change. Everything that decides a
// page's URL, its order in lists, its title (shown in every list, pager and
// breadcrumb) or its taxonomy terms is structural, and so is what the
// assembly checks across pages (an exercise's easier and harder
// variations must be exercise pages). A date is compared as written, zone
// included: the sitemap and the feed show it in its own zone.
func compareFront(old, new FrontMatter) Edit {
	if reflect.DeepEqual(old, new) {
		return EditNone
	}
	structural := old.Title != new.Title || !sameDate(old.Date, new.Date) ||
		old.Easier != new.Easier || old.Harder != new.Harder ||
		old.Draft != new.Draft || old.Weight != new.Weight || old.Slug != new.Slug ||
		!reflect.DeepEqual(old.Aliases, new.Aliases) || !reflect.DeepEqual(old.Tags, new.Tags) ||
		!reflect.DeepEqual(old.Muscles, new.Muscles) || !reflect.DeepEqual(old.Equipment, new.Equipment)
	if structural {
		return EditStructure
	}
	return EditFront
}

// Reload returns the site with the page files named (slash paths below
// the content folder) read again: changed, added or removed. The other
// pages are taken as loaded, without reading them, and everything between
// pages is assembled again: sections, order, URLs, taxonomies and the
// checks that no two pages collide. s is not changed, so a Reload that
// fails (a slug another page has) leaves the site as it was. Resources
// and profiles are taken as they are; a change to those needs Load.
func (s *Site) Reload(fsys afero.Fs, files []string) (*Site, error) {
	l := newLoader(fsys, s.opts)
	maps.Copy(l.site.sizes, s.sizes)
	changed := make(map[string]bool, len(files))
	for _, file := range files {
		changed[file] = true
	}
	// Pages are assembled in any order: every list is sorted with a rule
	// that breaks all ties, so the result is that of Load.
	l.pages = make([]*Page, 0, len(s.Pages)+len(files))
	for _, p := range s.Pages {
		if p.File != "" && !changed[p.File] {
			l.pages = append(l.pages, p.reloaded())
		}
	}
	for _, file := range slices.Sorted(maps.Keys(changed)) {
		l.reloadFile(file)
	}
	l.site.Resources = make([]*Resource, 0, len(s.Resources))
	for _, r := range s.Resources {
		l.addFile(r.File)
	}
	l.site.Profiles = slices.Clone(s.Profiles)
	for _, n := range l.site.sizes {
		l.site.Bytes += n
	}
	l.assemble()
	return l.site, errors.Join(l.errs...)
}

// reloaded is a copy of a loaded page as it was read, without what
// assembling gave it.
func (p *Page) reloaded() *Page {
	return &Page{File: p.File, Front: p.Front, Body: p.Body, BodyLine: p.BodyLine, keyLines: p.keyLines,
		Kind: p.Kind, Path: p.Path, Bundle: p.Bundle, URL: p.URL, Permalink: p.Permalink}
}

// reloadFile reads one changed page file for Reload: a file that is gone
// is a page removed.
func (l *loader) reloadFile(file string) {
	pp := l.readPage(file)
	if errors.Is(pp.err, os.ErrNotExist) {
		delete(l.site.sizes, file)
		return
	}
	if info, err := l.fs.Stat(path.Join(l.opts.Dir, file)); err == nil {
		l.site.sizes[file] = info.Size()
	}
	l.parsed = map[string]*parsedPage{file: &pp}
	l.addPage(file)
	l.parsed = nil
}

// sameDate reports whether two front matter dates are written alike: the
// same instant in the same zone offset.
func sameDate(a, b time.Time) bool {
	return a.Format(time.RFC3339Nano) == b.Format(time.RFC3339Nano)
}

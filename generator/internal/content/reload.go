package content

import (
	"bytes"
	"errors"
	"os"
	"path"
	"path/filepath"
	"reflect"

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
// breadcrumb) or its taxonomy terms is structural.
func compareFront(old, new FrontMatter) Edit {
	if reflect.DeepEqual(old, new) {
		return EditNone
	}
	structural := old.Title != new.Title || !old.Date.Equal(new.Date) ||
		old.Draft != new.Draft || old.Weight != new.Weight || old.Slug != new.Slug ||
		!reflect.DeepEqual(old.Aliases, new.Aliases) || !reflect.DeepEqual(old.Tags, new.Tags) ||
		!reflect.DeepEqual(old.Muscles, new.Muscles) || !reflect.DeepEqual(old.Equipment, new.Equipment)
	if structural {
		return EditStructure
	}
	return EditFront
}

package content

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// ErrBrokenLink is wrapped by Resolve when a link points at nothing.
var ErrBrokenLink = errors.New("broken link")

// Resolve turns a relative link written in the page file `from` (a path
// below content/) into the URL of its target: a page's .md file, a folder
// with a list page or bundle, or a resource. A target that does not exist
// is an error wrapping ErrBrokenLink.
func (s *Site) Resolve(from, dest string) (string, error) {
	u, _, err := s.Target(from, dest)
	return u, err
}

// Target is Resolve that also tells which page the link leads to, by its
// path below the site root ("hips/clamshell/"); "" when it leads to a
// resource. Serve uses it to find the pages that link to a page whose URL
// changed.
func (s *Site) Target(from, dest string) (u, page string, err error) {
	target, fragment, _ := strings.Cut(dest, "#")
	target, query, _ := strings.Cut(target, "?")
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		return "", "", fmt.Errorf("%w %q: %v", ErrBrokenLink, dest, err)
	}
	joined := path.Join(path.Dir(from), unescaped)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return "", "", fmt.Errorf("%w %q: it points outside content/", ErrBrokenLink, dest)
	}
	p, r := s.lookup(joined, strings.HasSuffix(unescaped, "/"))
	switch {
	case p != nil:
		u, page = p.URL, p.Path
	case r != nil:
		u = r.URL
	default:
		return "", "", fmt.Errorf("%w %q: no such page or file in content/ (looked for content/%s)", ErrBrokenLink, dest, joined)
	}
	if query != "" {
		u += "?" + query
	}
	if fragment != "" {
		u += "#" + fragment
	}
	return u, page, nil
}

// lookup finds the page or the resource a link names.
func (s *Site) lookup(file string, dirOnly bool) (*Page, *Resource) {
	if !dirOnly {
		if p, ok := s.byFile[file]; ok {
			return p, nil
		}
		if r, ok := s.resources[file]; ok {
			return nil, r
		}
	}
	if file == "." {
		file = ""
	}
	for _, f := range []string{path.Join(file, "_index.md"), path.Join(file, "index.md")} {
		if p, ok := s.byFile[f]; ok {
			return p, nil
		}
	}
	if sec := s.Section(file); sec != nil {
		return sec.Index, nil
	}
	return nil, nil
}

// Section returns the section of a folder below content/ ("" for the
// root), or nil.
func (s *Site) Section(dir string) *Section { return s.sections[dir] }

// Exercise returns the exercise page whose URL ends in slug.
func (s *Site) Exercise(slug string) (*Page, bool) {
	p, ok := s.exercises[slug]
	return p, ok
}

// Exercises returns every exercise page in section order.
func (s *Site) Exercises() []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.IsExercise() {
			out = append(out, p)
		}
	}
	return out
}

// PageByPath returns the page at a URL path below the site root
// ("exercises/clamshell/").
func (s *Site) PageByPath(p string) (*Page, bool) {
	pg, ok := s.byDir[strings.TrimSuffix(p, "/")]
	return pg, ok
}

// PageByFile returns the page loaded from file, a slash path below the
// content folder.
func (s *Site) PageByFile(file string) (*Page, bool) {
	p, ok := s.byFile[file]
	return p, ok
}

// Dir is the content folder the site was loaded from.
func (s *Site) Dir() string { return s.contentDir }

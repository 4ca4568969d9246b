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
	target, fragment, _ := strings.Cut(dest, "#")
	target, query, _ := strings.Cut(target, "?")
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		return "", fmt.Errorf("%w %q: %v", ErrBrokenLink, dest, err)
	}
	joined := path.Join(path.Dir(from), unescaped)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return "", fmt.Errorf("%w %q: it points outside content/", ErrBrokenLink, dest)
	}
	u, ok := s.lookup(joined, strings.HasSuffix(unescaped, "/"))
	if !ok {
		return "", fmt.Errorf("%w %q: no such page or file in content/ (looked for content/%s)", ErrBrokenLink, dest, joined)
	}
	if query != "" {
		u += "?" + query
	}
	if fragment != "" {
		u += "#" + fragment
	}
	return u, nil
}

func (s *Site) lookup(file string, dirOnly bool) (string, bool) {
	if !dirOnly {
		if p, ok := s.byFile[file]; ok {
			return p.URL, true
		}
		if r, ok := s.resources[file]; ok {
			return r.URL, true
		}
	}
	if file == "." {
		file = ""
	}
	for _, f := range []string{path.Join(file, "_index.md"), path.Join(file, "index.md")} {
		if p, ok := s.byFile[f]; ok {
			return p.URL, true
		}
	}
	if sec := s.Section(file); sec != nil {
		return sec.Index.URL, true
	}
	return "", false
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

// Dir is the content folder the site was loaded from.
func (s *Site) Dir() string { return s.contentDir }

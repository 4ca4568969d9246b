// Package theme parses a site's templates once: the default theme embedded
// in the binary, with any file of the same name in the site's templates/
// folder taking its place.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/diag"
)

// Theme holds parsed layouts and the theme's static assets (CSS, scripts).
type Theme struct {
	layouts map[string]*template.Template
	assets  map[string][]byte
	// sources are the layouts' texts, for what executes a layout outside
	// the build (the program builder runs program.html in the browser).
	sources map[string][]byte
	bytes   int64
}

// source is one theme file and where it came from, for error messages.
type source struct {
	name    string // file name: "page.html"
	display string // "templates/page.html" or "embedded theme page.html"
	text    []byte
}

// Load reads the embedded theme and the overrides in overrideDir (a folder
// on fsys; missing is fine) and parses every layout. Shared files
// (base.html and partials named _*.html) are parsed into every layout.
func Load(embedded fs.FS, fsys afero.Fs, overrideDir string, funcs template.FuncMap) (*Theme, error) {
	files, err := readSources(embedded, fsys, overrideDir)
	if err != nil {
		return nil, err
	}
	th := &Theme{layouts: map[string]*template.Template{}, assets: map[string][]byte{}, sources: map[string][]byte{}}
	var shared, layouts []source
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := files[name]
		th.bytes += int64(len(src.text))
		switch {
		case !strings.HasSuffix(name, ".html"):
			th.assets[name] = src.text
		case Shared(name):
			shared = append(shared, src)
		default:
			layouts = append(layouts, src)
			th.sources[name] = src.text
		}
	}
	var errs []error
	for _, l := range layouts {
		t, err := parseLayout(l, shared, funcs)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		th.layouts[l.name] = t
	}
	return th, errors.Join(errs...)
}

func readSources(embedded fs.FS, fsys afero.Fs, overrideDir string) (map[string]source, error) {
	files := map[string]source{}
	entries, err := fs.ReadDir(embedded, ".")
	if err != nil {
		return nil, fmt.Errorf("embedded theme: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || !themeFile(e.Name()) {
			continue
		}
		b, err := fs.ReadFile(embedded, e.Name())
		if err != nil {
			return nil, err
		}
		files[e.Name()] = source{name: e.Name(), display: "embedded theme " + e.Name(), text: b}
	}
	if overrideDir == "" {
		return files, nil
	}
	if l, ok := fsys.(afero.Lstater); ok {
		if info, _, err := l.LstatIfPossible(overrideDir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s: symbolic links are not followed: they can point outside the site; copy the folder instead",
				filepath.ToSlash(overrideDir))
		}
	}
	infos, err := afero.ReadDir(fsys, overrideDir)
	if err != nil {
		if exists, _ := afero.DirExists(fsys, overrideDir); !exists {
			return files, nil
		}
		return nil, fmt.Errorf("reading %s: %w", overrideDir, err)
	}
	for _, info := range infos {
		if info.Mode()&fs.ModeSymlink != 0 && themeFile(info.Name()) {
			// Refused rather than skipped: silently using the embedded
			// layout instead would hide the user's mistake.
			return nil, fmt.Errorf("%s: symbolic links are not followed: they can point outside the site; copy the file instead",
				filepath.ToSlash(filepath.Join(overrideDir, info.Name())))
		}
		if !info.Mode().IsRegular() || !themeFile(info.Name()) {
			continue
		}
		p := filepath.Join(overrideDir, info.Name())
		b, err := afero.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		files[info.Name()] = source{name: info.Name(), display: filepath.ToSlash(p), text: b}
	}
	return files, nil
}

// Shared reports a template file that every layout includes: base.html
// and the partials (_*.html). Changing one changes every page.
func Shared(name string) bool {
	return strings.HasSuffix(name, ".html") && (name == "base.html" || strings.HasPrefix(name, "_"))
}

func themeFile(name string) bool {
	switch path.Ext(name) {
	case ".html", ".css", ".js", ".svg", ".ico", ".png", ".woff2":
		return !strings.HasPrefix(name, ".")
	}
	return false
}

// parseLayout parses shared templates and one layout into one set whose
// root is the layout. Templates are named by their display path so parse
// and execution errors say which file and line.
func parseLayout(layout source, shared []source, funcs template.FuncMap) (*template.Template, error) {
	root := template.New(layout.display).Funcs(funcs)
	if _, err := root.Parse(string(layout.text)); err != nil {
		return nil, templateError(err)
	}
	for _, s := range shared {
		if _, err := root.New(s.display).Parse(string(s.text)); err != nil {
			return nil, templateError(err)
		}
	}
	return root, nil
}

// templatePlace is where Go's template package puts the position in its
// messages: "template: templates/page.html:5:2: ...". Templates are named
// by their file, so that is the file.
var templatePlace = regexp.MustCompile(`^(?:html/)?template: ([^:\n]+):(\d+)(?::(\d+))?: (?s)(.*)$`)

// templateError turns a parse or execution error of a template into a
// diag.Error with the template's file and line. The template packages
// give the position only in the message, so it is read there, once.
func templateError(err error) error {
	m := templatePlace.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &diag.Error{File: m[1], Line: line, Column: col, Msg: m[4], Err: err}
}

// Bytes is the size of the theme's files, embedded and overridden.
func (t *Theme) Bytes() int64 { return t.bytes }

// Has reports whether the theme has a layout.
func (t *Theme) Has(layout string) bool {
	_, ok := t.layouts[layout]
	return ok
}

// Execute renders a layout. The error names the template file and line.
func (t *Theme) Execute(w io.Writer, layout string, data any) error {
	tmpl := t.Template(layout)
	if tmpl == nil {
		return fmt.Errorf("no template %s in the theme or in templates/", layout)
	}
	if err := tmpl.Execute(w, data); err != nil {
		return templateError(err)
	}
	return nil
}

// Template returns the parsed layout, or nil. A layout file may be a
// page of its own, or wrap its page in {{define "<its file name>"}}; the
// latter is what is returned then.
func (t *Theme) Template(layout string) *template.Template {
	set, ok := t.layouts[layout]
	if !ok {
		return nil
	}
	if named := set.Lookup(layout); named != nil {
		return named
	}
	return set
}

// Source returns the text of a layout file such as program.html, the
// site's own when it overrides the default theme's.
func (t *Theme) Source(layout string) ([]byte, bool) {
	b, ok := t.sources[layout]
	return b, ok
}

// Asset returns a non-HTML theme file such as style.css.
func (t *Theme) Asset(name string) ([]byte, bool) {
	b, ok := t.assets[name]
	return b, ok
}

// Assets lists the non-HTML theme files, sorted.
func (t *Theme) Assets() []string {
	names := make([]string, 0, len(t.assets))
	for n := range t.assets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

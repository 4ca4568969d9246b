package site

// Classification: which outputs a changed file touches, written into the
// plan of the next serve update.

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/theme"
)

// classify turns changed file system paths into planned work.
func (l *Live) classify(paths []string, p *plan) {
	for _, name := range paths {
		rel, err := filepath.Rel(l.opts.Source, name)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		top, rest, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if hasIgnoredSegment(rest) {
			continue
		}
		switch top {
		case "site.toml":
			p.full = true
		case "content":
			l.classifyContent(rest, name, p)
		case "templates":
			classifyTemplate(rest, p)
		case "static":
			l.classifyStatic(rest, name, p)
		}
	}
}

// hasIgnoredSegment skips editor and system files (.swp, backup~, #auto#),
// as loading content does.
func hasIgnoredSegment(rel string) bool {
	if rel == "" {
		return false
	}
	for _, seg := range strings.Split(rel, "/") {
		if content.Ignored(seg) {
			return true
		}
	}
	return false
}

func (l *Live) classifyContent(file, name string, p *plan) {
	switch {
	case file == "" || l.b == nil:
		p.full = true
	case strings.HasSuffix(file, ".md"):
		p.reload[file] = true
	case path.Dir(file) == "programs" && strings.HasSuffix(file, ".toml"):
		// Profiles are planned against the whole site while it loads.
		p.full = true
	default:
		l.classifyResource(file, name, p)
	}
}

// classifyResource copies a changed bundle image or other file again; a new
// or removed one (or a new folder, which may hold pages) reloads the site.
func (l *Live) classifyResource(file, name string, p *plan) {
	info, err := l.fs.Stat(name)
	exists := err == nil
	for _, r := range l.b.site.Resources {
		if r.File != file {
			continue
		}
		if exists && info.Mode().IsRegular() {
			p.copies[strings.TrimPrefix(r.URL, l.b.cfg.BasePath())] = name
			return
		}
		p.full = true
		return
	}
	if exists {
		p.full = true
	}
}

// classifyTemplate plans the outputs that use a changed theme file.
func classifyTemplate(name string, p *plan) {
	switch {
	case name == "":
		// templates/ itself appeared or went: any layout may have changed.
		p.theme, p.all = true, true
	case strings.Contains(name, "/"):
		// The theme reads only the folder's own files.
	case theme.Shared(name):
		p.theme, p.all = true, true
	case name == "taxonomy.html" || name == "term.html":
		p.theme, p.taxonomies = true, true
	case name == "404.html" || name == "search.html":
		p.theme, p.notFound = true, true
	case name == "program.html" || name == "builder.html":
		// The builder page is written with the programs: it carries the
		// program template.
		p.theme, p.programs = true, true
	case name == "program.css":
		p.theme, p.assets, p.programs = true, true, true
	case strings.HasSuffix(name, ".html"):
		p.theme = true
		p.layouts[name] = true
	default:
		p.theme, p.assets = true, true
	}
}

// classifyStatic copies a changed file of static/ (or every file of a new
// folder) and removes outputs whose source went away.
func (l *Live) classifyStatic(rel, name string, p *plan) {
	if rel == "" {
		p.full = true // static/ itself appeared or went
		return
	}
	info, err := l.fs.Stat(name)
	switch {
	case err != nil:
		p.copies[rel] = ""
	case info.IsDir():
		err := afero.Walk(l.fs, name, func(file string, info fileInfo, err error) error {
			if err != nil {
				return err
			}
			if !info.Mode().IsRegular() {
				return nil
			}
			sub, err := filepath.Rel(name, file)
			if err != nil {
				return err
			}
			p.copies[path.Join(rel, filepath.ToSlash(sub))] = file
			return nil
		})
		if err != nil {
			// A folder that cannot be read whole: the full build reports
			// why, instead of a partial copy that hides it.
			p.full = true
		}
	case info.Mode().IsRegular():
		p.copies[rel] = name
	}
}

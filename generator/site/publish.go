package site

import (
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/output"
)

// Files for the static hosts that read them, Netlify and Cloudflare Pages
// (docs/publish.md). Other hosts serve them as two small unused files.

// calendarType is the type program calendars must be served with: a
// browser then offers to subscribe to the calendar instead of only
// downloading it.
const calendarType = "text/calendar; charset=utf-8"

// themeCacheControl is the cache time of theme files. Their names stay the
// same from build to build (no content hash), so browsers keep them for an
// hour: long enough to spare a request on every page, short enough that a
// changed theme reaches readers soon after a deploy.
const themeCacheControl = "public, max-age=3600"

// publishJobs writes the host files site.toml's [publish] asks for.
func (b *builder) publishJobs(dest *output.Dest) []func() error {
	var jobs []func() error
	if b.cfg.Publish.Redirects {
		jobs = append(jobs, func() error { return b.writeRedirects(dest) })
	}
	if b.cfg.Publish.Headers {
		jobs = append(jobs, func() error { return b.writeHostFile(dest, "_headers", "headers", b.headers()) })
	}
	return jobs
}

// writeRedirects writes _redirects: serve writes it again when a page
// with aliases moves.
func (b *builder) writeRedirects(dest *output.Dest) error {
	return b.writeHostFile(dest, "_redirects", "redirects", b.redirects())
}

// writeHostFile writes name unless the site's static/ folder has its own,
// which would otherwise fail the build with a bare "file exists".
func (b *builder) writeHostFile(dest *output.Dest, name, key string, data []byte) error {
	own := filepath.Join(b.opts.Source, "static", name)
	if ok, _ := afero.Exists(b.fs, own); ok {
		return fmt.Errorf("%s: the build writes %s itself ([publish] %s in site.toml); set %s = false under [publish] to publish this file instead",
			own, name, key, key)
	}
	return dest.WriteFile(name, data)
}

// redirectRule is one old URL path and the page it moved to.
type redirectRule struct{ from, to string }

// redirects is the _redirects file: a permanent redirect from every alias
// of every page to the page, under the base path, sorted by old path.
//
// Each alias gets two rules. The alias also exists as an HTML page, and
// Netlify serves an existing file rather than apply a rule unless the rule
// is forced with "301!". Cloudflare Pages applies rules before files, but
// takes no "!": it skips that line (with a warning in the deploy log) and
// reads the plain 301 after it. Netlify stops at the first rule that
// matches.
func (b *builder) redirects() []byte {
	var rules []redirectRule
	for _, p := range b.site.Pages {
		for _, file := range content.AliasFiles(p) {
			// An alias written as a folder redirects from the folder's URL.
			from := strings.TrimSuffix(file, "index.html")
			rules = append(rules, redirectRule{from: escapePath(b.cfg.BasePath() + from), to: escapePath(p.URL)})
		}
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].from < rules[j].from })
	var s strings.Builder
	s.WriteString("# Written by Stance: the aliases of the pages ([publish] redirects in site.toml).\n")
	s.WriteString("# Netlify applies the forced 301! (the HTML alias page exists too);\n")
	s.WriteString("# Cloudflare Pages skips it and applies the plain 301.\n")
	for _, r := range rules {
		fmt.Fprintf(&s, "%s %s 301!\n%s %s 301\n", r.from, r.to, r.from, r.to)
	}
	return []byte(s.String())
}

// headers is the _headers file: program calendars as text/calendar, theme
// files cached for an hour. The calendar rule uses a placeholder, so one
// rule covers every program (Cloudflare Pages allows 100 rules).
func (b *builder) headers() []byte {
	base := escapePath(b.cfg.BasePath())
	var s strings.Builder
	s.WriteString("# Written by Stance ([publish] headers in site.toml).\n")
	fmt.Fprintf(&s, "%sprograms/:slug/program.ics\n  Content-Type: %s\n", base, calendarType)
	fmt.Fprintf(&s, "%stheme/*\n  Cache-Control: %s\n", base, themeCacheControl)
	return []byte(s.String())
}

// escapePath percent-encodes a URL path for the host files: both hosts
// split rules on spaces, and Netlify wants special characters encoded.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

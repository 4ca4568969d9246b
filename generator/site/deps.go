package site

import (
	"sync"
	"sync/atomic"

	"github.com/stance-ssg/stance/generator/internal/content"
)

// siteRef is the site the theme's functions (pageURL, resource) look
// pages up in. The theme is parsed once, with functions bound to it; serve
// points it at a site assembled again after an edit, without parsing the
// templates again.
type siteRef struct{ atomic.Pointer[content.Site] }

// renderDeps records, while serve renders, what outputs show of pages
// other than the ones they list: the pages each page's body links to, and
// the pages layouts look up by file (pageURL). When a page's URL changes,
// the pages linking to it render again, and a page every layout looks up
// renders everything again. One-off builds record nothing (nil).
type renderDeps struct {
	mu sync.Mutex
	// linkedFrom maps a page's path below the site root to the files of
	// the pages whose bodies link to it. Entries are only added: a link
	// since removed costs a needless render, never a stale page.
	linkedFrom map[string]map[string]bool
	lookedUp   map[string]bool // files layouts looked up, found or not
}

func newRenderDeps() *renderDeps {
	return &renderDeps{linkedFrom: map[string]map[string]bool{}, lookedUp: map[string]bool{}}
}

// link records that the body of the page file from links to the page at
// path to.
func (d *renderDeps) link(to, from string) {
	if d == nil || to == "" || from == "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	set := d.linkedFrom[to]
	if set == nil {
		set = map[string]bool{}
		d.linkedFrom[to] = set
	}
	set[from] = true
}

// lookUp records that a layout looked up a content file.
func (d *renderDeps) lookUp(file string) {
	if d == nil {
		return
	}
	d.mu.Lock()
	d.lookedUp[file] = true
	d.mu.Unlock()
}

// linking returns the files of the pages whose bodies link to path.
func (d *renderDeps) linking(path string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var files []string
	for f := range d.linkedFrom[path] {
		files = append(files, f)
	}
	return files
}

// lookedUpFile reports whether a layout looked up the content file.
func (d *renderDeps) lookedUpFile(file string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lookedUp[file]
}

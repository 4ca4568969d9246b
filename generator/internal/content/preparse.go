package content

import (
	"path"
	"strings"

	"github.com/stance-ssg/stance/generator/internal/parallel"
)

// parsedPage is a page file read and its front matter parsed ahead of
// addPage.
type parsedPage struct {
	front    FrontMatter
	body     []byte
	bodyLine int
	keyLines map[string]int // see Page.keyLines
	err      error
}

// preparse reads and parses every Markdown file on one worker per core.
// Reading and front matter decoding are most of loading; everything that depends
// on order (sections, errors, URLs) still happens in addPage, one file at a
// time in sorted order, so the result is the same as a sequential load.
func (l *loader) preparse(files []string) map[string]*parsedPage {
	var md []string
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			md = append(md, f)
		}
	}
	results := make([]parsedPage, len(md))
	parallel.For(len(md), 0, func(i int) { results[i] = l.readPage(md[i]) })
	out := make(map[string]*parsedPage, len(md))
	for i, f := range md {
		out[f] = &results[i]
	}
	return out
}

// readPage reads and parses one page file.
func (l *loader) readPage(file string) parsedPage {
	src, err := ReadFile(l.fs, path.Join(l.opts.Dir, file))
	if err != nil {
		return parsedPage{err: err}
	}
	return parsePage(src)
}

// page returns the preparsed file, or reads it now if Load did not
// preparse it.
func (l *loader) page(file string) parsedPage {
	if p, ok := l.parsed[file]; ok {
		return *p
	}
	return l.readPage(file)
}

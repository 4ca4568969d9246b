// Package markdown turns page bodies into HTML with goldmark: GitHub
// Flavored Markdown, footnotes, typographic quotes and stable heading IDs,
// plus Stance's features, each a goldmark extender of its own: relative
// links resolved to page URLs (links.go), exercise cards (cards.go), code
// highlighted by the highlight package (code.go), and the guards that
// bound a page's output (guard.go).
package markdown

import (
	"bytes"
	"errors"
	"io"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
)

// Options configure a Renderer.
type Options struct {
	// Unsafe passes raw HTML through. Off by default.
	Unsafe bool
}

// Card is what an exercise card shows; Env.Card looks one up by slug.
type Card struct {
	Title, URL               string
	Muscles, Equipment, Cues []string
}

// Env is what one conversion needs to know about its page and site.
type Env struct {
	// File names the page in errors, as the user sees it
	// ("content/routine/phases.md").
	File string
	// BodyLine is the number of lines in File before the Markdown body, so
	// errors point at the right line of the file.
	BodyLine int
	// Resolve turns a relative link destination into a URL; nil leaves
	// links as written.
	Resolve func(dest string) (string, error)
	// Card finds the exercise for an ```exercise block; nil disables them.
	Card func(slug string) (Card, bool)
}

// Renderer converts Markdown. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer with the given options.
func New(opts Options) *Renderer {
	rendererOpts := []renderer.Option{html.WithXHTML()}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		// GFM, with the table extension behind a guard (guard.go).
		goldmark.WithExtensions(extension.Linkify, guardedTable{}, extension.Strikethrough, extension.TaskList,
			extension.Footnote, extension.Typographer,
			Links, Cards, Code),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md}
}

var envKey = parser.NewContextKey()

// state is the per-conversion scratch space shared with the transformer.
type state struct {
	env  Env
	src  []byte
	errs []error
	// padded counts the empty table cells so far (tableGuard);
	// tablesRefused is set once they went over the limit.
	padded        int
	tablesRefused bool
}

func (s *state) failAt(offset int, err error) {
	line := s.env.BodyLine + bytes.Count(s.src[:clamp(offset, len(s.src))], []byte("\n")) + 1
	s.errs = append(s.errs, &diag.Error{File: s.env.File, Line: line, Msg: err.Error(), Err: err})
}

func clamp(n, max int) int {
	if n < 0 {
		return 0
	}
	if n > max {
		return max
	}
	return n
}

// Convert writes the HTML of src to w. Broken links, unknown exercise
// cards and tables over the cell limit are reported together, each with
// its file and line. The HTML may not exceed HTMLLimit(len(src)): past
// it, Convert stops writing and returns an error naming the file.
func (r *Renderer) Convert(w io.Writer, src []byte, env Env) error {
	st := &state{env: env, src: src}
	ctx := parser.NewContext()
	ctx.Set(envKey, st)
	limited := &limitWriter{w: w, left: HTMLLimit(len(src))}
	if err := r.md.Convert(src, limited, parser.WithContext(ctx)); err != nil {
		if limited.exceeded {
			return errors.Join(append(st.errs, tooLarge(env, len(src)))...)
		}
		return diag.InFile(env.File, err)
	}
	return errors.Join(st.errs...)
}

package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Links is the extender that resolves relative links and images to the
// URLs of the pages and files they name (Env.Resolve), and reports a
// broken one with its line.
var Links goldmark.Extender = links{}

type links struct{}

func (links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(links{}, 100)))
}

func (links) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st, _ := pc.Get(envKey).(*state)
	if st == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = st.resolve(n, n.Destination)
		case *ast.Image:
			n.Destination = st.resolve(n, n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (st *state) resolve(n ast.Node, dest []byte) []byte {
	if st.env.Resolve == nil || !isRelative(string(dest)) {
		return dest
	}
	u, err := st.env.Resolve(string(dest))
	if err != nil {
		st.failAt(offsetOf(n), err)
		return dest
	}
	return []byte(u)
}

// isRelative is true for links that are neither absolute URLs, nor
// site-absolute paths, nor fragments, nor mailto: and the like.
func isRelative(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return false
	}
	return true
}

// offsetOf finds a source offset for an inline node: its first text, or
// the first line of the block that holds it.
func offsetOf(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

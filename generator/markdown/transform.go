package markdown

import (
	"errors"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer rewrites relative links to page URLs and swaps ```exercise
// blocks for card nodes, recording problems with their lines.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(envKey).(*state)
	if st == nil {
		return
	}
	var cards []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = st.resolve(n, n.Destination)
		case *ast.Image:
			n.Destination = st.resolve(n, n.Destination)
		case *ast.FencedCodeBlock:
			if string(n.Language(st.src)) == "exercise" {
				cards = append(cards, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, block := range cards {
		st.replaceWithCard(block)
	}
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

var errUnknownExercise = errors.New("unknown exercise")

func (st *state) replaceWithCard(block *ast.FencedCodeBlock) {
	var slug string
	if block.Lines().Len() > 0 {
		seg := block.Lines().At(0)
		slug = strings.TrimSpace(string(seg.Value(st.src)))
	}
	offset := 0
	if block.Info != nil {
		offset = block.Info.Segment.Start
	}
	if st.env.Card == nil {
		return
	}
	card, ok := st.env.Card(slug)
	if !ok {
		st.failAt(offset, fmt.Errorf("%w %q in an exercise block: write the slug of a page in content/exercises/", errUnknownExercise, slug))
		return
	}
	node := &cardNode{card: card}
	block.Parent().ReplaceChild(block.Parent(), block, node)
}

// cardNode is an exercise card in the document tree.
type cardNode struct {
	ast.BaseBlock
	card Card
}

var kindCard = ast.NewNodeKind("ExerciseCard")

func (n *cardNode) Kind() ast.NodeKind { return kindCard }

func (n *cardNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Title": n.card.Title}, nil)
}

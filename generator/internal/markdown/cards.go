package markdown

import (
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Cards is the extender that turns an ```exercise block holding an
// exercise's slug into a card of that exercise (Env.Card): its muscles,
// equipment and cues, linked to its page.
var Cards goldmark.Extender = cards{}

type cards struct{}

func (cards) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(cards{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(cards{}, 100)))
}

func (cards) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st, _ := pc.Get(envKey).(*state)
	if st == nil {
		return
	}
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*ast.FencedCodeBlock); ok && entering && string(b.Language(st.src)) == "exercise" {
			blocks = append(blocks, b)
		}
		return ast.WalkContinue, nil
	})
	for _, block := range blocks {
		st.replaceWithCard(block)
	}
}

func (cards) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCard, renderCard)
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

func renderCard(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	c := n.(*cardNode).card
	esc := template.HTMLEscapeString
	w.WriteString(`<aside class="exercise-card" aria-label="Exercise: ` + esc(c.Title) + `">` + "\n")
	w.WriteString(`<p class="exercise-card-title"><a href="` + esc(c.URL) + `">` + esc(c.Title) + "</a></p>\n")
	w.WriteString("<dl>\n")
	writeTerm(w, "Muscles", c.Muscles)
	writeTerm(w, "Equipment", c.Equipment)
	w.WriteString("</dl>\n")
	if len(c.Cues) > 0 {
		w.WriteString("<ul class=\"cues\">\n")
		for _, cue := range c.Cues {
			w.WriteString("<li>" + esc(cue) + "</li>\n")
		}
		w.WriteString("</ul>\n")
	}
	w.WriteString("</aside>\n")
	return ast.WalkSkipChildren, nil
}

func writeTerm(w util.BufWriter, term string, values []string) {
	if len(values) == 0 {
		return
	}
	w.WriteString("<dt>" + term + "</dt><dd>" + template.HTMLEscapeString(strings.Join(values, ", ")) + "</dd>\n")
}

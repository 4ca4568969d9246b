package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/stance-ssg/stance/generator/internal/highlight"
)

// Code is the extender that renders fenced code with the highlight
// package: CSS classes, one stylesheet for the site.
var Code goldmark.Extender = code{}

type code struct{}

func (code) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(code{}, 100)))
}

func (code) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

func renderFencedCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	block := n.(*ast.FencedCodeBlock)
	var text bytes.Buffer
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		text.Write(seg.Value(src))
	}
	w.WriteString(highlight.HTML(string(block.Language(src)), text.String()))
	return ast.WalkSkipChildren, nil
}

// StyleSheet returns the CSS for highlighted code, light and dark.
func StyleSheet(light, dark string) (string, error) { return highlight.StyleSheet(light, dark) }

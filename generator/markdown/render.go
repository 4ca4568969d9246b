package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders code fences with chroma and exercise cards.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
	reg.Register(kindCard, renderCard)
}

// formatter writes class names only, so the colours live in one stylesheet
// (see StyleSheet) and pages stay small. Code is written by formatHTML,
// which writes the same HTML as formatter.Format; formatter itself is
// kept for the CSS and as the reference in tests.
var formatter = chromahtml.New(chromahtml.WithClasses(true))

var lexerCache sync.Map // language -> chroma.Lexer

// chromaGo turns off the hand-written Go lexer (golexer.go), so tests can
// compare the HTML with and without it.
var chromaGo = false

func lexerFor(lang string) chroma.Lexer {
	if l, ok := lexerCache.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	if l == lexers.Go && !chromaGo {
		l = fastGo // same tokens as chroma's Go lexer, without regexp2
	}
	l = chroma.Coalesce(l)
	lexerCache.Store(lang, l)
	return l
}

func renderFencedCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	block := n.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := string(block.Language(src))
	if lang == "" {
		writePlainCode(w, code.Bytes())
		return ast.WalkSkipChildren, nil
	}
	tokens, err := lexerFor(strings.ToLower(lang)).Tokenise(nil, code.String())
	if err != nil {
		writePlainCode(w, code.Bytes())
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<div class="code" data-lang="`)
	template.HTMLEscape(w, []byte(lang))
	w.WriteString(`">`)
	formatHTML(w, tokens) // formatter's HTML, faster (htmlformat.go)
	w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

func writePlainCode(w util.BufWriter, code []byte) {
	w.WriteString(`<pre class="chroma"><code>`)
	template.HTMLEscape(w, code)
	w.WriteString("</code></pre>\n")
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

// StyleSheet returns the CSS for highlighted code: the light style, and the
// dark one inside a prefers-color-scheme media query.
func StyleSheet(light, dark string) (string, error) {
	var b bytes.Buffer
	if err := formatter.WriteCSS(&b, styles.Get(light)); err != nil {
		return "", err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	var d bytes.Buffer
	if err := formatter.WriteCSS(&d, styles.Get(dark)); err != nil {
		return "", err
	}
	b.Write(d.Bytes())
	b.WriteString("}\n")
	return b.String(), nil
}

// Package highlight turns a code block into HTML with chroma, used as
// chroma ships: lexers looked up by language name, the HTML formatter with
// CSS classes (one stylesheet serves every page, light and dark).
//
// Highlighting is the slowest step of rendering a page that has code, and
// the same blocks come back on every build and on every rebuild of serve,
// so results are cached by language and code for the life of the process.
package highlight

import (
	"bytes"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// formatter writes class names only, so colours live in StyleSheet's CSS.
var formatter = chromahtml.New(chromahtml.WithClasses(true))

// cssFormatter writes the style sheet without a comment naming each
// token class: a quarter of its bytes, on every page with code.
var cssFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))

// MaxCache bounds the bytes of code and HTML the cache keeps. A long serve
// session edits and adds fences; past the bound the cache starts over,
// which costs one highlight per block again and nothing else.
const MaxCache = 32 << 20

type key struct{ lang, code string }

var (
	mu      sync.Mutex
	cache   = map[key]string{}
	cached  int // bytes in cache
	hits    atomic.Int64
	lexerMu sync.Mutex
	lexed   = map[string]chroma.Lexer{}
)

// HTML returns the block's HTML: highlighted inside
// <div class="code" data-lang="..."> when chroma knows the language,
// escaped in a plain <pre class="chroma"><code> otherwise. It is safe for
// concurrent use and deterministic.
func HTML(lang, code string) string {
	k := key{strings.ToLower(lang), code}
	mu.Lock()
	html, ok := cache[k]
	mu.Unlock()
	if ok {
		hits.Add(1)
		return html
	}
	html = render(lang, code)
	mu.Lock()
	if cached+len(code)+len(html) > MaxCache {
		clear(cache)
		cached = 0
	}
	cache[k] = html
	cached += len(code) + len(html)
	mu.Unlock()
	return html
}

// Hits counts the blocks served from the cache, for tests and profiling.
func Hits() int64 { return hits.Load() }

func render(lang, code string) string {
	var b bytes.Buffer
	if lang == "" {
		plain(&b, code)
		return b.String()
	}
	tokens, err := lexer(strings.ToLower(lang)).Tokenise(nil, code)
	if err != nil {
		plain(&b, code)
		return b.String()
	}
	b.WriteString(`<div class="code" data-lang="`)
	template.HTMLEscape(&b, []byte(lang))
	b.WriteString(`">`)
	if err := formatter.Format(&b, styles.Fallback, tokens); err != nil {
		b.Reset()
		plain(&b, code)
		return b.String()
	}
	b.WriteString("</div>\n")
	return b.String()
}

func plain(b *bytes.Buffer, code string) {
	b.WriteString(`<pre class="chroma"><code>`)
	template.HTMLEscape(b, []byte(code))
	b.WriteString("</code></pre>\n")
}

// lexer finds chroma's lexer for a language once.
func lexer(lang string) chroma.Lexer {
	lexerMu.Lock()
	defer lexerMu.Unlock()
	if l, ok := lexed[lang]; ok {
		return l
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	l = chroma.Coalesce(l)
	lexed[lang] = l
	return l
}

// StyleSheet returns the CSS for highlighted code: the light style, and
// the dark one inside a prefers-color-scheme media query.
func StyleSheet(light, dark string) (string, error) {
	var b bytes.Buffer
	if err := cssFormatter.WriteCSS(&b, styles.Get(light)); err != nil {
		return "", err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	var d bytes.Buffer
	if err := cssFormatter.WriteCSS(&d, styles.Get(dark)); err != nil {
		return "", err
	}
	b.Write(d.Bytes())
	b.WriteString("}\n")
	return b.String(), nil
}

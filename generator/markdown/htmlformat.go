package markdown

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// formatHTML writes tokens as HTML byte for byte like chroma's HTML
// formatter (v2.27.0) configured as Stance configures it:
// chromahtml.New(chromahtml.WithClasses(true)) with Format(w,
// styles.Fallback, it). chroma's writeHTML costs a fmt.Sprintf and a
// StandardTypes walk per token, and that was most of the highlighting
// time once Go fences got a hand-written lexer; here the span for each
// token type is looked up in a precomputed table and the text is escaped
// straight into w.
//
// What the options reduce writeHTML to (see htmlformat_test.go, which
// compares outputs):
//   - with classes, the style is never used for the output: styleAttr
//     only asks class(), which reads chroma.StandardTypes; the style's
//     CSS map is consulted only without classes or when standalone. So
//     every style gives the same HTML.
//   - no standalone document, line numbers, highlighted lines, mode
//     classes or custom pre wrapper: the output is the pre/code wrapper
//     around one line span and one code-line span per line.
//   - the tab width and wrapping options only change CSS, never HTML.
//
// Like chroma's Format, it ignores write errors: w is a buffered writer
// whose error is sticky and reported when it is flushed.
func formatHTML(w interface{ WriteString(string) (int, error) }, it chroma.Iterator) {
	t := htmlTable()
	w.WriteString(t.preStart)
	open := false         // a line span is open
	pendingEmpty := false // an empty token that would start a line
	var pendingType chroma.TokenType
	for tok := it(); tok != chroma.EOF; tok = it() {
		if pendingEmpty {
			// Another token follows, so the line of the empty token
			// is kept: chroma drops only a last line that is a single
			// empty token.
			pendingEmpty = false
			w.WriteString(t.lineStart)
			t.writeToken(w, pendingType, "")
			open = true
		}
		v := tok.Value
		if v == "" && !open {
			// Held back until we know whether it is the last token
			// (SplitTokensIntoLines' "strip empty trailing token line").
			pendingEmpty, pendingType = true, tok.Type
			continue
		}
		// Like SplitTokensIntoLines: a token is cut after each newline,
		// the head ends the current line, and an empty tail is dropped.
		for {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				break
			}
			if !open {
				w.WriteString(t.lineStart)
			}
			t.writeToken(w, tok.Type, v[:i+1])
			w.WriteString(t.lineEnd)
			open = false
			v = v[i+1:]
			if v == "" {
				break
			}
		}
		if v == "" && tok.Value != "" {
			continue // the token ended with a newline
		}
		if !open {
			w.WriteString(t.lineStart)
			open = true
		}
		t.writeToken(w, tok.Type, v)
	}
	if open {
		w.WriteString(t.lineEnd)
	}
	w.WriteString(t.preEnd)
}

// htmlClasses holds the fixed markup and, per token type, the opening
// span tag (empty when chroma writes the type without a span).
type htmlClasses struct {
	preStart, preEnd   string
	lineStart, lineEnd string
	min                chroma.TokenType
	spans              []string // indexed by type - min
}

// htmlTable is built on first use, not at init, so commands that never
// highlight do not pay for it.
var htmlTable = sync.OnceValue(func() *htmlClasses {
	lo, hi := chroma.TokenType(0), chroma.TokenType(0)
	for tt := range chroma.StandardTypes {
		lo, hi = min(lo, tt), max(hi, tt)
	}
	c := &htmlClasses{
		preStart:  "<pre" + classAttr(chroma.PreWrapper) + "><code>",
		preEnd:    "</code></pre>",
		lineStart: "<span" + classAttr(chroma.Line) + "><span" + classAttr(chroma.CodeLine) + ">",
		lineEnd:   "</span></span>",
		min:       lo,
		spans:     make([]string, int(hi-lo)+1),
	}
	for i := range c.spans {
		c.spans[i] = spanStart(lo + chroma.TokenType(i))
	}
	return c
})

// spanStart is the opening tag chroma writes before a token of type tt,
// or "" when it writes the text bare.
func spanStart(tt chroma.TokenType) string {
	if a := classAttr(tt); a != "" {
		return "<span" + a + ">"
	}
	return ""
}

// classAttr is chroma's styleAttr in class mode: ` class="..."` for the
// nearest of tt, its subcategory and its category that StandardTypes
// names, and nothing when that name is "" (Text) or there is none.
func classAttr(tt chroma.TokenType) string {
	for t := tt; ; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			if cls == "" {
				return ""
			}
			return ` class="` + cls + `"`
		}
		if t == 0 {
			return ""
		}
	}
}

func (c *htmlClasses) writeToken(w interface{ WriteString(string) (int, error) }, tt chroma.TokenType, v string) {
	var span string
	if i := int(tt - c.min); i >= 0 && i < len(c.spans) {
		span = c.spans[i]
	} else {
		span = spanStart(tt) // a type chroma does not define
	}
	if span == "" {
		writeEscaped(w, v)
		return
	}
	w.WriteString(span)
	writeEscaped(w, v)
	w.WriteString("</span>")
}

// writeEscaped writes s escaped as html.EscapeString escapes it (the
// five characters, with &#39; and &#34;), byte by byte like its
// strings.Replacer, so invalid UTF-8 passes through unchanged.
func writeEscaped(w interface{ WriteString(string) (int, error) }, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		if last < i {
			w.WriteString(s[last:i])
		}
		w.WriteString(esc)
		last = i + 1
	}
	if last < len(s) {
		w.WriteString(s[last:])
	}
}

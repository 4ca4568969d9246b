package markdown

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// chromaHTML is the reference: chroma's formatter as render.go used it.
func chromaHTML(t testing.TB, style *chroma.Style, tokens []chroma.Token) string {
	var buf bytes.Buffer
	if err := formatter.Format(&buf, style, chroma.Literator(tokens...)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func fastHTML(tokens []chroma.Token) string {
	var buf bytes.Buffer
	formatHTML(&buf, chroma.Literator(tokens...))
	return buf.String()
}

// sameHTML reports where formatHTML's output for tokens first differs
// from chroma's, or "" when the bytes are identical.
func sameHTML(t testing.TB, tokens []chroma.Token) string {
	want, got := chromaHTML(t, styles.Fallback, tokens), fastHTML(tokens)
	if got == want {
		return ""
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-40)
	return fmt.Sprintf("differs at byte %d:\n got %q\nwant %q", i, got[lo:min(len(got), i+40)], want[lo:min(len(want), i+40)])
}

// diffLexed tokenises src with lexer and compares both formatters.
func diffLexed(t testing.TB, lexer chroma.Lexer, src string) string {
	tokens, err := chroma.Tokenise(lexer, nil, src)
	if err != nil {
		return "" // render.go writes plain code then; nothing to compare
	}
	return sameHTML(t, tokens)
}

// testLexers are the lexers the differential tests use: Stance's Go lexer
// and chroma's for the languages the site's content uses and some more,
// each coalesced as lexerFor coalesces it.
var testLexers = []struct {
	name  string
	lexer chroma.Lexer
}{
	{"fastgo", fastGoLexer},
	{"go", chromaGoLexer},
	{"toml", chroma.Coalesce(lexers.Get("toml"))},
	{"bash", chroma.Coalesce(lexers.Get("bash"))},
	{"python", chroma.Coalesce(lexers.Get("python"))},
	{"json", chroma.Coalesce(lexers.Get("json"))},
	{"yaml", chroma.Coalesce(lexers.Get("yaml"))},
	{"html", chroma.Coalesce(lexers.Get("html"))},
	{"text", chroma.Coalesce(lexers.Get("text"))},
	{"plaintext", chroma.Coalesce(lexers.Get("plaintext"))},
	{"markdown", chroma.Coalesce(lexers.Get("markdown"))},
	{"fallback", chroma.Coalesce(lexers.Fallback)},
}

// trickyInputs are the edge cases of line splitting and escaping.
var trickyInputs = []string{
	"",
	"\n",
	"\n\n\n",
	"x",
	"x\n",
	"x\n\n\n\ny",
	"a\r\nb\r\n",
	"\r\n\r\n",
	"\r",
	"\tfunc() {\n\t\treturn\n\t}\n",
	"\t\t\n \t \n",
	`<a href="x" title='y'>&amp; &lt;&gt; &#39;</a>`,
	`s := "<>&\"'" + '\'' + ` + "`<>&\"'`\n",
	"<<<>>>&&&'''\"\"\"",
	"key = \"<b>\" # & comment\n[table]\nx = 'y'\n",
	"echo \"$HOME\" > /dev/null && cat <<'EOF'\n<&>\nEOF\n",
	"def f(x):\n    return x < 1 and x > 0  # 'q' \"r\"\n",
	`{"a": "<&>", "b": [1, 2.5e3, true, null]}`,
	"- a: \"<&>\"\n  b: 'x'\n# c\n",
	"# Title <x>\n\n*em* `code & <b>` [l](u \"t\")\n\n```go\nx\n```\n",
	"\xff\xfe<\x80&\n\xc3",
	"ünïcödé « » — 日本語 <b>\n",
	strings.Repeat("x", 10000) + "\n",
	strings.Repeat("a<b&c ", 3000),
	"package main\n\nfunc main() {\n\tprintln(\"" + strings.Repeat("<&>", 3000) + "\")\n}\n",
	"// comment without newline",
	"/* open comment\n\n",
	"\"open string\n",
}

func TestHTMLFormatMatchesChromaOnTrickyInputs(t *testing.T) {
	for _, l := range testLexers {
		for i, src := range trickyInputs {
			if d := diffLexed(t, l.lexer, src); d != "" {
				t.Errorf("%s, input %d %.60q: %s", l.name, i, src, d)
			}
		}
	}
}

// TestHTMLFormatMatchesChromaOnFences renders all fenced code of the
// site's content and the README with every test lexer.
func TestHTMLFormatMatchesChromaOnFences(t *testing.T) {
	var files []string
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../README.md")
	fences := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, code := range fencedCode(string(data)) {
			fences++
			for _, l := range testLexers {
				if d := diffLexed(t, l.lexer, code); d != "" {
					t.Errorf("%s fence %d, %s: %s", path, i, l.name, d)
				}
			}
		}
	}
	t.Logf("%d fences in %d files", fences, len(files))
	if fences == 0 {
		t.Error("found no fences")
	}
}

// fencedCode returns the bodies of the ``` and ~~~ fences in a Markdown
// document, with their newlines.
func fencedCode(doc string) []string {
	var out []string
	var body strings.Builder
	fence := ""
	for line := range strings.Lines(doc) {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			fence = trimmed[:3]
			body.Reset()
		case fence != "" && strings.HasPrefix(trimmed, fence):
			out = append(out, body.String())
			fence = ""
		case fence != "":
			body.WriteString(line)
		}
	}
	return out
}

// TestHTMLFormatMatchesChromaOnGoroot renders a fixed sample of standard
// library files with the Go lexers and a few others.
func TestHTMLFormatMatchesChromaOnGoroot(t *testing.T) {
	files := goSourceSample(t)
	// Small files, so that the sample has many; chroma's regexp lexers
	// make the budget the test's running time.
	const maxFile, budget = 6 << 10, 256 << 10
	lex := []chroma.Lexer{fastGoLexer, chroma.Coalesce(lexers.Get("text")), chroma.Coalesce(lexers.Get("python"))}
	spent, compared := 0, 0
	for _, path := range files {
		if spent >= budget {
			break
		}
		data, err := os.ReadFile(path)
		if err != nil || len(data) > maxFile {
			continue
		}
		spent += len(data)
		compared++
		for _, l := range lex {
			if d := diffLexed(t, l, string(data)); d != "" {
				t.Errorf("%s: %s", path, d)
			}
		}
		if compared%10 == 0 { // chroma's own Go lexer is slow: a tenth
			if d := diffLexed(t, chromaGoLexer, string(data)); d != "" {
				t.Errorf("%s (chroma go): %s", path, d)
			}
		}
	}
	t.Logf("compared %d files, %d KB", compared, spent>>10)
}

// TestHTMLFormatClassTable formats tokens of every type in and around the
// range chroma defines, so each entry of the class table (and the
// fallback for types beyond it) is compared with chroma's class lookup.
func TestHTMLFormatClassTable(t *testing.T) {
	tab := htmlTable()
	lo, hi := int(tab.min)-1200, int(tab.min)+len(tab.spans)+1200
	for tt := lo; tt <= hi; tt++ {
		typ := chroma.TokenType(tt)
		tokens := []chroma.Token{{Type: typ, Value: "a<"}, {Type: typ, Value: ""}, {Type: typ, Value: "b\n"}, {Type: typ, Value: "c"}}
		if d := sameHTML(t, tokens); d != "" {
			t.Fatalf("type %d (%s): %s", tt, typ, d)
		}
	}
}

// TestHTMLFormatIgnoresStyle backs the claim that, with classes, chroma's
// HTML does not depend on the style, so formatHTML needs none.
func TestHTMLFormatIgnoresStyle(t *testing.T) {
	src := "package main\n\n// c\nfunc main() {\n\tx := \"<&>\" + `r`\n\tprintln(x, 1.5, 'y')\n}\n"
	tokens, err := chroma.Tokenise(chromaGoLexer, nil, src)
	if err != nil {
		t.Fatal(err)
	}
	want := fastHTML(tokens)
	for _, name := range styles.Names() {
		if got := chromaHTML(t, styles.Get(name), tokens); got != want {
			t.Errorf("style %s changes chroma's HTML", name)
		}
	}
}

// TestHTMLFormatTokenSequences covers what lexers seldom emit: empty
// tokens anywhere, an EOF-like token that ends the stream, types without
// a class, and tokens made only of newlines.
func TestHTMLFormatTokenSequences(t *testing.T) {
	tok := func(tt chroma.TokenType, v string) chroma.Token { return chroma.Token{Type: tt, Value: v} }
	for _, tc := range []struct {
		name   string
		tokens []chroma.Token
	}{
		{"none", nil},
		{"one empty", []chroma.Token{tok(chroma.Keyword, "")}},
		{"two empty", []chroma.Token{tok(chroma.Keyword, ""), tok(chroma.Text, "")}},
		{"empty last after newline", []chroma.Token{tok(chroma.Keyword, "a\n"), tok(chroma.Name, "")}},
		{"empty last mid line", []chroma.Token{tok(chroma.Keyword, "a"), tok(chroma.Name, "")}},
		{"empty first", []chroma.Token{tok(chroma.Name, ""), tok(chroma.Keyword, "a\n")}},
		{"empty between lines", []chroma.Token{tok(chroma.Keyword, "a\n"), tok(chroma.Name, ""), tok(chroma.Text, "b")}},
		{"empty then newline", []chroma.Token{tok(chroma.Keyword, "a\n"), tok(chroma.Name, ""), tok(chroma.Text, "\n")}},
		{"newlines only", []chroma.Token{tok(chroma.Text, "\n\n"), tok(chroma.Comment, "\n")}},
		{"newline inside", []chroma.Token{tok(chroma.String, "a\nb\n\nc"), tok(chroma.Punctuation, "d\n")}},
		{"eof stops", []chroma.Token{tok(chroma.Keyword, "a"), chroma.EOF, tok(chroma.Keyword, "b")}},
		{"type zero with text", []chroma.Token{tok(0, "x<\n")}},
		{"unknown types", []chroma.Token{tok(-9999, "a"), tok(123456, "b\n"), tok(chroma.Keyword+77, "c")}},
		{"text types", []chroma.Token{tok(chroma.Text, "t"), tok(chroma.TextWhitespace, " "), tok(chroma.TextPunctuation, ".\n")}},
		{"wrapper types", []chroma.Token{tok(chroma.PreWrapper, "p"), tok(chroma.Line, "l"), tok(chroma.CodeLine, "c"), tok(chroma.Background, "b")}},
	} {
		if d := sameHTML(t, tc.tokens); d != "" {
			t.Errorf("%s: %s", tc.name, d)
		}
	}
}

// fuzzTypes are the token types FuzzHTMLFormat builds tokens from: all
// chroma defines, plus ones it does not.
var fuzzTypes = func() []chroma.TokenType {
	var ts []chroma.TokenType
	for tt := range chroma.StandardTypes {
		ts = append(ts, tt)
	}
	ts = append(ts, 0, 1, 99, 1050, 1999, 3333, 10000, -20, -5000, 1<<20)
	slices.Sort(ts)
	return ts
}()

// fuzzLexers are regexp lexers that stay fast on arbitrary input, and
// Stance's Go lexer.
var fuzzLexers = []chroma.Lexer{
	fastGoLexer,
	chroma.Coalesce(lexers.Get("toml")),
	chroma.Coalesce(lexers.Get("json")),
	chroma.Coalesce(lexers.Get("text")),
}

// FuzzHTMLFormat compares both formatters on arbitrary input, lexed with a
// few lexers and also cut into tokens directly: at each NUL byte, the
// byte after it picks the next token's type.
func FuzzHTMLFormat(f *testing.F) {
	for _, s := range trickyInputs {
		if len(s) < 1000 {
			f.Add(s)
		}
	}
	f.Add("a\x00\x05<b\n\x00\x00\x00\x07\n\nc")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return // long inputs only slow the regexp lexers
		}
		for _, l := range fuzzLexers {
			if d := diffLexed(t, l, src); d != "" {
				t.Errorf("%q: %s", src, d)
			}
		}
		var tokens []chroma.Token
		for i, piece := range strings.Split(src, "\x00") {
			tt := chroma.Text
			if i > 0 && piece != "" {
				tt, piece = fuzzTypes[int(piece[0])%len(fuzzTypes)], piece[1:]
			}
			tokens = append(tokens, chroma.Token{Type: tt, Value: piece})
		}
		if d := sameHTML(t, tokens); d != "" {
			t.Errorf("tokens %q: %s", tokens, d)
		}
	})
}

package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func convert(t *testing.T, r *Renderer, src string, env Env) (string, error) {
	t.Helper()
	var b bytes.Buffer
	err := r.Convert(&b, []byte(src), env)
	return b.String(), err
}

func TestConvert(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name, src string
		want      []string
		notWant   []string
	}{
		{"heading ids are stable and unique", "# Hip drop\n\n## Hip drop\n", []string{`<h1 id="hip-drop">`, `<h2 id="hip-drop-1">`}, nil},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<td>1</td>"}, nil},
		{"strikethrough", "~~old~~", []string{"<del>old</del>"}, nil},
		{"task list", "- [x] done\n", []string{`type="checkbox"`, "checked"}, nil},
		{"autolink", "see https://example.org now", []string{`<a href="https://example.org">`}, nil},
		{"footnote", "Claim[^1].\n\n[^1]: Source.\n", []string{`class="footnote-ref"`, "Source."}, nil},
		{"typographer", `"Quoted" -- text`, []string{"&ldquo;Quoted&rdquo;", "&ndash;"}, nil},
		{"raw html is dropped", "<script>alert(1)</script>\n\nText <b>x</b>", []string{"raw HTML omitted"}, []string{"<script>", "<b>"}},
		{"javascript links are neutralised", "[x](javascript:alert(1))", nil, []string{"javascript:"}},
		{"code is highlighted with classes", "```go\nfunc main() {}\n```\n", []string{`<pre class="chroma">`, `<span class="kd">func</span>`}, []string{"style="}},
		{"unknown language is escaped", "```nosuchlang\n<b>\n```\n", []string{"&lt;b&gt;"}, []string{"<b>"}},
		{"plain fence", "```\n<i>\n```\n", []string{`<pre class="chroma"><code>&lt;i&gt;`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := convert(t, r, tt.src, Env{File: "x.md"})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("output has %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestUnsafeKeepsRawHTML(t *testing.T) {
	got, err := convert(t, New(Options{Unsafe: true}), "Text <b>x</b>\n", Env{})
	if err != nil || !strings.Contains(got, "<b>x</b>") {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestLinksAreResolvedAndBrokenOnesReported(t *testing.T) {
	resolve := func(dest string) (string, error) {
		if dest == "../exercises/clamshell.md" {
			return "/exercises/clamshell/", nil
		}
		return "", fmt.Errorf("broken link %q", dest)
	}
	src := "Intro.\n\nDo the [clamshell](../exercises/clamshell.md) and\nthe [ghost](ghost.md), ![pic](nope.png).\n\n[web](https://example.org) [top](#intro) [abs](/x/) [mail](mailto:a@b.c)\n"
	got, err := convert(t, New(Options{}), src, Env{File: "content/guide.md", BodyLine: 4, Resolve: resolve})
	if !strings.Contains(got, `href="/exercises/clamshell/"`) {
		t.Errorf("link not resolved:\n%s", got)
	}
	if err == nil {
		t.Fatal("want broken link errors")
	}
	msg := err.Error()
	for _, w := range []string{`content/guide.md:8: broken link "ghost.md"`, `content/guide.md:8: broken link "nope.png"`} {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q lacks %q", msg, w)
		}
	}
	if strings.Count(msg, "broken link") != 2 {
		t.Errorf("want exactly two broken links, got %q", msg)
	}
}

func TestExerciseCard(t *testing.T) {
	card := func(slug string) (Card, bool) {
		if slug != "clamshell" {
			return Card{}, false
		}
		return Card{Title: "Clamshell <side>", URL: "/exercises/clamshell/", Muscles: []string{"gluteus medius"}, Cues: []string{"Keep feet together"}}, true
	}
	r := New(Options{})
	got, err := convert(t, r, "```exercise\nclamshell\n```\n", Env{File: "g.md", Card: card})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<aside class="exercise-card"`, `<a href="/exercises/clamshell/">Clamshell &lt;side&gt;</a>`, "<dd>gluteus medius</dd>", "<li>Keep feet together</li>"} {
		if !strings.Contains(got, w) {
			t.Errorf("card lacks %q:\n%s", w, got)
		}
	}
	_, err = convert(t, r, "Text\n\n```exercise\nplank\n```\n", Env{File: "g.md", BodyLine: 3, Card: card})
	if err == nil || !strings.Contains(err.Error(), `g.md:6: unknown exercise "plank"`) {
		t.Errorf("got %v", err)
	}
}

// wideTable is a header of cols columns over rows one-word rows: goldmark
// gives each row cols cells.
func wideTable(cols, rows int) string {
	return strings.Repeat("|a", cols) + "|\n" + strings.Repeat("|-", cols) + "|\n" + strings.Repeat("a\n", rows)
}

func TestTableGuard(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name, src string
		want      string // "" means it renders as a table
	}{
		{"ordinary table", "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 |\n", ""},
		{"escaped pipes are not cell breaks", "| a | b |\n|---|---|\n| `x\\|y` | 2 |\n", ""},
		{"short rows within the limit", wideTable(100, MaxPaddedCells/99-1), ""},
		{"header of 3,500 columns over 3,500 rows", "Intro.\n\n" + wideTable(3500, 3500),
			"x.md:13: table: goldmark would fill in 12246500 empty cells to make this page's table rows as wide as their headers (this one has 3500 columns), over the limit of 50000 a page"},
		{"many tables that add up", strings.Repeat(wideTable(100, 200)+"\n", 6), "x.md:417: table: goldmark would fill in 59400 empty cells"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := convert(t, r, tt.src, Env{File: "x.md", BodyLine: 10})
			if tt.want == "" {
				if err != nil || !strings.Contains(out, "<table>") {
					t.Fatalf("not rendered as a table: %v\n%.200s", err, out)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if n := strings.Count(out, "<td>"); n > MaxPaddedCells {
				t.Errorf("%d cells rendered anyway", n)
			}
		})
	}
}

// TestPaddedCellsMatchesGoldmark checks the guard's count against the
// empty cells goldmark really renders, on tables of many shapes (none
// with a cell left empty in the source).
func TestPaddedCellsMatchesGoldmark(t *testing.T) {
	r := New(Options{})
	// The same parser without tables keeps each table a paragraph, as
	// tableGuard sees it.
	paragraphs := goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.TaskList, extension.Footnote))
	emptyCell := regexp.MustCompile(`<t[dh][^>]*></t[dh]>`)
	for _, src := range []string{
		"| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n",
		"a | b\n--|--\nx\ny | z\n",
		"|a|b|\n|:-|-:|\n|\\|x|\n",
		"> | a | b |\n> |---|---|\n> | 1 |\n",
		"- | a | b | c |\n  | - | - | - |\n  | 1 |\n",
		"| a |\n| - | - |\n| 1 |\n",         // a short header is filled up too
		"| a | b | c |\n| - | - |\n| 1 |\n", // a header too wide: no table
		"a\n|-|-|\nb\n",
		"Text.\n| a | b |\n| :-: | --- |\n| 1 |\n",
		wideTable(30, 40),
	} {
		out, err := convert(t, r, src, Env{File: "x.md"})
		if err != nil {
			t.Fatal(err)
		}
		rendered := len(emptyCell.FindAllString(out, -1))
		counted := 0
		doc := paragraphs.Parser().Parse(text.NewReader([]byte(src)))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			// A tight list turns its paragraphs into text blocks later.
			if _, ok := n.(*ast.Paragraph); ok && entering {
				padded, _, _ := paddedCells(n.Lines(), []byte(src))
				counted += padded
			}
			if _, ok := n.(*ast.TextBlock); ok && entering {
				padded, _, _ := paddedCells(n.Lines(), []byte(src))
				counted += padded
			}
			return ast.WalkContinue, nil
		})
		if counted != rendered {
			t.Errorf("%q: the guard counts %d empty cells, goldmark renders %d\n%s", src, counted, rendered, out)
		}
	}
}

// bigCard is an exercise with 64 KB of cues: every ```exercise block
// naming it costs 64 KB of HTML for 18 bytes of Markdown.
func bigCard(slug string) (Card, bool) {
	return Card{Title: "Clamshell", URL: "/exercises/clamshell/", Cues: []string{strings.Repeat("Keep your heels together. ", 2600)}}, true
}

func TestHTMLLimit(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name, src string
		tooLarge  bool
	}{
		{"a guide", "# Clamshell\n\nLie on your side.\n\n```exercise\nclamshell\n```\n", false},
		{"cards up to the limit", strings.Repeat("```exercise\nclamshell\n```\n", 15), false},
		{"cards over the limit", strings.Repeat("```exercise\nclamshell\n```\n", 40), true},
		{"footnote references", strings.Repeat("[^a]", 200000) + "\n\n[^a]: x\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := convert(t, r, tt.src, Env{File: "content/x.md", Card: bigCard})
			if int64(len(out)) > HTMLLimit(len(tt.src)) {
				t.Errorf("%d bytes of HTML written, over the limit of %d", len(out), HTMLLimit(len(tt.src)))
			}
			if !tt.tooLarge {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), "content/x.md: rendered HTML exceeds ") || !strings.Contains(err.Error(), "times the page's") {
				t.Fatalf("got %v, want the HTML limit's error", err)
			}
		})
	}
}

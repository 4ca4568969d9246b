package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
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

func TestStyleSheetHasBothSchemes(t *testing.T) {
	css, err := StyleSheet("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(css, ".chroma .kd") || !strings.Contains(css, "@media (prefers-color-scheme: dark)") {
		t.Errorf("stylesheet incomplete:\n%.300s", css)
	}
}
